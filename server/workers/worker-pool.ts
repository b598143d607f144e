// A pool of worker threads running named tasks of one task module (e.g. stamping, or checking
// uploaded PDFs). Each task has a time limit: a task past it has its worker terminated, which is
// replaced, so no input can hold a thread or the main event loop for longer than the limit.
// Memory can be capped per worker (resourceLimits); a worker that dies takes only its own task
// with it. Tasks wait in a FIFO queue for a ready worker; with `maxQueue`, a full queue refuses at
// once ('busy') instead of growing. Workers are started at construction, so per-worker setup
// (parsing fonts) happens off the main thread before the first task.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { describeThreadPriority, type ThreadPriority } from './thread-priority';
import {
  transferablesOf,
  WorkerTaskError,
  type SetupMessage,
  type TaskRequest,
  type WorkerMessage,
  type WorkerStartData,
} from './worker-protocol';

export interface WorkerPoolOptions {
  /** For logs: "stamp", "verify". */
  name: string;
  /** The task module (a .ts file calling serveTasks), loaded through worker-bootstrap.mjs. */
  module: URL;
  size: number;
  /**
   * Passed to the module's setup in every worker. Must be structured-cloneable. A promise: the
   * workers start at once and load their module while it settles, then get its value (start-up
   * overlaps whatever produces it); if it rejects, the pool closes.
   */
  setup?: unknown;
  resourceLimits?: ResourceLimits;
  /** Node options of the workers (e.g. --cpu-prof for a bench); none when absent. */
  execArgv?: string[];
  /** Default time limit of a task, from the moment a worker takes it. */
  timeoutMs: number;
  /** Workers started at construction when fewer than `size`; the others at startAll(). */
  initialSize?: number;
  /**
   * Tasks a worker may run before a `setup` promise has settled, if its module serves them early
   * (worker-runtime.ts ServeOptions.beforeSetup): e.g. rendering, which needs no seal.
   */
  tasksBeforeSetup?: readonly string[];
  /**
   * CPU priority each worker thread takes for itself when it starts (thread-priority.ts), e.g.
   * stamping stepping back for the stage; as the process when absent. A refusal is logged once.
   */
  threadPriority?: ThreadPriority;
  /** How an operator stops asking for `threadPriority` (e.g. "STAMP_PRIORITY=off"), named in the refusal's log. */
  threadPriorityOff?: string;
  /** Tasks allowed to wait for a worker; beyond it run() rejects with 'busy'. Unbounded if absent. */
  maxQueue?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface RunOptions {
  /** Buffers to move to the worker rather than copy (they become unusable here). */
  transfer?: ArrayBuffer[];
  timeoutMs?: number;
  /** Goes to the front of the queue and is never refused as busy (for work the platform owes). */
  urgent?: boolean;
}

interface Job {
  task: string;
  input: unknown;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  resolve: (value: unknown) => void;
  reject: (error: WorkerTaskError) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Started before the setup data was known: it is sent when known. */
  awaitsSetup?: boolean;
  /** Runs `tasksBeforeSetup` until `ready`. */
  readyBeforeSetup?: boolean;
  job?: { id: number; job: Job; timer: NodeJS.Timeout };
}

const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
/**
 * `npm start` runs the server bundled (dist/server/, scripts/build-server.mjs), where each task
 * module `x-worker.ts` is the plain module `x-worker.mjs` beside the code: the worker runs it
 * directly, with no tsx to register and nothing to transpile. From the TypeScript sources (tests,
 * `npm run dev`) the bootstrap registers tsx and imports the .ts module.
 */
const IS_BUNDLED = !import.meta.url.endsWith('.ts');
const workerEntry = (module: URL): URL => (IS_BUNDLED ? new URL(module.href.replace(/\.ts$/, '.mjs')) : BOOTSTRAP);
/** Consecutive start failures after which waiting tasks are failed rather than kept. */
const MAX_START_FAILURES = 3;

export class WorkerPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  private startFailures = 0;
  private closed = false;
  private readonly restartTimers = new Set<NodeJS.Timeout>();
  /** The setup data once known (at once unless the options gave a promise). */
  private setup?: { value: unknown };
  private allStarted = false;
  private priorityRefusalLogged = false;

  constructor(private readonly options: WorkerPoolOptions) {
    if (options.setup instanceof Promise) {
      options.setup.then(
        (value: unknown) => {
          this.setup = { value };
          for (const slot of this.slots) {
            if (!slot.awaitsSetup) continue;
            slot.awaitsSetup = false;
            slot.worker.postMessage({ type: 'setup', setup: value } satisfies SetupMessage);
          }
        },
        (error: unknown) => {
          options.log?.(`${options.name} pool: no setup data, closing`, error);
          void this.close();
        },
      );
    } else {
      this.setup = { value: options.setup };
    }
    for (let i = 0; i < Math.min(options.size, options.initialSize ?? options.size); i++) this.spawn();
  }

  /** Starts the workers `initialSize` left out (once). */
  startAll(): void {
    if (this.allStarted || this.closed) return;
    this.allStarted = true;
    for (let i = Math.min(this.options.size, this.options.initialSize ?? this.options.size); i < this.options.size; i++) this.spawn();
  }

  get size(): number {
    return this.options.size;
  }

  /** Worker threads running now (started and not yet exited). */
  get started(): number {
    return this.slots.size;
  }

  /** Tasks running and waiting. */
  get load(): { running: number; queued: number } {
    let running = 0;
    for (const slot of this.slots) if (slot.job) running += 1;
    return { running, queued: this.queue.length };
  }

  /** True if run() would queue (or start) a task rather than refuse it as busy; `extra` places are spoken for. */
  hasRoom(extra = 0): boolean {
    return this.options.maxQueue === undefined || this.queue.length + extra < this.options.maxQueue + this.idleSlots();
  }

  run<T>(task: string, input: unknown, options: RunOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(new WorkerTaskError('closed', `${this.options.name} pool is closed`));
    if (!options.urgent && !this.hasRoom()) return Promise.reject(new WorkerTaskError('busy', `${this.options.name} pool is full`));
    return new Promise<T>((resolve, reject) => {
      this.queue[options.urgent ? 'unshift' : 'push']({
        task,
        input,
        transfer: options.transfer ?? transferablesOf(input),
        timeoutMs: options.timeoutMs ?? this.options.timeoutMs,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.restartTimers) clearTimeout(t);
    this.restartTimers.clear();
    for (const job of this.queue.splice(0)) job.reject(new WorkerTaskError('closed', `${this.options.name} pool closed`));
    const exits: Promise<unknown>[] = [];
    for (const slot of this.slots) {
      if (slot.job) {
        clearTimeout(slot.job.timer);
        slot.job.job.reject(new WorkerTaskError('closed', `${this.options.name} pool closed`));
        slot.job = undefined;
      }
      exits.push(slot.worker.terminate());
    }
    this.slots.clear();
    await Promise.allSettled(exits);
  }

  private idleSlots(): number {
    let idle = 0;
    for (const slot of this.slots) if (!slot.job) idle += 1;
    return idle;
  }

  private spawn(): void {
    if (this.closed) return;
    const base = { module: this.options.module.href, ...(this.options.threadPriority ? { threadPriority: this.options.threadPriority } : {}) };
    const data: WorkerStartData = this.setup ? { ...base, setup: this.setup.value } : { ...base, setup: undefined, setupFollows: true };
    const worker = new Worker(workerEntry(this.options.module), {
      workerData: data,
      execArgv: this.options.execArgv ?? [],
      ...(this.options.resourceLimits ? { resourceLimits: this.options.resourceLimits } : {}),
    });
    const slot: Slot = { worker, ready: false, awaitsSetup: !this.setup };
    this.slots.add(slot);
    let lastError: unknown;
    worker.on('message', (message: WorkerMessage) => this.onMessage(slot, message));
    worker.on('error', (error) => {
      lastError = error;
    });
    worker.on('exit', (code) => this.onExit(slot, code, lastError));
  }

  private onMessage(slot: Slot, message: WorkerMessage): void {
    if (message.type === 'ready' && message.priorityRefused && !this.priorityRefusalLogged) {
      this.priorityRefusalLogged = true;
      const off = this.options.threadPriority ? ` (${describeThreadPriority(this.options.threadPriority)} asked)` : '';
      const hint = this.options.threadPriorityOff ? `; ${this.options.threadPriorityOff} stops asking` : '';
      this.options.log?.(`${this.options.name} workers keep the process's CPU priority${off}: ${message.priorityRefused}${hint}`);
    }
    if (message.type === 'ready' && message.beforeSetup) {
      slot.readyBeforeSetup = true;
      this.dispatch();
      return;
    }
    if (message.type === 'ready') {
      slot.ready = true;
      this.startFailures = 0;
      this.dispatch();
      return;
    }
    const current = slot.job;
    if (!current || current.id !== message.id) return;
    clearTimeout(current.timer);
    slot.job = undefined;
    if (message.ok) current.job.resolve(message.value);
    else current.job.reject(new WorkerTaskError('failed', message.error.message, message.error.name));
    this.dispatch();
  }

  private onExit(slot: Slot, code: number, error: unknown): void {
    if (!this.slots.delete(slot)) return; // terminated on purpose (timeout or close) and handled there
    const why = error instanceof Error ? error.message : `exit code ${code}`;
    if (slot.job) {
      clearTimeout(slot.job.timer);
      slot.job.job.reject(new WorkerTaskError('crashed', `${this.options.name} worker died: ${why}`));
      slot.job = undefined;
    }
    if (this.closed) return;
    if (!slot.ready) {
      this.startFailures += 1;
      this.options.log?.(`${this.options.name} worker failed to start (${this.startFailures}×)`, error);
      if (this.startFailures >= MAX_START_FAILURES) {
        for (const job of this.queue.splice(0)) job.reject(new WorkerTaskError('crashed', `${this.options.name} workers cannot start: ${why}`));
      }
    } else {
      this.options.log?.(`${this.options.name} worker exited unexpectedly`, error);
    }
    // Back off when workers keep failing to start, so a broken setup does not spin the CPU.
    const delay = slot.ready ? 0 : Math.min(30_000, 250 * 2 ** (this.startFailures - 1));
    const timer = setTimeout(() => {
      this.restartTimers.delete(timer);
      this.spawn();
    }, delay);
    this.restartTimers.add(timer);
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job || !(slot.ready || slot.readyBeforeSetup)) continue;
      const at = slot.ready ? 0 : this.queue.findIndex((queued) => this.options.tasksBeforeSetup?.includes(queued.task));
      if (at < 0) continue;
      const [job] = this.queue.splice(at, 1);
      const id = this.nextId++;
      const timer = setTimeout(() => this.onTimeout(slot, id), job.timeoutMs);
      slot.job = { id, job, timer };
      const request: TaskRequest = { id, task: job.task, input: job.input };
      try {
        slot.worker.postMessage(request, job.transfer);
      } catch (error) {
        // The input could not be cloned (a programming error): fail the task, keep the worker.
        clearTimeout(timer);
        slot.job = undefined;
        job.reject(new WorkerTaskError('failed', `cannot send ${job.task} to a worker: ${(error as Error).message}`, 'DataCloneError'));
      }
    }
  }

  private onTimeout(slot: Slot, id: number): void {
    const current = slot.job;
    if (!current || current.id !== id) return;
    slot.job = undefined;
    this.slots.delete(slot);
    void slot.worker.terminate();
    current.job.reject(new WorkerTaskError('timeout', `${this.options.name} task ${current.job.task} ran past ${current.job.timeoutMs} ms`));
    this.spawn();
  }
}
