// Messages between a pool and its worker threads, and the one error type a task can end with.
import type { ThreadPriority } from './thread-priority';

/** How a task failed, as the caller sees it. */
export type WorkerFailureKind =
  /** The task ran past its time limit; its worker was terminated and replaced. */
  | 'timeout'
  /** The worker died under the task (out of memory, a native crash) or could not start. */
  | 'crashed'
  /** The task threw; `name` tells which error (e.g. an input the task refused). */
  | 'failed'
  /** The pool's queue is full. */
  | 'busy'
  /** The pool was closed before the task finished. */
  | 'closed';

export class WorkerTaskError extends Error {
  override readonly name = 'WorkerTaskError';
  constructor(
    readonly kind: WorkerFailureKind,
    message: string,
    /** For 'failed': the name of the error the task threw inside the worker. */
    readonly errorName?: string,
  ) {
    super(message);
  }
}

export interface TaskRequest {
  id: number;
  task: string;
  input: unknown;
}

export type WorkerMessage =
  /** `beforeSetup`: only the module's early tasks for now (worker-runtime.ts ServeOptions); a plain `ready` follows its setup. */
  | { type: 'ready'; beforeSetup?: true; priorityRefused?: string }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { name: string; message: string } };

/** Data every worker of a pool starts with: its task module and the pool's own setup data. */
export interface WorkerStartData {
  module: string;
  setup: unknown;
  /**
   * The setup data was not known yet when the worker started (the pool was given a promise): it
   * comes as the pool's first message, a SetupMessage; the worker loads its module meanwhile.
   */
  setupFollows?: boolean;
  /** CPU priority the worker thread takes for itself before loading anything else (thread-priority.ts). */
  threadPriority?: ThreadPriority;
}

export interface SetupMessage {
  type: 'setup';
  setup: unknown;
}

/**
 * Byte arrays that own their whole buffer can be moved instead of copied. Looks at the value and,
 * for a plain object or array, one level into it (task inputs and results are shallow).
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const consider = (v: unknown) => {
    if (v instanceof Uint8Array && v.buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === v.buffer.byteLength) {
      found.add(v.buffer);
    }
  };
  consider(value);
  if (Array.isArray(value)) value.forEach(consider);
  else if (value && typeof value === 'object' && !(value instanceof Uint8Array)) Object.values(value).forEach(consider);
  return [...found];
}
