// Verification abuse bench: the real server in a child process (so the bystander does not share
// its event loop), a bystander measuring `/api/health` and `ceremony:sync` round trips, first on
// an idle server (the raw baseline, same run), then while (a) one ~1 MB PDF whose object stream
// inflates to ~1 GiB is uploaded to POST /api/verify and (b) eight ~20 MB junk files starting
// with %PDF- are uploaded at once. Prints p50/p99/max and how each upload was answered.
// Run: npx tsx bench/verify-bombs.ts [--junk-mb 20] [--phase-s 90]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { numberFlag, parseArgs } from '../server/cli/args';
import { spawnDemoServer } from './demo-server';
import { junkPdf, objectStreamBombPdf } from '../tests/support/pdf-bombs';

const { flags } = parseArgs(process.argv.slice(2));
const junkMb = numberFlag(flags, 'junk-mb', 20);
const phaseMs = numberFlag(flags, 'phase-s', 90) * 1000;
const token = 'bench-organizer-credential-0000000';
const dataDir = mkdtempSync(join(tmpdir(), 'saksi-bench-verify-'));

const { child, url } = await spawnDemoServer(dataDir, token);
const observer = io(url, { auth: { ceremonyId: 'demo-2021-01-18' }, transports: ['websocket'] });
// Observers get the tally-only snapshot.
await new Promise((r) => observer.once('observer:snapshot', r));

/** Health and sync round trips, one after the other, until `done()` (a request in flight counts until it returns). */
async function bystander(done: () => boolean, minSamples = 0): Promise<{ health: number[]; sync: number[]; failed: number }> {
  const health: number[] = [];
  const sync: number[] = [];
  let failed = 0;
  while (!done() || health.length < minSamples) {
    let t = performance.now();
    // A failed request (e.g. a connection reset after a stall) counts with the time it took.
    await fetch(`${url}/api/health`).then((r) => r.arrayBuffer()).catch(() => (failed += 1));
    health.push(performance.now() - t);
    t = performance.now();
    await new Promise((r) => observer.emit('ceremony:sync', {}, r));
    sync.push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 20));
  }
  return { health, sync, failed };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const line = (name: string, xs: number[]) =>
  `${name.padEnd(44)} p50 ${pct(xs, 50).toFixed(1).padStart(8)} ms   p99 ${pct(xs, 99).toFixed(1).padStart(8)} ms   max ${Math.max(...xs).toFixed(0).padStart(7)} ms   (n=${xs.length})`;

interface Upload {
  status: number | string;
  code?: string;
  ms: number;
}
async function upload(bytes: Buffer): Promise<Upload> {
  const t = performance.now();
  try {
    const res = await fetch(`${url}/api/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength),
      signal: AbortSignal.timeout(phaseMs),
    });
    const body = (await res.json().catch(() => ({}))) as { error?: { code?: string }; verdict?: string };
    return { status: res.status, code: body.error?.code ?? body.verdict, ms: performance.now() - t };
  } catch (error) {
    return { status: (error as Error).name === 'TimeoutError' ? `no answer within ${phaseMs / 1000} s` : String(error), ms: performance.now() - t };
  }
}

async function during(name: string, work: () => Promise<Upload[]>): Promise<void> {
  let finished = false;
  const measuring = bystander(() => finished, 5);
  const t = performance.now();
  const uploads = await work();
  finished = true;
  const { health, sync, failed } = await measuring;
  console.log(`\n(${name}) — uploads answered in ${((performance.now() - t) / 1000).toFixed(1)} s:`);
  for (const u of uploads) console.log(`  ${String(u.status).padEnd(5)} ${u.code ?? ''} after ${(u.ms / 1000).toFixed(2)} s`);
  console.log(line('  bystander GET /api/health', health));
  console.log(line('  bystander ceremony:sync (observer)', sync));
  if (failed) console.log(`  bystander health requests failed: ${failed}`);
}

try {
  const idleUntil = performance.now() + 3000;
  const idle = await bystander(() => performance.now() > idleUntil);
  console.log('Saksi verification abuse bench (server in a child process, demo ceremony)');
  console.log('\n(idle baseline)');
  console.log(line('  bystander GET /api/health', idle.health));
  console.log(line('  bystander ceremony:sync (observer)', idle.sync));

  const bomb = objectStreamBombPdf();
  console.log(`\nbomb: ${(bomb.length / 1024 / 1024).toFixed(2)} MB PDF, object stream inflates to 1 GiB; junk: 8 × ${junkMb} MB`);
  await during('a: inflate bomb', async () => [await upload(bomb)]);
  const junk = Array.from({ length: 8 }, (_, i) => junkPdf(junkMb * 1_000_000, i + 1));
  await during(`b: 8 parallel ${junkMb} MB junk uploads`, () => Promise.all(junk.map(upload)));
} finally {
  observer.close();
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
