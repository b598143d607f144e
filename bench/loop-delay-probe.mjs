// Preloaded into a bench's server process (`node --import <this>`): the main event loop's delay,
// measured with perf_hooks.monitorEventLoopDelay, reported over the IPC channel when the bench
// asks. The bench sends 'loop-delay:reset' at the start of a phase and 'loop-delay:report' at its
// end; the answer is { p50, p99, max } in ms. 'memory:report' answers the process's heap and RSS
// (after a full GC when node runs with --expose-gc); { type: 'heap:snapshot', path } writes a heap
// snapshot there. Not part of the server: benches only.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';

if (process.send) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  process.on('message', (message) => {
    if (message === 'loop-delay:reset') histogram.reset();
    else if (message === 'loop-delay:report') {
      const ms = (ns) => Math.round(ns / 1e4) / 100;
      process.send({ type: 'loop-delay', p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), count: histogram.count });
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
