// Preloaded into a bench's server process (`node --import <this>`): the main event loop's delay,
// measured with perf_hooks.monitorEventLoopDelay, reported over the IPC channel when the bench
// asks. The bench sends 'loop-delay:reset' at the start of a phase and 'loop-delay:report' at its
// end; the answer is { p50, p99, max, resolutionMs } in ms. 'memory:report' answers the process's heap and RSS
// (after a full GC when node runs with --expose-gc); { type: 'heap:snapshot', path } writes a heap
// snapshot there. 'threads:reset' / 'threads:report' answer the CPU time (ms, /proc) each thread
// used since the reset: the main thread and the worker threads, summed by task module (e.g.
// document-worker, signature-worker). Not part of the server: benches only.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

// Every Worker the server starts is remembered with the module it runs (WorkerPool passes it in
// workerData.module) and its OS thread (the thread that appeared in /proc/self/task while it was
// constructed), so the CPU time of each thread can be read from /proc.
const threads = createRequire(import.meta.url)('node:worker_threads');
const tasks = () => new Set(readdirSync('/proc/self/task'));
const workerThreads = []; // { module, tid }
const OriginalWorker = threads.Worker;
threads.Worker = class extends OriginalWorker {
  constructor(file, options) {
    const before = tasks();
    super(file, options);
    const module = String(options?.workerData?.module ?? file).replace(/^.*\//, '').replace(/\.(ts|mjs|js)$/, '');
    for (const tid of tasks()) if (!before.has(tid)) workerThreads.push({ module, tid });
  }
};
syncBuiltinESMExports();
/**
 * CPU of one thread in ms; 0 once it is gone. From its schedstat (time on a CPU, in ns) where the
 * kernel keeps one: /proc's utime + stime count 10 ms ticks, which at 12 signatures a repetition
 * is a 0.8 ms step per signature, about the size of the differences measured.
 */
function threadCpuMs(tid) {
  try {
    return Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    try {
      const fields = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
    } catch {
      return 0;
    }
  }
}
function threadCpu() {
  const cpu = { main: threadCpuMs(process.pid) };
  if (process.env.BENCH_THREAD_DETAIL) {
    const known = new Set([String(process.pid), ...workerThreads.map((t) => t.tid)]);
    for (const tid of readdirSync('/proc/self/task')) if (!known.has(tid)) cpu[`other-${readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim()}-${tid}#${tid}`] = threadCpuMs(tid);
  }
  for (const { module, tid } of workerThreads) {
    const key = `${module}#${tid}`;
    cpu[key] = threadCpuMs(tid);
  }
  return cpu;
}
let threadsSince = threadCpu();
function reportThreads() {
  const busy = {};
  for (const [key, ms] of Object.entries(threadCpu())) {
    const name = key.replace(/#.*$/, '');
    busy[name] = (busy[name] ?? 0) + Math.max(0, ms - (threadsSince[key] ?? 0));
  }
  return busy;
}

if (process.send) {
  // The histogram records the time between two of its 5 ms timer ticks, so an idle loop reads
  // ~5 ms: `resolutionMs` goes with every report, and a value less it is the time the loop was held.
  const RESOLUTION_MS = 5;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  process.on('message', (message) => {
    if (message === 'loop-delay:reset') histogram.reset();
    else if (message === 'threads:reset') threadsSince = threadCpu();
    else if (message === 'threads:report') process.send({ type: 'threads', busy: reportThreads() });
    else if (message === 'loop-delay:report') {
      const ms = (ns) => Math.round(ns / 1e4) / 100;
      process.send({ type: 'loop-delay', p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), count: histogram.count, resolutionMs: RESOLUTION_MS });
    } else if (typeof message === 'object' && message?.type === 'heap:snapshot') {
      globalThis.gc?.();
      process.send({ type: 'heap:snapshot', path: writeHeapSnapshot(message.path) });
    } else if (message === 'memory:report') {
      globalThis.gc?.();
      const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
      process.send({ type: 'memory', heapUsed, rss, external, arrayBuffers });
    }
  });
  // The IPC channel must not keep the server alive on its own.
  process.channel?.unref();
}
