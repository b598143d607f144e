// mediasoup's WebRtcTransport, Producer and Consumer behind the MediaServer interface. Transports
// of one ceremony may sit on different workers; the router (mediasoup-media-server.ts) pipes a
// producer to the consumer's worker before consuming, through `prepareConsume`.
import type { MediaIceCandidate, TransportCounters } from '../../../shared/protocol/media-events';
import type { MediaKind, TDtlsParameters, TRtpCapabilities, TRtpParameters } from '../../../shared/protocol/media-schemas';
import type { CloseReason, ConsumerLayer, MediaConsumer, MediaProducer, MediaTransport } from '../media-server';
import type { MsConsumer, MsProducer, MsRouter, MsWebRtcTransport } from './mediasoup-types';

/** Three simulcast encodings (low, medium, high): the gallery takes the lowest, the stage the highest. */
const LAYERS: Record<ConsumerLayer, { spatialLayer: number; temporalLayer?: number }> = {
  low: { spatialLayer: 0 },
  high: { spatialLayer: 2 },
};

function onceClosed(target: { closed: boolean; observer: NodeJS.EventEmitter }, listener: () => void): () => void {
  if (target.closed) {
    queueMicrotask(listener);
    return () => {};
  }
  target.observer.once('close', listener);
  return () => target.observer.off('close', listener);
}

export class MediasoupProducer implements MediaProducer {
  constructor(readonly inner: MsProducer) {}
  get id() { return this.inner.id; }
  get kind(): MediaKind { return this.inner.kind; }
  get rtpParameters(): TRtpParameters { return this.inner.rtpParameters; }
  get paused() { return this.inner.paused; }
  get closed() { return this.inner.closed; }
  pause() { return this.inner.pause(); }
  resume() { return this.inner.resume(); }
  onClose(listener: () => void) { return onceClosed(this.inner, listener); }
  close() { this.inner.close(); }
}

export class MediasoupConsumer implements MediaConsumer {
  constructor(readonly inner: MsConsumer) {}
  get id() { return this.inner.id; }
  get producerId() { return this.inner.producerId; }
  get kind(): MediaKind { return this.inner.kind; }
  get rtpParameters(): TRtpParameters { return this.inner.rtpParameters; }
  get paused() { return this.inner.paused; }
  get closed() { return this.inner.closed; }
  pause() { return this.inner.pause(); }
  resume() { return this.inner.resume(); }
  async setLayer(layer: ConsumerLayer): Promise<void> {
    if (this.kind === 'video') await this.inner.setPreferredLayers(LAYERS[layer]);
  }
  onClose(listener: () => void) { return onceClosed(this.inner, listener); }
  close() { this.inner.close(); }
}

export interface MediasoupTransportContext {
  router: MsRouter;
  livenessTimeoutMs: number;
  /** Why the transport closed when nobody called close(): its router or worker went away. */
  unexpectedCloseReason(): CloseReason;
  /** Makes `producerId` consumable on `router` (pipes it over from its worker); resolves false if unknown. */
  prepareConsume(producerId: string, router: MsRouter): Promise<boolean>;
  registerProducer(producer: MediasoupProducer, router: MsRouter): void;
}

export class MediasoupTransport implements MediaTransport {
  readonly iceParameters: MediaTransport['iceParameters'];
  readonly iceCandidates: MediaIceCandidate[];
  readonly dtlsParameters: TDtlsParameters;
  private readonly producers = new Set<MediasoupProducer>();
  private readonly consumers = new Set<MediasoupConsumer>();
  private readonly closeListeners = new Set<(reason: CloseReason) => void>();
  private closeReason: CloseReason | undefined;
  private silentTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly inner: MsWebRtcTransport,
    private readonly context: MediasoupTransportContext,
  ) {
    this.iceParameters = { usernameFragment: inner.iceParameters.usernameFragment, password: inner.iceParameters.password, iceLite: true };
    this.iceCandidates = inner.iceCandidates.map((candidate) => ({
      foundation: candidate.foundation,
      priority: candidate.priority,
      ip: candidate.address,
      address: candidate.address,
      protocol: candidate.protocol,
      port: candidate.port,
      type: 'host',
    }));
    this.dtlsParameters = { role: 'auto', fingerprints: inner.dtlsParameters.fingerprints };
    // mediasoup's ICE reports 'disconnected' when consent checks stop; give the browser the same
    // grace as the werift backend, then treat the transport as gone.
    inner.on('icestatechange', (state: string) => {
      if (this.silentTimer) clearTimeout(this.silentTimer);
      this.silentTimer = undefined;
      if (state === 'disconnected') {
        this.silentTimer = setTimeout(() => this.close('dead'), context.livenessTimeoutMs);
        this.silentTimer.unref?.();
      }
    });
    inner.on('dtlsstatechange', (state: string) => {
      if (state === 'failed') this.close('dead');
    });
    inner.observer.once('close', () => {
      if (this.silentTimer) clearTimeout(this.silentTimer);
      const reason = this.closeReason ?? context.unexpectedCloseReason();
      for (const listener of [...this.closeListeners]) listener(reason);
      this.closeListeners.clear();
    });
  }

  get id() { return this.inner.id; }
  get closed() { return this.inner.closed; }

  async connect({ dtlsParameters }: { dtlsParameters: TDtlsParameters }): Promise<void> {
    await this.inner.connect({ dtlsParameters });
  }

  async produce(options: { kind: MediaKind; rtpParameters: TRtpParameters; paused?: boolean }): Promise<MediasoupProducer> {
    const producer = new MediasoupProducer(await this.inner.produce(options));
    this.producers.add(producer);
    producer.onClose(() => this.producers.delete(producer));
    this.context.registerProducer(producer, this.context.router);
    return producer;
  }

  async consume(options: {
    producerId: string;
    rtpCapabilities: TRtpCapabilities;
    paused?: boolean;
    layer?: ConsumerLayer;
  }): Promise<MediasoupConsumer> {
    if (!(await this.context.prepareConsume(options.producerId, this.context.router))) throw new Error('producer not found');
    const consumer = new MediasoupConsumer(
      await this.inner.consume({
        producerId: options.producerId,
        rtpCapabilities: options.rtpCapabilities,
        paused: options.paused ?? false,
        preferredLayers: LAYERS[options.layer ?? 'high'],
      }),
    );
    this.consumers.add(consumer);
    consumer.onClose(() => this.consumers.delete(consumer));
    return consumer;
  }

  async getStats(): Promise<TransportCounters> {
    const [transport] = await this.inner.getStats();
    const producerStats = (await Promise.all([...this.producers].map((p) => p.inner.getStats().catch(() => [])))).flat();
    const consumerStats = (await Promise.all([...this.consumers].map((c) => c.inner.getStats().catch(() => [])))).flat();
    const sent = consumerStats.filter((row) => row.type === 'outbound-rtp');
    const sum = <T>(rows: T[], pick: (row: T) => number) => rows.reduce((total, row) => total + (pick(row) || 0), 0);
    return {
      iceState: transport?.iceState ?? this.inner.iceState,
      dtlsState: transport?.dtlsState ?? this.inner.dtlsState,
      bytesReceived: transport?.bytesReceived ?? 0,
      bytesSent: transport?.bytesSent ?? 0,
      packetsReceived: sum(producerStats, (row) => row.packetCount),
      packetsSent: sum(sent, (row) => row.packetCount),
      packetsLost: sum(producerStats, (row) => row.packetsLost),
      nacksReceived: sum(sent, (row) => row.nackCount),
      rtpPacketsForwarded: sum(sent, (row) => row.packetCount),
    };
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(reason: CloseReason = 'closed'): void {
    if (this.inner.closed) return;
    this.closeReason = reason;
    this.inner.close();
  }
}
