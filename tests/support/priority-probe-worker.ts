// A pool task module for tests/unit/workers/thread-priority.test.ts: tells what the kernel says of
// the worker thread it runs in (its nice value and scheduling policy, from /proc).
import { readFileSync } from 'node:fs';
import { serveTasks } from '../../server/workers/worker-runtime';

serveTasks(() => ({
  ownThread: () => {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // proc(5): field 19 is nice and field 41 the policy (0 SCHED_OTHER, 2 SCHED_RR, 3 SCHED_BATCH, 5 SCHED_IDLE); fields here start at 3.
    return { nice: Number(fields[19 - 3]), policy: Number(fields[41 - 3]) };
  },
}));
