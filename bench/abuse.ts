// Benchmark: a bystander's `ceremony:sync` and `/api/health` latency (p50/p99) on an idle server
// and while (a) one socket floods `ceremony:sync`, (b) verification bombs are uploaded to
// /api/verify (a ~1 MB PDF whose stream inflates to 1 GB, and eight parallel 20 MB `%PDF-` junk
// files), (c) 1,000 sockets churn (connect, disconnect, again). All in one run against the real
// server (demo ceremony, default limits), next to the idle baseline; with server RSS per phase
// and what the attackers got back.
// Run: npm run bench:abuse [-- --phase-s 5 --bomb-mb 1024]
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDeflate } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { numberFlag, parseArgs } from '../server/cli/args';
import { spawnDemoServer } from './demo-server';

const { flags } = parseArgs(process.argv.slice(2));
const PHASE_MS = numberFlag(flags, 'phase-s', 5) * 1000;
const BOMB_MB = numberFlag(flags, 'bomb-mb', 1024);
const token = 'bench-organizer-credential-0000000';
const dataDir = typeof flags.attack === 'string' ? '' : mkdtempSync(join(tmpdir(), 'saksi-abuse-'));
const ceremonyId = 'demo-2021-01-18';
type Ack = { ok: boolean; error?: { code: string; retryAfterMs?: number } };

// Attackers run in child processes of this script (`--attack <name>`), so that their own client
// work (a thousand sockets parsing snapshots) does not slow the bystander's event loop here.
const attackMode = typeof flags.attack === 'string' ? flags.attack : undefined;
let child: ChildProcess | undefined;
let url: string;
if (attackMode) {
  url = String(flags.url);
} else {
  const started = await spawnDemoServer(dataDir, token);
  child = started.child;
  url = started.url;
}

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child!.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const peakMb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child!.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** What an attacker has seen so far, for a report cut short at the end of its phase. */
let progress = '';

function connect(auth: Record<string, string>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth: { ceremonyId, ...auth }, transports: ['websocket'], reconnection: false, forceNew: true });
    // Observers get the tally-only snapshot, participants the full one.
    s.once('ceremony:snapshot', () => resolve(s));
    s.once('observer:snapshot', () => resolve(s));
    s.once('connect_error', (e) => (s.close(), reject(e)));
  });
}
const ask = (s: Socket, event: string, timeoutMs = 30_000) =>
  (s.timeout(timeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack> }).emitWithAck(event, {});

// The bystander: observers taking turns (each client syncs rarely, as real ones do), and HTTP.
const pool: Socket[] = [];
if (!attackMode) for (let i = 0; i < 60; i += 1) pool.push(await connect({}));
let turn = 0;

interface Sample { sync: number[]; health: number[]; failures: number }
async function bystand(stop: () => boolean): Promise<Sample> {
  const sample: Sample = { sync: [], health: [], failures: 0 };
  while (!stop()) {
    const started = performance.now();
    try {
      const r = await ask(pool[turn++ % pool.length], 'ceremony:sync');
      if (r.ok) sample.sync.push(performance.now() - started);
      else sample.failures += 1;
    } catch {
      sample.failures += 1;
    }
    const h = performance.now();
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      if (res.status === 200) sample.health.push(performance.now() - h);
      else sample.failures += 1;
    } catch {
      sample.failures += 1;
    }
    await sleep(Math.max(0, 25 - (performance.now() - started)));
  }
  return sample;
}

/** Waits until the server answers again after an attack (returns how long that took). */
async function recovered(): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 180_000) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) return Date.now() - started;
    } catch {
      // still busy
    }
    await sleep(200);
  }
  return Infinity;
}

async function phase(name: string, attack: string) {
  const rssBefore = rssMb();
  const attacker = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--attack', attack, '--url', url, '--phase-s', String(PHASE_MS / 1000), '--bomb-mb', String(BOMB_MB)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  attacker.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise((r) => attacker.once('exit', r));
  while (!out.includes('READY')) {
    if (attacker.exitCode !== null) throw new Error(`attacker ${attack} exited early:\n${out}`);
    await sleep(50);
  }
  let stopped = false;
  const bystanding = bystand(() => stopped);
  await sleep(PHASE_MS);
  stopped = true;
  const sample = await bystanding;
  await exited;
  const rssAfter = rssMb();
  const recoveryMs = await recovered();
  const attackReport = /REPORT (.*)/.exec(out)?.[1] ?? '—';
  return { name, sample, attackReport: `${attackReport}; server answering again ${(recoveryMs / 1000).toFixed(1)} s after the phase`, rssBefore, rssAfter };
}

// (a) one socket flooding ceremony:sync at ~1,400/s, reconnecting whenever it is cut off.
async function flood(stop: () => boolean): Promise<string> {
  const acks = { ok: 0, limited: 0, other: 0 };
  let disconnects = 0;
  let refusedConnects = 0;
  while (!stop()) {
    let s: Socket;
    try {
      s = await connect({});
    } catch {
      refusedConnects += 1;
      await sleep(100);
      continue;
    }
    const closed = new Promise<void>((r) => s.once('disconnect', () => r()));
    let open = true;
    void closed.then(() => (open = false, disconnects += 1));
    while (open && !stop()) {
      for (let i = 0; i < 14; i += 1) {
        s.emit('ceremony:sync', {}, (r: Ack) => {
          if (r.ok) acks.ok += 1;
          else if (r.error?.code === 'RATE_LIMITED') acks.limited += 1;
          else acks.other += 1;
        });
      }
      await sleep(10);
    }
    s.close();
  }
  return `acks ok ${acks.ok}, RATE_LIMITED ${acks.limited}, other ${acks.other}; cut off ${disconnects}×, reconnects refused ${refusedConnects}`;
}

// (b) verification bombs: one inflate bomb and eight parallel 20 MB junk files, over and over.
async function buildInflateBomb(megabytes: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => deflate.once('end', r));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < megabytes; i += 1) if (!deflate.write(zeros)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  const stream = Buffer.concat(chunks);
  const head = Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${stream.length} >>\nstream\n`);
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Size 4 >>\n%%EOF\n');
  return Buffer.concat([head, stream, tail]);
}
const junk = attackMode === 'bombs' ? Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(20 * 1024 * 1024 - 9, 0x41)]) : Buffer.alloc(0);
const bomb = attackMode === 'bombs' ? await buildInflateBomb(BOMB_MB) : Buffer.alloc(0);

async function bombs(stop: () => boolean): Promise<string> {
  const statuses = new Map<string, number>();
  const describe = () => `uploads by status: ${[...statuses].map(([k, v]) => `${k}×${v}`).join(', ') || 'none answered'}`;
  progress = describe();
  const count = (key: string) => (statuses.set(key, (statuses.get(key) ?? 0) + 1), (progress = describe()));
  const upload = async (body: Buffer) => {
    try {
      const res = await fetch(`${url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: body as unknown as Uint8Array<ArrayBuffer>, signal: AbortSignal.timeout(120_000) });
      await res.arrayBuffer();
      count(String(res.status));
    } catch {
      count('error/timeout');
    }
  };
  const worker = async (body: Buffer) => {
    while (!stop()) await upload(body);
  };
  await Promise.all([worker(bomb), ...Array.from({ length: 8 }, () => worker(junk))]);
  return `uploads by status: ${[...statuses].map(([k, v]) => `${k}×${v}`).join(', ')} (bomb ${(bomb.length / 1e6).toFixed(1)} MB → ${BOMB_MB} MB inflated)`;
}

// (c) 1,000 clients churning at once: observers and one room's invite link, connect → disconnect → again.
async function churn(stop: () => boolean): Promise<string> {
  const links = (await (await fetch(`${url}/api/ceremonies/${ceremonyId}/links`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    rooms: Array<{ roomId: string; url: string }>;
  };
  const invite = decodeURIComponent(new URL(links.rooms[0].url).hash.replace(/^#token=/, ''));
  let accepted = 0;
  let refused = 0;
  let started = 0;
  const loop = async () => {
    while (!stop()) {
      started += 1;
      try {
        const s = await connect(started % 4 === 0 ? { token: invite } : {});
        accepted += 1;
        s.close();
      } catch {
        refused += 1;
      }
      progress = `opened ${started} sockets: ${accepted} connected, ${refused} refused (RATE_LIMITED)`;
    }
  };
  await Promise.all(Array.from({ length: 1000 }, loop));
  return `1,000 churning clients opened ${started} sockets: ${accepted} connected, ${refused} refused (RATE_LIMITED)`;
}

if (attackMode) {
  const attacks: Record<string, (stop: () => boolean) => Promise<string>> = {
    idle: async (stop) => {
      while (!stop()) await sleep(50);
      return '—';
    },
    flood,
    bombs,
    churn,
  };
  const attack = Object.hasOwn(attacks, attackMode) ? attacks[attackMode] : attacks.idle;
  console.log('READY');
  let stopped = false;
  setTimeout(() => (stopped = true), PHASE_MS);
  // Requests still in flight at the end of the phase are not waited for (a blocked server may
  // take minutes to answer them); the report says what had come back by then.
  const report = await Promise.race([attack(() => stopped), sleep(PHASE_MS + 2000).then(() => `${progress} (still in flight at the end)`)]);
  console.log(`REPORT ${report}`);
  process.exit(0);
}

const results = [];
results.push(await phase('idle (baseline)', 'idle'));
results.push(await phase('(a) one socket floods ceremony:sync', 'flood'));
// The bombs last: on a server that verifies on its main thread they block it long after the phase.
results.push(await phase('(c) 1,000 sockets churn', 'churn'));
results.push(await phase('(b) verification bombs', 'bombs'));

const pct = (values: number[], p: number) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (v: number) => (Number.isNaN(v) ? '   —' : v.toFixed(1).padStart(7));
console.log(`Saksi abuse benchmark: demo ceremony (196 agreements), ${PHASE_MS / 1000} s per phase, default limits`);
console.log('phase                                   sync p50   p99 │ health p50   p99 │ n sync/health  failed │ RSS MB before→after');
for (const r of results) {
  const s = r.sample;
  console.log(
    `${r.name.padEnd(38)} ${ms(pct(s.sync, 50))} ${ms(pct(s.sync, 99))} │ ${ms(pct(s.health, 50))} ${ms(pct(s.health, 99))} │ ${String(s.sync.length).padStart(6)}/${String(s.health.length).padEnd(6)} ${String(s.failures).padStart(6)} │ ${r.rssBefore.toFixed(0)}→${r.rssAfter.toFixed(0)}`,
  );
}
for (const r of results.slice(1)) console.log(`  ${r.name}: ${r.attackReport}`);
console.log(`  server peak RSS: ${peakMb().toFixed(0)} MB`);

for (const s of pool) s.close();
child!.kill('SIGTERM');
// A server still stuck in a verification bomb cannot shut down gracefully.
const forced = setTimeout(() => child!.kill('SIGKILL'), 10_000);
await new Promise((r) => child!.once('exit', r));
clearTimeout(forced);
rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
