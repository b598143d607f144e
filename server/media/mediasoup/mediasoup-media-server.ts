// The production media backend: real mediasoup workers (MEDIA_BACKEND=mediasoup), one per core.
// A ceremony's MediaRouter is a set of mediasoup routers, at most one per worker, made when a
// transport lands on that worker and closed when its last transport goes. A room's transports
// share a worker (the `group` hint); watchers go to the least loaded worker. A producer consumed
// from another worker is piped there once (pipeToRouter), so the stage's viewers spread over all
// cores instead of one. Audio producers feed an ActiveSpeakerObserver on their router.
// A worker that dies takes its routers with it: the legs on it are dropped, their transports close
// as 'dead' (browsers re-join), and the pool starts a replacement (mediasoup-worker-pool.ts).
import { randomUUID } from 'node:crypto';
import type { TRtpCapabilities } from '../../../shared/protocol/media-schemas';
import type { MediaConfig } from '../config';
import type { MediaRouter, MediaServer } from '../media-server';
import { loadMediasoup } from './load-mediasoup';
import { MediasoupTransport, type MediasoupProducer } from './mediasoup-transport';
import type { MsActiveSpeakerObserver, MsRouter, MsWorker } from './mediasoup-types';
import { MediasoupWorkerPool, type WorkerPoolOptions, type WorkerSlot } from './mediasoup-worker-pool';

function mediaCodecs(startBitrateKbps: number): unknown[] {
  return [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    // Chrome's first guess before the congestion controller has measured anything.
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': startBitrateKbps } },
  ];
}

/** One ceremony's router on one worker. */
interface Leg {
  slot: WorkerSlot;
  router: MsRouter;
  speakers: MsActiveSpeakerObserver;
  transports: Set<MediasoupTransport>;
  /** Transports being created on this router right now: it must not close under them. */
  pending: number;
  /** Producers piped here from other workers, by producer id. */
  piped: Map<string, Promise<void>>;
}

class MediasoupCeremonyRouter implements MediaRouter {
  readonly id = randomUUID();
  readonly simulcast = true;
  private readonly legs = new Map<number, Promise<Leg>>();
  private readonly producers = new Map<string, { producer: MediasoupProducer; router: MsRouter }>();
  private readonly groups = new Map<string, number>();
  private readonly speakerListeners = new Set<(producerId: string) => void>();
  private closed = false;

  constructor(
    readonly rtpCapabilities: TRtpCapabilities,
    private readonly config: MediaConfig,
    private readonly pool: MediasoupWorkerPool,
    private readonly onClosed: (router: MediasoupCeremonyRouter) => void,
  ) {}

  private leg(slot: WorkerSlot): Promise<Leg> {
    let leg = this.legs.get(slot.index);
    if (!leg) {
      const created = (async () => {
        // A dead worker's replacement may still be starting: wait for it.
        const worker = slot.worker.closed ? await slot.ready : slot.worker;
        const router = await worker.createRouter({ mediaCodecs: mediaCodecs(this.config.startBitrateKbps) });
        // However the router goes (emptied, or its worker died), later transports need a new one.
        router.observer.once('close', () => this.dropLeg(slot.index, created));
        const speakers = await router.createActiveSpeakerObserver({ interval: 300 });
        speakers.on('dominantspeaker', ({ producer }: { producer: { id: string } }) => {
          for (const listener of this.speakerListeners) listener(producer.id);
        });
        return { slot, router, speakers, transports: new Set<MediasoupTransport>(), pending: 0, piped: new Map<string, Promise<void>>() };
      })();
      created.catch(() => this.dropLeg(slot.index, created));
      this.legs.set(slot.index, created);
      leg = created;
    }
    return leg;
  }

  private dropLeg(index: number, leg: Promise<Leg>): void {
    if (this.legs.get(index) !== leg) return;
    this.legs.delete(index);
    for (const [group, slotIndex] of this.groups) if (slotIndex === index) this.groups.delete(group);
  }

  private pickSlot(group: string | undefined): WorkerSlot {
    const sticky = group === undefined ? undefined : this.groups.get(group);
    if (sticky !== undefined && this.legs.has(sticky)) return this.pool.slots[sticky]!;
    const slot = this.pool.leastLoaded();
    if (group !== undefined) this.groups.set(group, slot.index);
    return slot;
  }

  async createWebRtcTransport(options: { group?: string } = {}): Promise<MediasoupTransport> {
    if (this.closed) throw new Error('router closed');
    const slot = this.pickSlot(options.group);
    slot.transports++;
    let leg: Leg;
    let inner;
    try {
      leg = await this.leg(slot);
      // Closed while we waited (its last transport left): a fresh router on the same worker.
      if (leg.router.closed) leg = await this.leg(slot);
      leg.pending++;
      inner = await leg.router.createWebRtcTransport({
        listenInfos: [
          {
            protocol: 'udp',
            ip: this.config.listenIp,
            ...(this.config.announcedIp !== this.config.listenIp ? { announcedAddress: this.config.announcedIp } : {}),
            portRange: slot.portRange,
          },
        ],
        initialAvailableOutgoingBitrate: this.config.startBitrateKbps * 1000,
      }).finally(() => leg.pending--);
    } catch (error) {
      slot.transports--;
      throw error;
    }
    const transport = new MediasoupTransport(inner, {
      router: leg.router,
      livenessTimeoutMs: this.config.livenessTimeoutMs,
      // Closed by nobody here: its router or worker went away under it.
      unexpectedCloseReason: () => (this.closed ? 'closed' : 'dead'),
      prepareConsume: (producerId, router) => this.prepareConsume(producerId, leg, router),
      registerProducer: (producer, router) => {
        this.producers.set(producer.id, { producer, router });
        producer.onClose(() => this.producers.delete(producer.id));
        if (producer.kind === 'audio') leg.speakers.addProducer({ producerId: producer.id }).catch(() => {});
      },
    });
    leg.transports.add(transport);
    transport.onClose(() => {
      slot.transports--;
      leg.transports.delete(transport);
      // An empty router costs a worker nothing much, but a ceremony's rooms come and go: close it.
      if (leg.transports.size === 0 && leg.pending === 0 && !leg.router.closed) leg.router.close();
    });
    return transport;
  }

  private async prepareConsume(producerId: string, leg: Leg, router: MsRouter): Promise<boolean> {
    const source = this.producers.get(producerId);
    if (!source || source.producer.closed) return false;
    if (source.router === router) return true;
    let piping = leg.piped.get(producerId);
    if (!piping) {
      piping = source.router.pipeToRouter({ producerId, router }).then(() => undefined);
      leg.piped.set(producerId, piping);
      source.producer.onClose(() => leg.piped.delete(producerId));
      piping.catch(() => leg.piped.delete(producerId));
    }
    await piping;
    return true;
  }

  canConsume({ producerId, rtpCapabilities }: { producerId: string; rtpCapabilities: TRtpCapabilities }): boolean {
    const source = this.producers.get(producerId);
    if (!source) return false;
    try {
      return source.router.canConsume({ producerId, rtpCapabilities });
    } catch {
      return false;
    }
  }

  getProducer(producerId: string): MediasoupProducer | undefined {
    return this.producers.get(producerId)?.producer;
  }

  onActiveSpeaker(listener: (producerId: string) => void): () => void {
    this.speakerListeners.add(listener);
    return () => this.speakerListeners.delete(listener);
  }

  /** Workers this ceremony has a router on (for tests and the bench). */
  get workerCount(): number {
    return this.legs.size;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.speakerListeners.clear();
    const legs = await Promise.allSettled([...this.legs.values()]);
    this.legs.clear();
    for (const leg of legs) if (leg.status === 'fulfilled') leg.value.router.close();
    this.onClosed(this);
  }
}

export type { MediasoupCeremonyRouter };

export interface MediasoupMediaServer extends MediaServer {
  createRouter(): Promise<MediasoupCeremonyRouter>;
  /** The live workers, one per slot (a dead one until its replacement is up). */
  readonly workers: readonly MsWorker[];
  readonly pool: MediasoupWorkerPool;
}

export async function createMediasoupMediaServer(config: MediaConfig, options: WorkerPoolOptions = {}): Promise<MediasoupMediaServer> {
  const pool = await MediasoupWorkerPool.start(loadMediasoup(), config, options);
  let rtpCapabilities: TRtpCapabilities;
  try {
    // Every router gets the same codecs, so any of them describes all; this one is only asked once.
    const probe = await pool.slots[0]!.worker.createRouter({ mediaCodecs: mediaCodecs(config.startBitrateKbps) });
    rtpCapabilities = probe.rtpCapabilities;
    probe.close();
  } catch (error) {
    pool.close();
    throw error;
  }
  const routers = new Set<MediasoupCeremonyRouter>();
  return {
    pool,
    get workers() {
      return pool.workers;
    },
    async createRouter() {
      const router = new MediasoupCeremonyRouter(rtpCapabilities, config, pool, (closed) => routers.delete(closed));
      routers.add(router);
      return router;
    },
    async close() {
      await Promise.all([...routers].map((router) => router.close()));
      pool.close();
    },
  };
}
