// The mediasoup worker processes: one per slot (MEDIA_WORKERS), each with its own slice of the UDP
// port range so workers never race for a port. A worker that dies (a crash, the OOM killer, a
// SIGKILL) is logged and replaced on the same slot and ports. By the time mediasoup reports the
// death it has already closed that worker's routers, transports, producers and consumers; the
// ceremony routers turn those closes into 'dead' transports, which tell the browsers to re-join
// (they land on the replacement or on another worker). Nothing here touches the ceremony itself.
import type { MediaConfig } from '../config';
import type { MediasoupModule, MsWorker } from './mediasoup-types';

export interface WorkerSlot {
  readonly index: number;
  /** The live worker, or the dead one while `ready` waits for its replacement. */
  worker: MsWorker;
  /** Resolves to the slot's live worker (a replacement, once started). */
  ready: Promise<MsWorker>;
  readonly portRange: { min: number; max: number };
  /** WebRtcTransports on this slot, over every ceremony: what "least loaded" counts. */
  transports: number;
}

export interface WorkerPoolOptions {
  log?: (message: string) => void;
  /** First wait before retrying a failed replacement; doubles up to 30 s. */
  retryDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 30_000;

export class MediasoupWorkerPool {
  readonly slots: WorkerSlot[] = [];
  /** Workers that died and were replaced, since start (for logs, tests and the bench). */
  deaths = 0;
  private closed = false;
  private readonly log: (message: string) => void;
  private readonly retryDelayMs: number;

  private constructor(
    private readonly mediasoup: MediasoupModule,
    options: WorkerPoolOptions,
  ) {
    this.log = options.log ?? ((message) => console.error(message));
    this.retryDelayMs = options.retryDelayMs ?? 500;
  }

  static async start(mediasoup: MediasoupModule, config: MediaConfig, options: WorkerPoolOptions = {}): Promise<MediasoupWorkerPool> {
    const span = Math.floor((config.maxPort - config.minPort + 1) / config.workers);
    if (span < 1) throw new Error('MEDIA_MIN_PORT..MEDIA_MAX_PORT has fewer ports than MEDIA_WORKERS');
    const pool = new MediasoupWorkerPool(mediasoup, options);
    try {
      for (let index = 0; index < config.workers; index++) {
        const portRange = { min: config.minPort + index * span, max: config.minPort + (index + 1) * span - 1 };
        const worker = await pool.spawn(portRange);
        const slot: WorkerSlot = { index, worker, ready: Promise.resolve(worker), portRange, transports: 0 };
        pool.slots.push(slot);
        pool.watch(slot, worker);
      }
    } catch (error) {
      pool.close();
      throw error;
    }
    return pool;
  }

  get workers(): MsWorker[] {
    return this.slots.map((slot) => slot.worker);
  }

  /** The least loaded slot whose worker is alive (any slot if none is: its replacement is awaited). */
  leastLoaded(): WorkerSlot {
    const alive = this.slots.filter((slot) => !slot.worker.closed);
    const candidates = alive.length > 0 ? alive : this.slots;
    return candidates.reduce((best, candidate) => (candidate.transports < best.transports ? candidate : best));
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots) if (!slot.worker.closed) slot.worker.close();
  }

  private spawn(portRange: { min: number; max: number }): Promise<MsWorker> {
    return this.mediasoup.createWorker({ logLevel: 'error', rtcMinPort: portRange.min, rtcMaxPort: portRange.max });
  }

  private watch(slot: WorkerSlot, worker: MsWorker): void {
    worker.once('died', (error: unknown) => {
      if (this.closed || slot.worker !== worker) return;
      this.deaths++;
      const why = error instanceof Error ? error.message : String(error);
      this.log(`[media] mediasoup worker ${worker.pid} (slot ${slot.index}) died (${why}); its rooms re-join, starting a replacement`);
      slot.ready = this.replace(slot);
      // Nobody may be waiting yet; a failure is logged inside replace().
      slot.ready.catch(() => {});
    });
  }

  private async replace(slot: WorkerSlot): Promise<MsWorker> {
    let delay = this.retryDelayMs;
    for (;;) {
      if (this.closed) throw new Error('media server closed');
      try {
        const worker = await this.spawn(slot.portRange);
        if (this.closed) {
          worker.close();
          throw new Error('media server closed');
        }
        slot.worker = worker;
        this.watch(slot, worker);
        this.log(`[media] mediasoup worker ${worker.pid} replaces the dead one on slot ${slot.index}`);
        return worker;
      } catch (error) {
        if (this.closed) throw error;
        this.log(`[media] could not start a replacement mediasoup worker on slot ${slot.index}: ${String(error)}; retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay).unref?.());
        delay = Math.min(MAX_RETRY_DELAY_MS, delay * 2);
      }
    }
  }
}
