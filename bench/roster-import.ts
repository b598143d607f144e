// Importing a roster renders every agreement's original in the stamping pool and stores the
// ceremony in one transaction (server/ceremony/import-ceremony.ts). Printed: the demo (196
// agreements) and the generated roster (1,000 agreements in 60 rooms): wall time, CPU of the
// whole process (main thread and workers) and per original, next to a raw floor measured in the
// same run (pdf-lib drawing the same number of pages of text with a standard font, one thread),
// and with --root DIR the same import in another checkout (e.g. main), runs alternating.
// Each run is its own process with a fresh pool (STAMP_WORKERS, default: the cores), warmed up
// on a few originals first, so worker start-up is not counted (bench/startup.ts measures it).
// Run: npx tsx bench/roster-import.ts [--runs 3] [--root DIR]   (also the end of `npm run bench:roster`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { numberFlag, parseArgs } from '../server/cli/args';
import { largeRoster } from '../tests/support/large-roster';
import { buildDemoRoster } from '../server/seed/demo-roster';

interface ImportRun {
  label: string;
  agreements: number;
  wallMs: number;
  cpuMs: number;
}

const HERE = fileURLToPath(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { flags } = parseArgs(process.argv.slice(2));
const workers = Number(process.env.STAMP_WORKERS ?? Math.max(1, Math.min(8, availableParallelism())));

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** In a child process: imports the demo and the generated roster with `root`'s code. */
async function child(root: string): Promise<ImportRun[]> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { createDocumentPool } = await load('server/workers/document-pool.ts');
  const { importRoster } = await load('server/ceremony/import-ceremony.ts');
  const { openStore } = await load('server/persistence/open-store.ts');
  const { loadOrCreateSealIdentity } = await load('server/documents/certificates.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-import-bench-'));
  const seal = await loadOrCreateSealIdentity({ dataDir });
  const pool = createDocumentPool({ size: workers, seal, stampTimeoutMs: 120_000 });
  const store = openStore(dataDir);
  const runs: ImportRun[] = [];
  try {
    const now = () => new Date().toISOString();
    const deps = { store, documents: pool, now, renderConcurrency: workers * 2 };
    // Warm-up: every worker loads its code and fonts and renders a few originals.
    const warm = largeRoster(7, workers * 6, 4);
    if (!(await importRoster(deps, { ...warm, id: 'warm-up' })).ok) throw new Error('warm-up import failed');
    for (const [label, roster] of [['demo (196 agreements, 16 rooms)', buildDemoRoster()], ['generated (1,000 agreements, 60 rooms)', largeRoster()]] as const) {
      const [t0, c0] = [performance.now(), cpuNow()];
      const result = await importRoster(deps, roster);
      if (!result.ok) throw new Error(`${label}: ${JSON.stringify(result.error)}`);
      runs.push({ label, agreements: roster.agreements.length, wallMs: performance.now() - t0, cpuMs: cpuNow() - c0 });
    }
  } finally {
    await pool.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return runs;
}

/** The raw floor: pdf-lib drawing `pages` pages of body text with Helvetica, one document, one thread. */
async function rawDocument(pages: number, i: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const line = 'Para pihak sepakat melaksanakan kemitraan ini dengan itikad baik sesuai peraturan yang berlaku.';
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595.28, 841.89]);
    for (let y = 780; y > 60; y -= 14) page.drawText(`${line} ${i}`, { x: 50, y, size: 9.5, font });
  }
  return doc.save({ useObjectStreams: false });
}

async function rawFloorPerDocumentMs(count: number): Promise<number> {
  for (let i = 0; i < 20; i++) await rawDocument(4, i); // warm-up
  const c0 = cpuNow();
  for (let i = 0; i < count; i++) await rawDocument(4, i);
  return (cpuNow() - c0) / count;
}

function runChild(root: string): ImportRun[] {
  const result = spawnSync(process.execPath, ['--import', 'tsx', HERE, '--child', root], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, STAMP_WORKERS: String(workers) } });
  if (result.status !== 0) throw new Error(`import bench in ${root} failed (${result.status})`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ImportRun[];
}

export async function printRosterImport(options: { runs: number; otherRoot?: string }): Promise<void> {
  const checkouts = [{ name: 'this', root: ROOT }, ...(options.otherRoot ? [{ name: 'other', root: options.otherRoot }] : [])];
  const results = new Map<string, ImportRun[][]>(checkouts.map((c) => [c.name, []]));
  const floors: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    for (const c of checkouts) results.get(c.name)!.push(runChild(c.root));
    floors.push(await rawFloorPerDocumentMs(100));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const cell = (xs: number[], digits: number) => `${Math.min(...xs).toFixed(digits)} / ${median(xs).toFixed(digits)}`;
  const floor = median(floors);
  console.log(`\nRoster import: originals rendered in the stamping pool (${workers} workers) and stored; ${options.runs} runs alternating, min / median; load ${readLoad()}`);
  if (options.otherRoot) console.log(`  other: ${options.otherRoot}`);
  console.log(`  raw floor: pdf-lib, 4 pages of Helvetica text, one thread: ${cell(floors, 2)} ms of CPU per document`);
  for (const c of checkouts) {
    const runs = results.get(c.name)!;
    for (let k = 0; k < runs[0].length; k++) {
      const rows = runs.map((run) => run[k]);
      const perOriginal = rows.map((row) => row.cpuMs / row.agreements);
      console.log(`  ${c.name.padEnd(6)} ${rows[0].label.padEnd(40)} wall ${cell(rows.map((row) => row.wallMs / 1000), 2)} s, CPU ${cell(rows.map((row) => row.cpuMs / 1000), 2)} s, per original ${cell(perOriginal, 1)} ms CPU (${(median(perOriginal) / floor).toFixed(1)}× raw)`);
    }
  }
}

const readLoad = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

if (process.argv[1] === HERE) {
  if (typeof flags.child === 'string') {
    const runs = await child(resolve(flags.child));
    console.log(JSON.stringify(runs));
    process.exit(0);
  }
  await printRosterImport({ runs: numberFlag(flags, 'runs', 3), otherRoot: typeof flags.root === 'string' ? resolve(flags.root) : undefined });
}
