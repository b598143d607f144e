// The documents part of the 196-agreement burst, alone: a fresh process starts the real stamping
// pool (STAMP_WORKERS, default 2), renders the demo's 196 originals in it (as seeding does), waits
// until it is quiet (the workers' idle warm-up, STAMP_WARM_UP), then stamps and seals all 196 as
// signed in a rehearsal: both parties, every other signature drawn (a new image each, cleaned
// like the signature worker does), sent two per worker at a time as the stamp queue does.
// Printed per mode: wall time, and the process's CPU split into the stamping workers, V8's helper
// threads (TurboFan compiling, concurrent GC) and the rest, per stamp; next to a raw baseline
// measured in the same run: a warm raw pdf-lib stamp (load, one PNG, three lines, save) of the same
// originals in this process. Each mode runs in its own child process (a fresh V8).
// --modes cold,warm (default): STAMP_WARM_UP=0, then the default warm-up; --young-mb N: document
// workers' young generation (resourceLimits.maxYoungGenerationSizeMb) in the `young` mode.
// --cpu-prof DIR: a CPU profile of each stamping worker (start to end, warm-up included).
// Run: npx tsx bench/stamp-burst.ts [--runs 3] [--modes cold,warm,young] [--young-mb 64] [--node-args "…"] [--cpu-prof DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { numberFlag, parseArgs } from '../server/cli/args';
import { signaturePngDataUrl } from '../server/cli/signature-png';
import { agreementDocumentInput } from '../server/ceremony/document-inputs';
import { rosterToCeremony } from '../server/ceremony/import-ceremony';
import { loadOrCreateSealIdentity } from '../server/documents/certificates';
import type { FinalizeAgreementInput, StampSignature } from '../server/documents/types';
import { sampleSignature } from '../server/documents/warm-up';
import { createState } from '../server/domain/state';
import { decodeSignatureDataUrl } from '../server/realtime/signature-image';
import { sha256Hex } from '../server/security/sha256';
import { buildDemoRoster } from '../server/seed/demo-roster';
import { createDocumentPool } from '../server/workers/document-pool';

const { flags } = parseArgs(process.argv.slice(2));
const runs = numberFlag(flags, 'runs', 3);
const modes = String(flags.modes ?? 'cold,warm').split(',');
const youngMb = numberFlag(flags, 'young-mb', 64);
const nodeArgs = typeof flags['node-args'] === 'string' ? flags['node-args'].split(/\s+/).filter(Boolean) : [];

interface Result {
  wallMs: number;
  workersMs: number;
  helpersMs: number;
  mainMs: number;
  rawMs: number;
  warmUpMs: number;
}

const tids = () => new Set(readdirSync('/proc/self/task'));
function threadMs(tid: string): number {
  try {
    const f = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}
const sum = (ids: Iterable<string>) => [...ids].reduce((a, t) => a + threadMs(t), 0);

async function quiet(): Promise<number> {
  const started = Date.now();
  let last = sum(tids());
  let quietWindows = 0;
  while (quietWindows < 3 && Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 500));
    const now = sum(tids());
    quietWindows = now - last < 25 ? quietWindows + 1 : 0;
    last = now;
  }
  return Date.now() - started - 1500;
}

async function child(mode: string): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-stamp-burst-'));
  try {
    if (mode === 'cold') process.env.STAMP_WARM_UP = '0';
    const seal = await loadOrCreateSealIdentity({ dataDir });
    const before = tids();
    const pool = createDocumentPool({
      size: numberFlag(flags, 'workers', 2),
      seal,
      stampTimeoutMs: 60_000,
      ...(mode === 'young' ? { resourceLimits: { maxYoungGenerationSizeMb: youngMb } } : {}),
      ...(typeof flags['cpu-prof'] === 'string' ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${flags['cpu-prof']}`] } : {}),
    });
    const workerTids = [...tids()].filter((t) => !before.has(t));
    const ceremony = rosterToCeremony(buildDemoRoster(), 'demo-2021-01-18', new Date().toISOString());
    const state = createState(ceremony, { now: new Date().toISOString() });
    const documents = ceremony.agreements.map((a) => agreementDocumentInput(state, a));
    const originals = await Promise.all(documents.map((d) => pool.renderAgreement(d)));
    // finalizeAgreementHashed moves each original to its worker: the raw floor gets its own copies.
    const rawOriginals = originals.map((o) => o.slice());
    const warmUpMs = await quiet();
    let seed = 0;
    const inputs: FinalizeAgreementInput[] = documents.map((document, i) => {
      const signatures: StampSignature[] = document.parties.map((party, k) => {
        seed += 1;
        const room = document.rooms.find((r) => r.id === party.room)!;
        const drawn = seed % 2 === 0;
        const image = drawn ? decodeSignatureDataUrl(signaturePngDataUrl(seed)) : undefined;
        if (image && !image.ok) throw new Error('signature did not decode');
        const png = image?.ok ? image.value.png : undefined;
        return sampleSignature({
          agreementId: document.agreement.id,
          party,
          room,
          signedAt: new Date(Date.parse('2021-01-18T03:00:00Z') + seed * 1000 + k).toISOString(),
          ...(png ? { image: png } : { typedText: party.representative.name }),
          evidenceSeed: `ua ${seed}`,
          tokenId: `jti-${seed}`,
        });
      });
      return { document, original: originals[i], originalSha256: sha256Hex(originals[i]), signatures, verifyUrl: `http://127.0.0.1:3000/verify/demo-2021-01-18/${document.agreement.id}` };
    });
    const main = process.pid.toString();
    const helpers = [...tids()].filter((t) => t !== main && !workerTids.includes(t));
    if (process.env.STAMP_BURST_MARK) console.log('--- stamping starts');
    const at = { workers: sum(workerTids), helpers: sum(helpers), main: threadMs(main), wall: performance.now() };
    // Two in flight per worker, as the stamp queue holds them.
    let next = 0;
    await Promise.all(
      Array.from({ length: pool.size * 2 }, async () => {
        while (next < inputs.length) await pool.finalizeAgreementHashed(inputs[next++]);
      }),
    );
    if (process.env.STAMP_BURST_MARK) console.log('--- stamping ends');
    const result = {
      wallMs: performance.now() - at.wall,
      workersMs: sum(workerTids) - at.workers,
      helpersMs: sum(helpers) - at.helpers,
      mainMs: threadMs(main) - at.main,
      warmUpMs,
      rawMs: 0,
    };
    await pool.close();
    // The raw floor: pdf-lib loads each original, draws one PNG and three lines, saves (warm: a second pass).
    const png = decodeSignatureDataUrl(signaturePngDataUrl(1));
    if (!png.ok) throw new Error('signature did not decode');
    const raw = async () => {
      for (const original of rawOriginals) {
        const doc = await PDFDocument.load(original, { updateMetadata: false });
        const font = await doc.embedFont(StandardFonts.Helvetica);
        const image = await doc.embedPng(png.value.png);
        const page = doc.getPages().at(-1)!;
        page.drawImage(image, { x: 80, y: 300, width: 150, height: 50 });
        page.drawText('Signed by: Hiroshi Tanaka, Presiden Direktur', { x: 80, y: 280, size: 7, font });
        page.drawText('Istana Negara - 18 Januari 2021 10.15 WIB', { x: 80, y: 270, size: 7, font });
        page.drawText('http://127.0.0.1:3000/verify/demo', { x: 80, y: 40, size: 8, font });
        await doc.save();
      }
    };
    await raw();
    const cpu = process.cpuUsage();
    await raw();
    const used = process.cpuUsage(cpu);
    result.rawMs = (used.user + used.system) / 1000;
    return result;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (flags.child) {
  const r = await child(String(flags.child));
  process.stdout.write(JSON.stringify(r));
  process.exit(0);
}

const results = new Map<string, Result[]>(modes.map((m) => [m, []]));
for (let i = 0; i < runs; i++) {
  for (const mode of modes) {
    const out = spawnSync(process.execPath, [...nodeArgs, ...process.execArgv, fileURLToPath(import.meta.url), '--child', mode, ...process.argv.slice(2)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (out.status !== 0) throw new Error(`child ${mode} failed`);
    const r = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Result;
    results.get(mode)!.push(r);
    console.error(`  run ${i + 1}/${runs} ${mode}: ${(r.wallMs / 1000).toFixed(2)} s, workers ${(r.workersMs / 196).toFixed(1)} ms/stamp, helpers ${(r.helpersMs / 196).toFixed(1)} ms/stamp`);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
console.log(`Stamping burst alone (demo: 196 agreements, ${numberFlag(flags, 'workers', 2)} stamping workers), ${runs} runs; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`  ${'mode'.padEnd(8)} ${'per stamp, CPU ms (min / median):'.padEnd(40)} workers      V8 helpers   main      all       raw pdf-lib   wall s     warm-up wait s`);
for (const [mode, rs] of results) {
  const cell = (pick: (r: Result) => number, scale = 196, digits = 1) => {
    const xs = rs.map(pick).map((x) => x / scale);
    return `${Math.min(...xs).toFixed(digits)} / ${median(xs).toFixed(digits)}`.padEnd(12);
  };
  console.log(
    `  ${mode.padEnd(8)} ${''.padEnd(40)} ${cell((r) => r.workersMs)} ${cell((r) => r.helpersMs)} ${cell((r) => r.mainMs)} ${cell((r) => r.workersMs + r.helpersMs + r.mainMs)} ${cell((r) => r.rawMs)}  ${cell((r) => r.wallMs, 1000, 2)} ${cell((r) => r.warmUpMs, 1000, 2)}`,
  );
}
