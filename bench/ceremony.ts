// Benchmark: start the real server on a fresh DATA_DIR (demo ceremony, 196 agreements), run a
// rehearsal signing everything as fast as the server allows, and print: first call → last stamp,
// stamps per second, signatures per second, tally messages an observer received, peak RSS.
// Run: npx tsx bench/ceremony.ts [--concurrency 16] [--wave-size 196]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { numberFlag, parseArgs } from '../server/cli/args';
import { spawnDemoServer } from './demo-server';
import { runRehearsal } from '../server/cli/rehearsal';

const { flags } = parseArgs(process.argv.slice(2));
const token = 'bench-organizer-credential-0000000';
const dataDir = mkdtempSync(join(tmpdir(), 'saksi-bench-'));

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

const startedAt = Date.now();
const { child, url } = await spawnDemoServer(dataDir, token);
const startupMs = Date.now() - startedAt;
const ceremonyId = 'demo-2021-01-18';
const rssAfterSeed = peakRssMb(child.pid!);

let tallyMessages = 0;
const observer = io(url, { auth: { ceremonyId }, transports: ['websocket'] });
observer.on('tally:updated', () => (tallyMessages += 1));
// Observers get the tally-only snapshot.
await new Promise((r) => observer.once('observer:snapshot', r));

const summary = await runRehearsal({
  url,
  ceremonyId,
  token,
  waveSize: numberFlag(flags, 'wave-size', 196),
  concurrency: numberFlag(flags, 'concurrency', 16),
  paceMs: 0,
  drawnRatio: 0.5,
  timeoutMs: 900_000,
  close: true,
  log: () => {},
});
const peak = peakRssMb(child.pid!);
observer.close();
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

const s = (ms: number) => (ms / 1000).toFixed(2);
console.log('Saksi ceremony benchmark (demo: 196 agreements, 392 signatures)');
console.log(`  server start incl. demo import (196 PDFs): ${s(startupMs)} s`);
console.log(`  signing phase (all signatures acked):      ${s(summary.signingMs)} s  → ${(summary.signaturesSent / (summary.signingMs / 1000)).toFixed(1)} signatures/s`);
console.log(`  first call → last agreement stamped:       ${s(summary.callToLastStampMs)} s`);
console.log(`  stamps (stamp + seal) per second:          ${(summary.agreementsStamped / (summary.callToLastStampMs / 1000)).toFixed(2)}`);
console.log(`  tally messages to one observer:            ${tallyMessages} (for ${summary.signaturesSent} signatures)`);
console.log(`  peak RSS after seeding / overall:          ${rssAfterSeed.toFixed(0)} MB / ${peak.toFixed(0)} MB`);
console.log(`  result: ${summary.agreementsSigned}/${summary.agreementsTotal} signed, ${summary.agreementsStamped} stamped, ok=${summary.ok}`);
process.exit(summary.ok ? 0 : 1);
