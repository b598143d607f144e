// Start-up with the demo seed (issue 11, must-hold 3): the server on an empty DATA_DIR until it
// listens (answers its first page) and until the demo ceremony (196 originals) is stored, with the
// server's CPU time (all threads: main, workers, V8's and libuv's; then split by thread, from /proc
// through bench/loop-delay-probe.mjs: main, stamping workers, SQLite writer, signature worker, and
// the rest: V8's compiler and GC helper threads and libuv's pool, where the seal's RSA keys are
// made) and peak RSS at that point, and the load average when each run ended (the machine is
// shared; CPU-seconds are the steadier figure).
// Variants, alternating run by run in the same session:
//   this (npm start)   the prebuilt server `npm start` runs (dist/server/main.mjs, built first)
//   this (tsx)         the same code from its TypeScript sources through tsx (`npm run dev`, tests)
//   other              with --root DIR, another checkout (e.g. main before a change) as its own
//                      `npm start` runs it: its prebuilt server if it has scripts/build-server.mjs,
//                      else server/main.ts through tsx
//   raw floor          node loading express + socket.io and listening, nothing else: the least
//                      any Node server of this stack takes
// Then "npm start to ready" adds what `prestart` takes (vite build of the client, the server bundle).
// Run: npx tsx bench/startup.ts [--runs 3] [--root DIR] [--no-tsx]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numberFlag, parseArgs } from '../server/cli/args';
import { spawnDemoServer } from './demo-server';

const { flags } = parseArgs(process.argv.slice(2));
const runs = numberFlag(flags, 'runs', 3);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const otherRoot = typeof flags.root === 'string' ? resolve(flags.root) : undefined;
const token = 'bench-organizer-credential-0000000';

interface Start {
  listeningMs: number;
  seededMs: number;
  cpuMs: number;
  rssMb: number;
  load: number;
  /** CPU until seeded by thread (ms): main, each task module's workers, the rest (bench/loop-delay-probe.mjs). */
  threads: Record<string, number>;
}

/** The threads the probe does not know by name: V8's compiler and GC helpers, libuv's pool (the seal's RSA keys). */
const OTHER_THREADS = 'V8 helpers + libuv';

const proc = (pid: number, file: string) => readFileSync(`/proc/${pid}/${file}`, 'utf8');
const cpuMs = (pid: number) => {
  const fields = proc(pid, 'stat').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};
const load1 = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

/** Builds a checkout's server bundle when it has one (as its `prestart` does); returns what to run. */
function serverOf(root: string): string {
  const build = join(root, 'scripts/build-server.mjs');
  if (!existsSync(build)) return join(root, 'server/main.ts');
  execFileSync(process.execPath, [build], { stdio: 'inherit' });
  return join(root, 'dist/server/main.mjs');
}

async function startOnce(main: string): Promise<Start> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-startup-'));
  const t0 = Date.now();
  const server = await spawnDemoServer(dataDir, token, { main, env: { BENCH_THREAD_DETAIL: '1' } });
  const pid = server.child.pid!;
  const [busy, total] = [await server.threads(), cpuMs(pid)];
  const threads: Record<string, number> = {};
  for (const [name, ms] of Object.entries(busy)) {
    const key = name.startsWith('other-') ? OTHER_THREADS : name;
    threads[key] = (threads[key] ?? 0) + ms;
  }
  const result = {
    listeningMs: server.listeningAt - t0,
    seededMs: server.seededAt - t0,
    cpuMs: total,
    threads,
    rssMb: Number(/VmHWM:\s+(\d+)/.exec(proc(pid, 'status'))?.[1] ?? 0) / 1024,
    load: load1(),
  };
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  return result;
}

/** The raw floor: express + socket.io loaded and listening, timed and measured like the server. */
async function rawFloorOnce(): Promise<Start> {
  const script = `import express from 'express'; import { createServer } from 'node:http'; import { Server } from 'socket.io';
const app = express(); app.get('/', (_q, r) => r.send('ok')); const http = createServer(app); new Server(http);
http.listen(0, '127.0.0.1', () => console.log('running at http://127.0.0.1:' + http.address().port));`;
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => ((out += c.toString()), /running at/.test(out) && done()));
    child.once('exit', (code) => fail(new Error(`raw floor exited ${code}`)));
  });
  const ms = Date.now() - t0;
  const result = { listeningMs: ms, seededMs: ms, cpuMs: cpuMs(child.pid!), threads: {}, rssMb: Number(/VmHWM:\s+(\d+)/.exec(proc(child.pid!, 'status'))?.[1] ?? 0) / 1024, load: load1() };
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  return result;
}

/** CPU of this process's finished children (cutime + cstime), seconds. */
const childrenCpuS = () => {
  const fields = proc(process.pid, 'stat').replace(/^.*\) /, '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
};

/** Wall and CPU (user + system, the command and its children) of one build step. */
function timeCommand(command: string, args: string[]): { wallS: number; cpuS: number } {
  const [t0, cpu0] = [Date.now(), childrenCpuS()];
  execFileSync(command, args, { cwd: ROOT, stdio: 'ignore' });
  return { wallS: (Date.now() - t0) / 1000, cpuS: childrenCpuS() - cpu0 };
}

const variants: Array<{ label: string; main: () => string; starts: Start[] }> = [
  { label: 'this (npm start)', main: () => join(ROOT, 'dist/server/main.mjs'), starts: [] },
  ...(flags['no-tsx'] ? [] : [{ label: 'this (tsx)', main: () => join(ROOT, 'server/main.ts'), starts: [] as Start[] }]),
  ...(otherRoot ? [{ label: 'other', main: () => serverOf(otherRoot), starts: [] as Start[] }] : []),
];
const raw: Start[] = [];

// prestart as `npm start` runs it, timed once (the client build also refreshes dist/client).
const vite = timeCommand(join(ROOT, 'node_modules/.bin/vite'), ['build']);
const bundle = timeCommand(process.execPath, [join(ROOT, 'scripts/build-server.mjs')]);
const mains = variants.map((v) => v.main());

for (let i = 0; i < runs; i++) {
  raw.push(await rawFloorOnce());
  for (const [k, v] of variants.entries()) v.starts.push(await startOnce(mains[k]));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const cell = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)} / ${median(xs).toFixed(digits)}`.padStart(14);
console.log(`\nStart-up with the demo seed (196 originals), empty DATA_DIR, ${runs} runs alternating, min / median`);
if (otherRoot) console.log(`  other: ${otherRoot} (${mains[mains.length - 1]})`);
const all = [...variants, { label: 'raw floor', starts: raw }];
console.log(`  ${''.padEnd(30)}${all.map((v) => v.label.padStart(18)).join('')}`);
const row = (label: string, pick: (s: Start) => number, unit: string, digits = 2) =>
  console.log(`  ${`${label} (${unit})`.padEnd(30)}${all.map((v) => cell(v.starts.map(pick), digits).padStart(18)).join('')}`);
row('listening', (s) => s.listeningMs / 1000, 's');
row('demo seeded', (s) => s.seededMs / 1000, 's');
row('CPU until seeded', (s) => s.cpuMs / 1000, 's');
const threadNames = [...new Set(variants.flatMap((v) => v.starts.flatMap((s) => Object.keys(s.threads))))].sort((a, b) => (a === 'main' ? -1 : b === 'main' ? 1 : a.localeCompare(b)));
for (const name of threadNames) row(`  ${name}${name === 'main' || name === OTHER_THREADS ? '' : ' threads'}`, (s) => (s.threads[name] ?? 0) / 1000, 's');
row('peak RSS until seeded', (s) => s.rssMb, 'MB', 0);
row('load average (1 min)', (s) => s.load, 'load', 1);
const ours = variants[0].starts;
const floor = median(raw.map((s) => s.cpuMs));
console.log(`  seeded / raw floor's listening (median): ${(median(ours.map((s) => s.seededMs)) / median(raw.map((s) => s.listeningMs))).toFixed(1)}×; CPU ${(median(ours.map((s) => s.cpuMs)) / floor).toFixed(1)}×`);
if (otherRoot) {
  const other = variants[variants.length - 1].starts;
  const ratio = (pick: (s: Start) => number) => (median(ours.map(pick)) / median(other.map(pick))).toFixed(2);
  console.log(`  this (npm start) / other (median): listening ${ratio((s) => s.listeningMs)}×, seeded ${ratio((s) => s.seededMs)}×, CPU ${ratio((s) => s.cpuMs)}×, peak RSS ${ratio((s) => s.rssMb)}×`);
}
console.log(`\n  prestart (once): vite build ${vite.wallS.toFixed(1)} s (CPU ${vite.cpuS.toFixed(1)} s), server bundle ${bundle.wallS.toFixed(1)} s (CPU ${bundle.cpuS.toFixed(1)} s)`);
console.log(`  npm start to demo seeded ≈ prestart + seeded (median): ${(vite.wallS + bundle.wallS + median(ours.map((s) => s.seededMs)) / 1000).toFixed(1)} s`);
process.exit(0);
