// Stamping workers step back for the stage (STAMP_PRIORITY, thread-priority.ts): each worker
// thread of a pool lowers its own CPU priority when it starts, and only its own; a refusal is
// logged once per pool, however many workers meet it. Read back from /proc, as the kernel sees it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config';
import { parseBackgroundPriority, type ThreadPriority } from '../../../server/workers/thread-priority';
import { WorkerPool } from '../../../server/workers/worker-pool';

const PROBE = new URL('../../support/priority-probe-worker.ts', import.meta.url);
const SCHED_OTHER = 0;
const SCHED_IDLE = 5;
const pools: WorkerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

function probePool(threadPriority: ThreadPriority | undefined, log?: (message: string) => void, size = 1): WorkerPool {
  const asked = threadPriority ? { threadPriority, threadPriorityOff: 'PROBE_PRIORITY=off' } : {};
  const pool = new WorkerPool({ name: 'probe', module: PROBE, size, timeoutMs: 30_000, ...asked, log });
  pools.push(pool);
  return pool;
}

const ownNice = () => {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19 - 3]);
};
type Reading = { nice: number; policy: number };
/** SCHED_IDLE is set with chrt (util-linux); without it the refusal test below covers that path. */
const hasChrt = spawnSync('chrt', ['--version']).status === 0;

describe.runIf(process.platform === 'linux')('a pool\'s worker threads at a lower CPU priority', () => {
  it('raises each worker thread\'s nice by the step (at most 19) and leaves the calling thread alone', { timeout: 60_000 }, async () => {
    const before = ownNice();
    const pool = probePool({ kind: 'lower', steps: 10 }, undefined, 2);
    const readings = await Promise.all([pool.run<Reading>('ownThread', null), pool.run<Reading>('ownThread', null)]);
    expect(readings).toEqual([
      { nice: Math.min(19, before + 10), policy: SCHED_OTHER },
      { nice: Math.min(19, before + 10), policy: SCHED_OTHER },
    ]);
    expect(ownNice()).toBe(before);
    // Without the option a worker runs as the process.
    expect(await probePool(undefined).run<Reading>('ownThread', null)).toEqual({ nice: before, policy: SCHED_OTHER });
  });

  it.runIf(hasChrt)('puts the worker threads in SCHED_IDLE', { timeout: 60_000 }, async () => {
    expect(await probePool({ kind: 'idle' }).run<Reading>('ownThread', null)).toMatchObject({ policy: SCHED_IDLE });
  });

  it('logs a refusal once per pool and keeps the workers serving at the process\'s priority', { timeout: 60_000 }, async () => {
    const logged: string[] = [];
    // chrt is not on the PATH the workers copy at their start: SCHED_IDLE cannot be set.
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    let pool: WorkerPool;
    try {
      pool = probePool({ kind: 'idle' }, (message) => logged.push(message), 2);
    } finally {
      process.env.PATH = path;
    }
    const readings = await Promise.all([pool.run<Reading>('ownThread', null), pool.run<Reading>('ownThread', null)]);
    expect(readings.map((r) => r.policy)).toEqual([SCHED_OTHER, SCHED_OTHER]);
    // Both workers have said ready (each took a task); only the first refusal is logged.
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/probe workers keep the process's CPU priority \(SCHED_IDLE asked\): SCHED_IDLE refused: .*ENOENT.*; PROBE_PRIORITY=off stops asking$/);
  });
});

describe('STAMP_PRIORITY', () => {
  it('defaults to nice +10, takes off, idle or a step 1-19, and refuses the rest', () => {
    expect(parseConfig({}).stampPriority).toEqual({ kind: 'lower', steps: 10 });
    expect(parseConfig({ STAMP_PRIORITY: '' }).stampPriority).toEqual({ kind: 'lower', steps: 10 });
    expect(parseConfig({ STAMP_PRIORITY: 'off' }).stampPriority).toBeUndefined();
    expect(parseConfig({ STAMP_PRIORITY: 'idle' }).stampPriority).toEqual({ kind: 'idle' });
    expect(parseConfig({ STAMP_PRIORITY: '19' }).stampPriority).toEqual({ kind: 'lower', steps: 19 });
    for (const bad of ['0', '20', '-5', 'toString', '10x']) {
      expect(() => parseBackgroundPriority(bad)).toThrow(/STAMP_PRIORITY/);
      expect(() => parseConfig({ STAMP_PRIORITY: bad })).toThrow(/STAMP_PRIORITY/);
    }
  });
});
