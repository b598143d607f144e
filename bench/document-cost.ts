// Documents cost bench (issue 11, must-hold 1): CPU time of stamp + seal of one 2-party agreement,
// next to a raw pdf-lib stamp of the same original measured in the same run (load, one PNG, a few
// lines in a standard font, save). CPU time (process.cpuUsage), not wall time: the machine is shared.
// 3 repetitions of `count` documents each; prints min and median per document.
// As in a ceremony, the PMA representative applies one adopted signature to every agreement, and
// each UMKM signs with a drawing of its own (a different PNG per document).
// `--old-root DIR` first runs the same measurement on another checkout's documents code, in a
// child process of its own (both install process-wide pdf-lib settings), each with its own raw
// baseline. E.g. main: `mkdir /tmp/saksi-old && git archive main | tar -x -C /tmp/saksi-old &&
// ln -s "$PWD/node_modules" /tmp/saksi-old/node_modules`.
// Run: npx tsx bench/document-cost.ts [documents=30] [--old-root DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { AgreementDocumentInput, FinalizeAgreementInput } from '../server/documents/types';
import { CEREMONY, PARTIES, ROOMS, signaturePng, stampSignatures } from '../tests/unit/documents/fixtures';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? resolve(args[args.indexOf(name) + 1]) : undefined);
const oldRoot = option('--old-root');
/** Whose documents code is measured (this checkout unless given). */
const root = option('--root') ?? resolve(HERE, '..');
const count = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith('--')) ?? 30);
const REPETITIONS = 3;

/** A 2-party agreement like the demo's: a PMA party and a UMKM party, both drawn. */
function twoParty(i: number, umkm: number): AgreementDocumentInput {
  const parties = [PARTIES[0], PARTIES[umkm]];
  return {
    ceremony: CEREMONY,
    agreement: { id: `AGR-${String(i + 1).padStart(3, '0')}`, title: 'Pasokan biji kopi dan pengolahan pascapanen', parties: parties.map((p) => p.id), valueIdr: 7_650_000_000 + i * 1_000_000 },
    parties,
    rooms: ROOMS,
  };
}

async function cpuMs(run: () => Promise<void>): Promise<number> {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n: number) => n.toFixed(2);

async function rawStamp(original: Uint8Array, png: Uint8Array, verifyUrl: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const image = await doc.embedPng(png);
  const page = doc.getPages().at(-1)!;
  page.drawImage(image, { x: 80, y: 300, width: 150, height: 50 });
  page.drawText('Signed by: Hiroshi Tanaka, Presiden Direktur', { x: 80, y: 280, size: 7, font, color: rgb(0.06, 0.16, 0.45) });
  page.drawText('Istana Negara - 18 Januari 2021 10.15 WIB', { x: 80, y: 270, size: 7, font });
  page.drawText(verifyUrl, { x: 80, y: 40, size: 8, font });
  return doc.save();
}

/** The UMKM's own drawing (a scribble of a width of its own) in place of the fixture's. */
const withUmkmDrawing = (input: FinalizeAgreementInput, width: number): FinalizeAgreementInput => ({
  ...input, signatures: input.signatures.map((s, k) => (k === 1 && s.image ? { ...s, image: signaturePng(width, 80) } : s)),
});

async function main(): Promise<void> {
  if (oldRoot) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), String(count), '--root', oldRoot], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the run on ${oldRoot} failed`);
    console.log(child.stdout.replace(/Saksi stamp \+ seal/g, 'OLD stamp + seal  ').trimEnd());
    console.log(`(above: ${oldRoot}; below: ${root})`);
  }
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { loadOrCreateSealIdentity } = await load('server/documents/certificates.ts');
  const { createDocumentService, sha256Hex } = await load('server/documents/document-service.ts');
  const { createSealer } = await load('server/documents/seal.ts');
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-bench-'));
  try {
    const identity = await loadOrCreateSealIdentity({ dataDir });
    const service = createDocumentService({ sealer: createSealer(identity) });
    service.fonts.preload();
    const png = signaturePng();
    const cases = [
      { label: 'Latin (Ṭ, Ẓ)', umkm: 1 },
      { label: 'with CJK (金)', umkm: 2 },
    ];
    for (const { label, umkm } of cases) {
      const inputs: FinalizeAgreementInput[] = [];
      for (let i = 0; i < count; i++) {
        const document = twoParty(i, umkm);
        const original: Uint8Array = await service.renderAgreement(document);
        inputs.push(withUmkmDrawing({
          document, original, originalSha256: sha256Hex(original), signatures: stampSignatures(document),
          verifyUrl: `https://saksi.example.id/v/${document.agreement.id}?k=${i.toString(16).padStart(6, '0')}`,
        }, 200 + i));
      }
      // Warm-up (JIT, font parsing) on other documents of the same ceremony: what the repetitions
      // find in the per-worker caches is the PMA's adopted signature and the shared layout.
      for (const [k, input] of inputs.slice(0, 3).entries()) {
        await service.finalizeAgreement(withUmkmDrawing(input, 150 + k));
        await rawStamp(input.original, png, input.verifyUrl);
      }
      const measure = async (run: (input: FinalizeAgreementInput) => Promise<unknown>) => (await cpuMs(async () => { for (const input of inputs) await run(input); })) / count;
      const raw: number[] = [];
      const ours: number[] = [];
      for (let r = 0; r < REPETITIONS; r++) {
        raw.push(await measure((input) => rawStamp(input.original, png, input.verifyUrl)));
        ours.push(await measure((input) => service.finalizeAgreement(input)));
      }
      console.log(`2-party agreement, ${label}: ${count} documents × ${REPETITIONS} repetitions, CPU ms per document`);
      console.log(`  raw pdf-lib stamp (load, PNG, 3 lines Helvetica, save): min ${fmt(Math.min(...raw))}  median ${fmt(median(raw))}`);
      console.log(`  Saksi stamp + seal (finalizeAgreement):                  min ${fmt(Math.min(...ours))}  median ${fmt(median(ours))}`);
      console.log(`  ratio (median / median): ${fmt(median(ours) / median(raw))}×   target ≤ 12 ms and ≤ 2.5×`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
