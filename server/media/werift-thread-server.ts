// The embedded werift SFU in its own worker thread (the default; MEDIA_SFU_THREAD=0 keeps it on the
// main thread, werift-media-server.ts). The worker owns the UDP sockets, ICE, DTLS/SRTP and the
// forwarding (server/workers/sfu-worker.ts); here a router is only its id, its capabilities and
// the producers it knows of, enough to answer canConsume/getProducer without a round trip. The
// worker makes its side of a router at the router's first transport, so a router outlives a dead
// worker: its rooms re-join through it onto the replacement.
import { randomUUID } from 'node:crypto';
import type { TRtpCapabilities } from '../../shared/protocol/media-schemas';
import type { MediaConfig } from './config';
import type { MediaRouter, MediaServer } from './media-server';
import { buildRouterRtpCapabilities, canConsumeProduced } from './router-capabilities';
import { SfuThread, type SfuThreadOptions } from './werift-thread';
import { ThreadTransport, type ThreadProducer, type ThreadRouterLink } from './werift-thread-proxies';

class ThreadRouter implements MediaRouter, ThreadRouterLink {
  readonly id = randomUUID();
  readonly simulcast = false;
  private readonly producers = new Map<string, ThreadProducer>();
  private readonly transports = new Set<ThreadTransport>();
  private closed = false;

  constructor(
    readonly thread: SfuThread,
    readonly rtpCapabilities: TRtpCapabilities,
    private readonly onClosed: (router: ThreadRouter) => void,
  ) {}

  async createWebRtcTransport(): Promise<ThreadTransport> {
    if (this.closed) throw new Error('router closed');
    const description = await this.thread.call('createTransport', { routerId: this.id });
    const transport = new ThreadTransport(description, this);
    this.transports.add(transport);
    // Closed while the worker made it: the worker's router is gone, or goes now.
    if (this.closed) transport.close();
    return transport;
  }

  canConsume({ producerId, rtpCapabilities }: { producerId: string; rtpCapabilities: TRtpCapabilities }): boolean {
    return canConsumeProduced(this.rtpCapabilities, this.producers.get(producerId)?.rtpParameters, rtpCapabilities);
  }

  getProducer(producerId: string): ThreadProducer | undefined {
    return this.producers.get(producerId);
  }

  findProducer(producerId: string): ThreadProducer | undefined {
    return this.producers.get(producerId);
  }

  producerOpened(producer: ThreadProducer): void {
    this.producers.set(producer.id, producer);
  }

  producerClosed(producer: ThreadProducer): void {
    this.producers.delete(producer.id);
  }

  transportClosed(transport: ThreadTransport): void {
    this.transports.delete(transport);
  }

  /** No speaker detection in the embedded SFU: the console falls back to the browser's audio levels. */
  onActiveSpeaker(): () => void {
    return () => {};
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const transport of [...this.transports]) transport.close();
    await this.thread.call('closeRouter', { routerId: this.id }).catch(() => {});
    this.onClosed(this);
  }
}

export type { ThreadRouter };

export interface WeriftThreadMediaServer extends MediaServer {
  createRouter(): Promise<ThreadRouter>;
  /** The worker thread and its deaths (for tests and the bench). */
  readonly thread: SfuThread;
}

export async function createWeriftThreadMediaServer(config: MediaConfig, options: SfuThreadOptions = {}): Promise<WeriftThreadMediaServer> {
  const thread = await SfuThread.start(config, options);
  const rtpCapabilities = buildRouterRtpCapabilities(config.startBitrateKbps);
  const routers = new Set<ThreadRouter>();
  return {
    thread,
    async createRouter() {
      const router = new ThreadRouter(thread, rtpCapabilities, (closed) => routers.delete(closed));
      routers.add(router);
      return router;
    },
    async close() {
      await Promise.all([...routers].map((router) => router.close()));
      await thread.close();
    },
  };
}
