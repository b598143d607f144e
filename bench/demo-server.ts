// The real `npm start` server in a child process, on a fresh DATA_DIR with the demo ceremony, for
// benches that must measure it from outside (its own CPU and memory, not the bench's).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../server/main.ts', import.meta.url));
const LOOP_DELAY_PROBE = new URL('./loop-delay-probe.mjs', import.meta.url).href;

export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  /** The histogram's sampling interval, included in every value (an idle loop reads about this). */
  resolutionMs: number;
}

export interface DemoServer {
  child: ChildProcess;
  url: string;
  /** Date.now() when the server printed that it listens (it answers pages from then on). */
  listeningAt: number;
  /** Date.now() when it printed that the demo ceremony (196 originals rendered) was created. */
  seededAt: number;
  /** Starts a new measurement of the server's main event loop delay. */
  resetLoopDelay(): void;
  /** The server's main event loop delay since the last reset (ms). */
  loopDelay(): Promise<LoopDelay>;
  /** Starts a new measurement of how busy each thread's event loop is. */
  resetThreads(): void;
  /** Busy time (ms) of the main thread (`main`) and of the worker threads, by task module, since the last reset. */
  threads(): Promise<Record<string, number>>;
}

/**
 * Resolves once the server listens and the demo is seeded: `npm start` prints "running at" as soon
 * as it listens, and "demo ceremony created" once the 196 originals are rendered and stored.
 */
export async function spawnDemoServer(
  dataDir: string,
  token: string,
  options: {
    env?: Record<string, string>;
    nodeArgs?: string[];
    /** Another checkout's server/main.ts, or a prebuilt server (dist/server/main.mjs, run without tsx). */
    main?: string;
  } = {},
): Promise<DemoServer> {
  const main = options.main ?? MAIN;
  const loader = main.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, '--import', LOOP_DELAY_PROBE, main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ORGANIZER_TOKEN: token, SEED_DEMO: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const resetLoopDelay = () => void child.send('loop-delay:reset');
  const loopDelay = () =>
    new Promise<LoopDelay>((resolve) => {
      const onMessage = (m: { type?: string } & LoopDelay) => {
        if (m?.type !== 'loop-delay') return;
        child.off('message', onMessage);
        resolve({ p50: m.p50, p99: m.p99, max: m.max, resolutionMs: m.resolutionMs });
      };
      child.on('message', onMessage);
      child.send('loop-delay:report');
    });
  const resetThreads = () => void child.send('threads:reset');
  const threads = () =>
    new Promise<Record<string, number>>((resolve) => {
      const onMessage = (m: { type?: string; busy: Record<string, number> }) => {
        if (m?.type !== 'threads') return;
        child.off('message', onMessage);
        resolve(m.busy);
      };
      child.on('message', onMessage);
      child.send('threads:report');
    });
  return new Promise<DemoServer>((resolve, reject) => {
    let out = '';
    let url: string | undefined;
    let listeningAt = 0;
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!url) {
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m) [url, listeningAt] = [m[1], Date.now()];
      }
      if (url && /demo ceremony created/.test(out)) {
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, url, listeningAt, seededAt: Date.now(), resetLoopDelay, loopDelay, resetThreads, threads });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}\n${out}`)));
  });
}

/** CPU time (user + system, all threads) process `pid` has used, in ms (from /proc). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in 100 Hz ticks
}

/**
 * Waits until process `pid` has used under 5 % of a core in each of three half-seconds in a row,
 * at most `limitMs`: after seeding, the stamping workers warm up once they have had nothing to do
 * for a second (STAMP_WARM_UP, server/workers/document-warm-up.ts), and a bench that measures a
 * quiet server, or a burst as it would come minutes after start-up, starts after that. Returns
 * the time and CPU until the first of those quiet half-seconds.
 */
export async function waitUntilQuiet(pid: number, limitMs = 60_000): Promise<{ ms: number; cpuMs: number }> {
  const started = Date.now();
  const cpuAtStart = processCpuMs(pid);
  let last = cpuAtStart;
  let quietSince: { ms: number; cpuMs: number } | undefined;
  let quietWindows = 0;
  for (;;) {
    const at = { ms: Date.now() - started, cpuMs: last - cpuAtStart };
    await new Promise((r) => setTimeout(r, 500));
    const now = processCpuMs(pid);
    if (now - last < 25) {
      quietSince ??= at;
      quietWindows += 1;
    } else {
      quietSince = undefined;
      quietWindows = 0;
    }
    last = now;
    if (quietWindows >= 3 && quietSince) return quietSince;
    if (Date.now() - started > limitMs) return { ms: Date.now() - started, cpuMs: now - cpuAtStart };
  }
}
