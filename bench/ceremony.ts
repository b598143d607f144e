// Benchmark: start the real server on a fresh DATA_DIR (demo ceremony, 196 agreements), run a
// rehearsal signing everything as fast as the server allows, and print per run and as min/median
// of the runs: start-up (listening, and demo seeded with its 196 originals), first call → last
// stamp with its signing and stamping parts, the main event loop's delay during the burst next to
// the same server's idle loop, tally messages to one observer, peak RSS.
// --group-commit both: every run twice, first with GROUP_COMMIT=0 (one commit per command, the
// old path) then with group commit (the default), printed as two tables from the same session.
// The rehearsal client runs in this process, on the same cores as the server: it draws its
// signature PNGs before the first call (--draw-during-burst draws each one as it is sent, as
// before), and its own CPU during the burst is printed beside the server's, which is split by
// thread (main event loop, stamping workers, signature worker; the rest is libuv, GC and kernel).
// --sqlite-writer both: every run twice, first with SQLITE_WRITER=main (SQLite's writes on the main
// event loop, the old path) then with the writer thread (the default).
// The burst starts once the seeded server is quiet (its CPU under 5 % of a core for half a
// second): the stamping workers warm up in idle time after start-up (STAMP_WARM_UP sample stamps,
// server/workers/document-warm-up.ts), as they would in the minutes between start-up and a
// ceremony's first call; that wait and its CPU are printed. --warm-up both: every run twice,
// first with STAMP_WARM_UP=0 (cold workers, the old path) then with the warm-up (the default).
// --stamp-priority both (or a list such as off,10,idle): every run once per STAMP_PRIORITY, 'off'
// being the stamping workers at the process's CPU priority (the old path), 10 the default.
// --prebuilt: runs the server `npm start` runs (the esbuild bundle, built first; its workers load
// no tsx) instead of server/main.ts through tsx.
// Run: npx tsx bench/ceremony.ts [--runs 3] [--concurrency 16] [--wave-size 196] [--cpu-prof DIR] [--group-commit both] [--sqlite-writer both] [--warm-up both] [--stamp-priority both] [--draw-during-burst] [--prebuilt]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { numberFlag, parseArgs } from '../server/cli/args';
import { spawnDemoServer, waitUntilQuiet, type LoopDelay } from './demo-server';
import { runRehearsal } from '../server/cli/rehearsal';

const { flags } = parseArgs(process.argv.slice(2));
const runs = numberFlag(flags, 'runs', 3);
const cpuProfDir = typeof flags['cpu-prof'] === 'string' ? resolve(flags['cpu-prof']) : undefined;
/** --server-node-args "--single-threaded-gc ...": flags for the server's node (e.g. to see what V8's helper threads do). */
const serverNodeArgs = typeof flags['server-node-args'] === 'string' ? flags['server-node-args'].split(/\s+/).filter(Boolean) : [];
/** --prebuilt: the server `npm start` runs (dist/server/main.mjs, bundled first) instead of server/main.ts through tsx. */
const prebuiltMain = flags.prebuilt ? buildServer() : undefined;
const token = 'bench-organizer-credential-0000000';
const ceremonyId = 'demo-2021-01-18';
const IDLE_BASELINE_MS = 1000;

function buildServer(): string {
  const root = fileURLToPath(new URL('..', import.meta.url));
  execFileSync(process.execPath, [join(root, 'scripts/build-server.mjs')], { stdio: 'inherit' });
  return join(root, 'dist/server/main.mjs');
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU time (user + system, every thread: main loop and workers) the process has used, in ms. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in 100 Hz ticks
}

interface Run {
  warmUpMs: number;
  warmUpCpuMs: number;
  listeningMs: number;
  seededMs: number;
  seedCpuMs: number;
  signingMs: number;
  signaturesPerSecond: number;
  callToLastStampMs: number;
  stampTailMs: number;
  stampsPerSecond: number;
  burstCpuMs: number;
  clientCpuMs: number;
  threads: Record<string, number>;
  idleLoop: LoopDelay;
  burstLoop: LoopDelay;
  tallyMessages: number;
  rssSeededMb: number;
  rssPeakMb: number;
  ok: boolean;
}

async function runOnce(env: Record<string, string>): Promise<Run> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-bench-'));
  const startedAt = Date.now();
  const nodeArgs = [...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), ...serverNodeArgs];
  const server = await spawnDemoServer(dataDir, token, { env, nodeArgs, ...(prebuiltMain ? { main: prebuiltMain } : {}) });
  const pid = server.child.pid!;
  const seedCpuMs = cpuMs(pid);
  const rssSeededMb = peakRssMb(pid);
  const warmUp = await waitUntilQuiet(pid);

  let tallyMessages = 0;
  const observer = io(server.url, { auth: { ceremonyId }, transports: ['websocket'] });
  observer.on('tally:updated', () => (tallyMessages += 1));
  await new Promise((r) => observer.once('observer:snapshot', r));

  server.resetLoopDelay();
  await new Promise((r) => setTimeout(r, IDLE_BASELINE_MS));
  const idleLoop = await server.loopDelay();
  server.resetLoopDelay();
  server.resetThreads();
  let cpuBefore = cpuMs(pid);
  let clientBefore = process.cpuUsage();
  const summary = await runRehearsal({
    // Both CPU figures from the first call: connecting the rooms and drawing the PNGs come before.
    onFirstCall: () => {
      server.resetThreads();
      cpuBefore = cpuMs(pid);
      clientBefore = process.cpuUsage();
    },
    url: server.url,
    ceremonyId,
    token,
    waveSize: numberFlag(flags, 'wave-size', 196),
    concurrency: numberFlag(flags, 'concurrency', 16),
    paceMs: 0,
    drawnRatio: 0.5,
    timeoutMs: 900_000,
    prepareSignatures: !flags['draw-during-burst'],
    close: false,
    log: () => {},
  });
  const client = process.cpuUsage(clientBefore);
  const burstLoop = await server.loopDelay();
  const burstCpuMs = cpuMs(pid) - cpuBefore;
  const threads = await server.threads();
  const rssPeakMb = peakRssMb(pid);
  observer.close();
  server.child.kill('SIGTERM');
  await new Promise((r) => server.child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  return {
    warmUpMs: warmUp.ms,
    warmUpCpuMs: warmUp.cpuMs,
    listeningMs: server.listeningAt - startedAt,
    seededMs: server.seededAt - startedAt,
    seedCpuMs,
    signingMs: summary.signingMs,
    signaturesPerSecond: summary.signaturesSent / (summary.signingMs / 1000),
    callToLastStampMs: summary.callToLastStampMs,
    stampTailMs: summary.callToLastStampMs - summary.signingMs,
    stampsPerSecond: summary.agreementsStamped / (summary.callToLastStampMs / 1000),
    burstCpuMs,
    clientCpuMs: (client.user + client.system) / 1000,
    threads,
    idleLoop,
    burstLoop,
    tallyMessages,
    rssSeededMb,
    rssPeakMb,
    ok: summary.ok,
  };
}

// --stamp-priority off,10,idle: every run once per STAMP_PRIORITY value ('both' = off,10), interleaved.
const stampPriorities = flags['stamp-priority'] === 'both' ? ['off', '10'] : typeof flags['stamp-priority'] === 'string' ? flags['stamp-priority'].split(',') : [];
const modes: Array<[string, Record<string, string>]> =
  stampPriorities.length > 0
    ? stampPriorities.map((p): [string, Record<string, string>] => [p === 'off' ? 'STAMP_PRIORITY=off (stamping workers at the process\'s priority, the old path)' : `STAMP_PRIORITY=${p}${p === '10' ? ' (default)' : ''}`, { STAMP_PRIORITY: p }])
    : flags['group-commit'] === 'both'
    ? [['GROUP_COMMIT=0 (one commit per command)', { GROUP_COMMIT: '0' }], ['group commit (default)', {}]]
    : flags['sqlite-writer'] === 'both'
      ? [['SQLITE_WRITER=main (writes on the main event loop, the old path)', { SQLITE_WRITER: 'main' }], ['SQLite writer thread (default)', {}]]
      : flags['warm-up'] === 'both'
        ? [['STAMP_WARM_UP=0 (cold stamping workers, the old path)', { STAMP_WARM_UP: '0' }], ['stamping workers warmed up while idle (default)', {}]]
        : [['', {}]];
const byMode = new Map<string, Run[]>(modes.map(([label]) => [label, []]));
for (let i = 0; i < runs; i++) {
  for (const [label, env] of modes) {
    const r = await runOnce(env);
    byMode.get(label)!.push(r);
    console.error(`  run ${i + 1}/${runs}${label ? ` ${label}` : ''}: seeded ${(r.seededMs / 1000).toFixed(2)} s, call → last stamp ${(r.callToLastStampMs / 1000).toFixed(2)} s, loop p99 ${r.burstLoop.p99} ms, ok=${r.ok}`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
function printTable(label: string, results: Run[]): void {
  const row = (name: string, pick: (r: Run) => number, unit: string, digits = 2, scale = 1) => {
    const xs = results.map(pick).map((x) => x / scale);
    const f = (x: number) => x.toFixed(digits);
    console.log(`  ${name.padEnd(52)} ${f(Math.min(...xs)).padStart(8)} ${f(median(xs)).padStart(8)}  ${unit}   [${xs.map(f).join(', ')}]`);
  };
  console.log(`Saksi ceremony benchmark (demo: 196 agreements, 392 signatures), ${prebuiltMain ? 'prebuilt server (npm start), ' : 'server through tsx, '}${runs} runs${label ? `, ${label}` : ''}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`  ${''.padEnd(52)} ${'min'.padStart(8)} ${'median'.padStart(8)}`);
  row('start-up: listening (first page answered)', (r) => r.listeningMs, 's', 2, 1000);
  row('start-up: demo seeded (196 originals rendered)', (r) => r.seededMs, 's', 2, 1000);
  row('  server CPU until seeded (all threads)', (r) => r.seedCpuMs, 's', 2, 1000);
  row('then until quiet (stamping workers warm up)', (r) => r.warmUpMs, 's', 2, 1000);
  row('  server CPU until quiet (all threads)', (r) => r.warmUpCpuMs, 's', 2, 1000);
  row('first call → last agreement stamped', (r) => r.callToLastStampMs, 's', 2, 1000);
  row('  signing phase (all signatures acked)', (r) => r.signingMs, 's', 2, 1000);
  row('  signatures per second', (r) => r.signaturesPerSecond, '/s', 1);
  row('  stamping after the last ack', (r) => r.stampTailMs, 's', 2, 1000);
  row('  stamps (stamp + seal) per second', (r) => r.stampsPerSecond, '/s', 1);
  row('  server CPU during the burst (all threads)', (r) => r.burstCpuMs, 's', 2, 1000);
  const threadNames = [...new Set(results.flatMap((r) => Object.keys(r.threads)))].sort();
  for (const name of threadNames) row(`    CPU: ${name}${name === 'main' ? ' thread' : ' threads'}`, (r) => r.threads[name] ?? 0, 's', 2, 1000);
  row('    rest (libuv pool, GC, V8 helpers)', (r) => r.burstCpuMs - Object.values(r.threads).reduce((a, b) => a + b, 0), 's', 2, 1000);
  row('  server CPU per signature (all threads)', (r) => r.burstCpuMs / 392, 'ms', 2);
  row(`  rehearsal client CPU from the first call (this process${flags['draw-during-burst'] ? ', drawing PNGs during the burst' : ', PNGs drawn before it'})`, (r) => r.clientCpuMs, 's', 2, 1000);
  const held = (ms: number, r: Run) => Math.max(0, ms - r.burstLoop.resolutionMs);
  console.log(`  main loop delay: monitorEventLoopDelay (resolution ${results[0]?.burstLoop.resolutionMs ?? 5} ms); its values include that interval`);
  row('main loop delay p99, burst', (r) => r.burstLoop.p99, 'ms', 1);
  row('  held beyond the sampling interval, p99 / max', (r) => held(r.burstLoop.p99, r), 'ms (p99)', 1);
  row('', (r) => held(r.burstLoop.max, r), 'ms (max)', 1);
  row('  baseline: same server idle, p99', (r) => r.idleLoop.p99, 'ms', 1);
  row('  burst p50 / max', (r) => r.burstLoop.p50, 'ms (p50)', 1);
  row('', (r) => r.burstLoop.max, 'ms (max)', 1);
  row('tally messages to one observer', (r) => r.tallyMessages, '', 0);
  row('peak RSS after seeding', (r) => r.rssSeededMb, 'MB', 0);
  row('peak RSS overall', (r) => r.rssPeakMb, 'MB', 0);
}
for (const [label, results] of byMode) printTable(label, results);
const ok = [...byMode.values()].every((results) => results.every((r) => r.ok));
console.log(`  result: every run signed and stamped all 196: ${ok}`);
process.exit(ok ? 0 : 1);
