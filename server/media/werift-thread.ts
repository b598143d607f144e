// The main thread's end of the SFU worker thread (server/workers/sfu-worker.ts): starts it, sends
// calls and matches answers, hands the worker's close events to the proxy they name, and replaces a
// worker that dies. A death closes every transport it held as 'dead' (the browsers re-join, as with
// a dead mediasoup worker) and the next calls go to the replacement; the ceremony is not touched.
import { Worker } from 'node:worker_threads';
import {
  SFU_WORKER_ENTRY,
  SFU_WORKER_MODULE,
  type SfuCalls,
  type SfuEvent,
  type SfuMethod,
  type SfuRequest,
  type SfuWorkerData,
  type SfuWorkerMessage,
} from '../workers/sfu-protocol';
import type { MediaConfig } from './config';
import type { CloseReason } from './media-server';
import { DEFAULT_RESTART_BACKOFF, RestartBackoff } from './restart-backoff';

export interface SfuThreadOptions {
  log?: (message: string) => void;
  /**
   * First wait before replacing a worker that died while starting or within `stableMs` of being
   * ready; doubles with each such death in a row, up to `maxRetryDelayMs`, half of it jittered.
   */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  stableMs?: number;
  /** Uniform in [0, 1) for the jitter (tests pass a seeded one). */
  random?: () => number;
}

/** What a proxy does when the worker says its object closed, or when the worker died under it. */
export interface SfuObject {
  readonly isTransport: boolean;
  closedByWorker(reason: CloseReason): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class SfuThread {
  /** Workers that died and were replaced, since start (for logs, tests and the bench). */
  deaths = 0;
  /** Workers that said they were ready, the first one included. */
  starts = 0;
  /** The waits chosen before each replacement, in order (the last 32; 0 = at once). */
  readonly restartDelays: number[] = [];
  private current!: Worker;
  private ready = false;
  /** Calls made while the worker starts; sent once it says it is ready. */
  private readonly queued: SfuRequest[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly objects = new Map<string, SfuObject>();
  private nextId = 1;
  private closed = false;
  private readonly backoff: RestartBackoff;
  /** performance.now() when the current worker said it was ready. */
  private readyAt = 0;
  private noted = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private firstStart: { resolve(): void; reject(error: Error): void } | undefined;
  private readonly log: (message: string) => void;

  private constructor(
    private readonly config: MediaConfig,
    private readonly options: SfuThreadOptions,
  ) {
    this.log = options.log ?? ((message) => console.error(message));
    this.backoff = new RestartBackoff({
      baseMs: options.retryDelayMs ?? DEFAULT_RESTART_BACKOFF.baseMs,
      maxMs: options.maxRetryDelayMs ?? DEFAULT_RESTART_BACKOFF.maxMs,
      stableMs: options.stableMs ?? DEFAULT_RESTART_BACKOFF.stableMs,
      random: options.random ?? Math.random,
    });
  }

  /** Starts the worker and resolves once it is ready (rejects if it cannot start at all). */
  static async start(config: MediaConfig, options: SfuThreadOptions = {}): Promise<SfuThread> {
    const thread = new SfuThread(config, options);
    await new Promise<void>((resolve, reject) => {
      thread.firstStart = { resolve, reject };
      thread.spawn();
    });
    return thread;
  }

  /** The live worker thread (the dead one until its replacement is spawned). */
  get worker(): Worker {
    return this.current;
  }

  call<M extends SfuMethod>(method: M, args: SfuCalls[M]['args']): Promise<SfuCalls[M]['result']> {
    if (this.closed) return Promise.reject(new Error('media server closed'));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const request = { id, method, args } as SfuRequest;
      if (this.ready) this.current.postMessage(request);
      else this.queued.push(request);
    });
  }

  /** Calls whose failure changes nothing here (closing what the worker may already have closed). */
  send<M extends SfuMethod>(method: M, args: SfuCalls[M]['args']): void {
    this.call(method, args).catch(() => {});
  }

  register(id: string, object: SfuObject): void {
    this.objects.set(id, object);
  }

  unregister(id: string): void {
    this.objects.delete(id);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.failCalls(new Error('media server closed'));
    await this.current.terminate();
  }

  private spawn(): void {
    this.ready = false;
    const data: SfuWorkerData = { module: SFU_WORKER_MODULE.href, setup: this.config };
    const worker = new Worker(SFU_WORKER_ENTRY, { workerData: data, execArgv: [] });
    this.current = worker;
    let lastError: unknown;
    worker.on('message', (message: SfuWorkerMessage) => this.onMessage(worker, message));
    // Without a listener, an exception thrown in the worker would be rethrown in the main thread.
    worker.on('error', (error) => {
      lastError = error;
    });
    worker.on('exit', (code) => this.onExit(worker, code, lastError));
  }

  private onMessage(worker: Worker, message: SfuWorkerMessage): void {
    if (worker !== this.current) return;
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        this.readyAt = performance.now();
        this.starts++;
        // Once per server, not again for every replacement.
        if (message.note && !this.noted) this.log(`[media] ${message.note}`);
        this.noted = true;
        for (const request of this.queued.splice(0)) worker.postMessage(request);
        this.firstStart?.resolve();
        this.firstStart = undefined;
        return;
      }
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if (message.ok) pending.resolve(message.value);
        else pending.reject(new Error(message.error));
        return;
      }
      case 'event':
        this.onEvent(message.event);
        return;
    }
  }

  private onEvent(event: SfuEvent): void {
    const object = this.objects.get(event.id);
    if (!object) return; // closed here first; the worker's echo of it
    this.objects.delete(event.id);
    object.closedByWorker(event.type === 'transportClosed' ? event.reason : 'closed');
  }

  private onExit(worker: Worker, code: number, error: unknown): void {
    if (this.closed || worker !== this.current) return;
    const why = error instanceof Error ? error.message : `exit code ${code}`;
    const wasReady = this.ready;
    this.ready = false;
    // Every answer still owed is lost with the worker, and so is every object it held.
    this.failCalls(new Error(`SFU worker died (${why})`));
    if (this.firstStart) {
      this.closed = true;
      this.firstStart.reject(new Error(`the SFU worker could not start: ${why}`));
      return;
    }
    const objects = [...this.objects.values()];
    this.objects.clear();
    for (const object of objects) if (object.isTransport) object.closedByWorker('dead');
    const delay = this.backoff.onDeath(wasReady ? performance.now() - this.readyAt : undefined);
    this.restartDelays.push(delay);
    if (this.restartDelays.length > 32) this.restartDelays.shift();
    if (wasReady) this.deaths++;
    const when = delay === 0 ? 'starting a replacement' : `starting a replacement in ${delay} ms (${this.backoff.inARow} quick deaths in a row)`;
    this.log(
      wasReady
        ? `[media] SFU worker thread died (${why}); its rooms re-join, ${when}`
        : `[media] could not start a replacement SFU worker (${why}); ${when}`,
    );
    this.retryTimer = setTimeout(() => {
      if (!this.closed) this.spawn();
    }, delay);
    this.retryTimer.unref?.();
  }

  /** Rejects every call owed, sent or still queued. */
  private failCalls(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    this.queued.length = 0;
  }
}
