// Main-thread stand-ins for the transports, producers and consumers that live in the SFU worker
// thread. Ids, parameters and paused/closed are mirrored from the worker's answers and events, so
// everything the signaling reads synchronously is answered here; anything that acts is a call.
// Closes cascade here at once (a transport takes its producers and consumers, a producer its
// consumers) just as they do in the worker, which reports each one back; the echo finds nothing.
import type { MediaIceCandidate } from '../../shared/protocol/media-events';
import type { MediaKind, TDtlsParameters, TRtpCapabilities, TRtpParameters } from '../../shared/protocol/media-schemas';
import type { ConsumerDescription, ProducerDescription, TransportDescription } from '../workers/sfu-protocol';
import type { CloseReason, MediaConsumer, MediaProducer, MediaTransport, TransportCounters } from './media-server';
import type { SfuObject, SfuThread } from './werift-thread';

/** What a transport needs from its router. */
export interface ThreadRouterLink {
  readonly thread: SfuThread;
  findProducer(producerId: string): ThreadProducer | undefined;
  producerOpened(producer: ThreadProducer): void;
  producerClosed(producer: ThreadProducer): void;
  transportClosed(transport: ThreadTransport): void;
}

class CloseListeners<A extends unknown[]> {
  private readonly listeners = new Set<(...args: A) => void>();
  add(listener: (...args: A) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  fire(...args: A): void {
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener(...args);
  }
}

export class ThreadTransport implements MediaTransport, SfuObject {
  readonly isTransport = true;
  readonly id: string;
  readonly iceParameters: MediaTransport['iceParameters'];
  readonly iceCandidates: MediaIceCandidate[];
  readonly dtlsParameters: TDtlsParameters;
  closed = false;
  readonly producers = new Set<ThreadProducer>();
  readonly consumers = new Set<ThreadConsumer>();
  private readonly closeListeners = new CloseListeners<[CloseReason]>();

  constructor(
    description: TransportDescription,
    private readonly router: ThreadRouterLink,
  ) {
    this.id = description.id;
    this.iceParameters = description.iceParameters;
    this.iceCandidates = description.iceCandidates;
    this.dtlsParameters = description.dtlsParameters;
    router.thread.register(this.id, this);
  }

  get thread(): SfuThread {
    return this.router.thread;
  }

  async connect({ dtlsParameters }: { dtlsParameters: TDtlsParameters }): Promise<void> {
    if (this.closed) throw new Error('transport closed');
    await this.router.thread.call('connect', { transportId: this.id, dtlsParameters });
  }

  async produce(options: { kind: MediaKind; rtpParameters: TRtpParameters; paused?: boolean }): Promise<ThreadProducer> {
    if (this.closed) throw new Error('transport closed');
    const description = await this.router.thread.call('produce', {
      transportId: this.id,
      kind: options.kind,
      rtpParameters: options.rtpParameters,
      paused: options.paused ?? false,
    });
    // Closed while the worker produced: the worker closed the producer with the transport.
    if (this.closed) throw new Error('transport closed');
    const producer = new ThreadProducer(description, this, this.router);
    this.producers.add(producer);
    this.router.producerOpened(producer);
    return producer;
  }

  async consume(options: { producerId: string; rtpCapabilities: TRtpCapabilities; paused?: boolean }): Promise<ThreadConsumer> {
    // `layer` is ignored: werift forwards the one encoding a producer sends.
    if (this.closed) throw new Error('transport closed');
    if (!this.router.findProducer(options.producerId)) throw new Error('producer not found');
    const description = await this.router.thread.call('consume', {
      transportId: this.id,
      producerId: options.producerId,
      rtpCapabilities: options.rtpCapabilities,
      paused: options.paused ?? false,
    });
    const producer = this.router.findProducer(options.producerId);
    if (this.closed || !producer) throw new Error(this.closed ? 'transport closed' : 'producer closed');
    const consumer = new ThreadConsumer(description, this, producer);
    this.consumers.add(consumer);
    return consumer;
  }

  getStats(): Promise<TransportCounters> {
    return this.router.thread.call('getStats', { transportId: this.id });
  }

  onClose(listener: (reason: CloseReason) => void): () => void {
    return this.closeListeners.add(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closedHere('closed');
    this.router.thread.send('closeTransport', { transportId: this.id });
  }

  closedByWorker(reason: CloseReason): void {
    if (!this.closed) this.closedHere(reason);
  }

  private closedHere(reason: CloseReason): void {
    this.closed = true;
    this.router.thread.unregister(this.id);
    for (const consumer of [...this.consumers]) consumer.closedByWorker();
    for (const producer of [...this.producers]) producer.closedByWorker();
    this.router.transportClosed(this);
    this.closeListeners.fire(reason);
  }
}

export class ThreadProducer implements MediaProducer, SfuObject {
  readonly isTransport = false;
  readonly id: string;
  readonly kind: MediaKind;
  readonly rtpParameters: TRtpParameters;
  paused: boolean;
  closed = false;
  readonly consumers = new Set<ThreadConsumer>();
  private readonly closeListeners = new CloseListeners<[]>();

  constructor(
    description: ProducerDescription,
    private readonly transport: ThreadTransport,
    private readonly router: ThreadRouterLink,
  ) {
    this.id = description.id;
    this.kind = description.kind;
    this.rtpParameters = description.rtpParameters;
    this.paused = description.paused;
    router.thread.register(this.id, this);
  }

  async pause(): Promise<void> {
    if (this.closed) return;
    this.paused = true;
    await this.router.thread.call('setProducerPaused', { producerId: this.id, paused: true });
  }

  async resume(): Promise<void> {
    if (this.closed) return;
    this.paused = false;
    await this.router.thread.call('setProducerPaused', { producerId: this.id, paused: false });
  }

  onClose(listener: () => void): () => void {
    return this.closeListeners.add(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closedByWorker();
    this.router.thread.send('closeProducer', { producerId: this.id });
  }

  closedByWorker(): void {
    if (this.closed) return;
    this.closed = true;
    this.router.thread.unregister(this.id);
    this.transport.producers.delete(this);
    for (const consumer of [...this.consumers]) consumer.closedByWorker();
    this.router.producerClosed(this);
    this.closeListeners.fire();
  }
}

export class ThreadConsumer implements MediaConsumer, SfuObject {
  readonly isTransport = false;
  readonly id: string;
  readonly producerId: string;
  readonly kind: MediaKind;
  readonly rtpParameters: TRtpParameters;
  paused: boolean;
  closed = false;
  private readonly closeListeners = new CloseListeners<[]>();

  constructor(
    description: ConsumerDescription,
    private readonly transport: ThreadTransport,
    private readonly producer: ThreadProducer,
  ) {
    this.id = description.id;
    this.producerId = description.producerId;
    this.kind = description.kind;
    this.rtpParameters = description.rtpParameters;
    this.paused = description.paused;
    producer.consumers.add(this);
    this.thread.register(this.id, this);
  }

  private get thread(): SfuThread {
    return this.transport.thread;
  }

  async pause(): Promise<void> {
    if (this.closed) return;
    this.paused = true;
    await this.thread.call('setConsumerPaused', { consumerId: this.id, paused: true });
  }

  async resume(): Promise<void> {
    if (this.closed) return;
    this.paused = false;
    await this.thread.call('setConsumerPaused', { consumerId: this.id, paused: false });
  }

  /** werift producers send one layer: nothing to choose. */
  async setLayer(): Promise<void> {}

  onClose(listener: () => void): () => void {
    return this.closeListeners.add(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closedByWorker();
    this.thread.send('closeConsumer', { consumerId: this.id });
  }

  closedByWorker(): void {
    if (this.closed) return;
    this.closed = true;
    this.thread.unregister(this.id);
    this.producer.consumers.delete(this);
    this.transport.consumers.delete(this);
    this.closeListeners.fire();
  }
}
