// CPU priority of the calling thread (Linux). Linux schedules threads, and a thread's nice value
// and scheduling policy are its own, so one worker thread can be raised or lowered without the
// rest of the process: the SFU thread takes real-time priority (sfu-worker.ts), the stamping
// workers step back (stamping is background work, the stage is real-time). Node has no call for
// sched_setscheduler, so policies are set with chrt (util-linux) on the thread's id; nice with
// os.setPriority on the same id. Each call returns undefined when applied, else a sentence saying
// what was refused and why, for the caller to log once.
import { spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

export type ThreadPriority =
  /** nice raised by `steps` above the thread's current value (at most 19): a smaller share of a busy core. */
  | { kind: 'lower'; steps: number }
  /** SCHED_IDLE: runs only on a core nothing else in the ordinary or real-time classes wants. */
  | { kind: 'idle' }
  /** An absolute nice value (below the process's own needs CAP_SYS_NICE). */
  | { kind: 'nice'; nice: number }
  /** SCHED_RR at this real-time priority (1-99; needs CAP_SYS_NICE). */
  | { kind: 'realtime'; priority: number };

/** The kernel's id of the calling thread (not worker_threads' threadId). */
export function currentThreadId(): number {
  return Number(readlinkSync('/proc/thread-self').split('/').pop());
}

/** Applies `priority` to the calling thread; undefined if done, else why not. */
export function applyThreadPriority(priority: ThreadPriority): string | undefined {
  if (process.platform !== 'linux') return `${describeThreadPriority(priority)} not applied (per-thread priorities are Linux only)`;
  try {
    const tid = currentThreadId();
    switch (priority.kind) {
      case 'lower':
        setPriority(tid, Math.min(19, getPriority(tid) + priority.steps));
        return undefined;
      case 'nice':
        setPriority(tid, priority.nice);
        return undefined;
      case 'idle':
        return chrt(['-i', '-p', '0', String(tid)], priority);
      case 'realtime':
        return chrt(['-r', '-p', String(priority.priority), String(tid)], priority);
    }
  } catch (error) {
    return `${describeThreadPriority(priority)} refused: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function chrt(args: string[], priority: ThreadPriority): string | undefined {
  const result = spawnSync('chrt', args, { encoding: 'utf8', timeout: 5000 });
  if (result.status === 0) return undefined;
  const why = result.error?.message ?? (result.stderr.trim() || `exit ${result.status}`);
  return `${describeThreadPriority(priority)} refused: ${why}`;
}

export function describeThreadPriority(priority: ThreadPriority): string {
  switch (priority.kind) {
    case 'lower':
      return `nice +${priority.steps}`;
    case 'idle':
      return 'SCHED_IDLE';
    case 'nice':
      return `nice ${priority.nice}`;
    case 'realtime':
      return `SCHED_RR ${priority.priority}`;
  }
}

/**
 * STAMP_PRIORITY: how far the stamping workers step back. 'off' (or empty: the default applies,
 * see config.ts) leaves them alone; a number 1-19 raises their nice by that much; 'idle' puts
 * them in SCHED_IDLE. Undefined for 'off'; throws on anything else.
 */
export function parseBackgroundPriority(value: string): ThreadPriority | undefined {
  const v = value.trim().toLowerCase();
  if (v === 'off') return undefined;
  if (v === 'idle') return { kind: 'idle' };
  if (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 19) return { kind: 'lower', steps: Number(v) };
  throw new Error(`STAMP_PRIORITY must be off, idle or a nice step 1-19 (got ${JSON.stringify(value)})`);
}
