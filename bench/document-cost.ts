// Documents cost bench (issue 11, must-hold 1): CPU time of stamp + seal of one 2-party agreement,
// next to a raw pdf-lib stamp of the same original measured in the same run (load, one PNG, a few
// lines in a standard font, save). CPU time (process.cpuUsage), not wall time: the machine is shared.
// 3 repetitions of `count` documents each; prints min and median per document.
// As in a ceremony, the PMA representative applies one adopted signature to every agreement, and
// each UMKM signs with a drawing of its own (a different PNG per document).
// `--old-root DIR` also measures another checkout's documents code on the same inputs in the same
// run (e.g. main: `mkdir /tmp/saksi-old && git archive main | tar -x -C /tmp/saksi-old &&
// ln -s "$PWD/node_modules" /tmp/saksi-old/node_modules`).
// Run: npx tsx bench/document-cost.ts [documents=30] [--old-root DIR]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { loadOrCreateSealIdentity } from '../server/documents/certificates';
import { createDocumentService, sha256Hex } from '../server/documents/document-service';
import { createSealer } from '../server/documents/seal';
import type { AgreementDocumentInput, FinalizeAgreementInput } from '../server/documents/types';
import { CEREMONY, PARTIES, ROOMS, signaturePng, stampSignatures } from '../tests/unit/documents/fixtures';

const args = process.argv.slice(2);
const oldRootAt = args.indexOf('--old-root');
const oldRoot = oldRootAt >= 0 ? resolve(args[oldRootAt + 1]) : undefined;
const count = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--old-root') ?? 30);
const REPETITIONS = 3;

/** A 2-party agreement like the demo's: a PMA party (drawn) and a UMKM party (typed). */
function twoParty(i: number, umkm: number): AgreementDocumentInput {
  const parties = [PARTIES[0], PARTIES[umkm]];
  return {
    ceremony: CEREMONY,
    agreement: { id: `AGR-${String(i + 1).padStart(3, '0')}`, title: 'Pasokan biji kopi dan pengolahan pascapanen', parties: parties.map((p) => p.id), valueIdr: 7_650_000_000 + i * 1_000_000 },
    parties,
    rooms: ROOMS,
  };
}

function cpuMs(run: () => Promise<void>): Promise<number> {
  return (async () => {
    const start = process.cpuUsage();
    await run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  })();
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

type Finalize = (input: FinalizeAgreementInput) => Promise<Uint8Array>;

/** The other checkout's stamp + seal, with the same seal identity. */
async function oldFinalize(root: string, identity: Awaited<ReturnType<typeof loadOrCreateSealIdentity>>): Promise<Finalize> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const { createDocumentService: create } = await load('server/documents/document-service.ts');
  const { createSealer: sealer } = await load('server/documents/seal.ts');
  const service = create({ sealer: sealer(identity) });
  service.fonts.preload();
  return (input) => service.finalizeAgreement(input);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-bench-'));
  try {
    const identity = await loadOrCreateSealIdentity({ dataDir });
    const service = createDocumentService({ sealer: createSealer(identity) });
    service.fonts.preload();
    const old = oldRoot ? await oldFinalize(oldRoot, identity) : undefined;
    const png = signaturePng();
    const cases = [
      { label: 'Latin (Ṭ, Ẓ)', umkm: 1 },
      { label: 'with CJK (金)', umkm: 2 },
    ];
    for (const { label, umkm } of cases) {
      const inputs: FinalizeAgreementInput[] = [];
      for (let i = 0; i < count; i++) {
        const document = twoParty(i, umkm);
        const original = await service.renderAgreement(document);
        // The UMKM's own drawing: a scribble of a different width per document.
        const signatures = stampSignatures(document).map((s, k) => (k === 1 && s.image ? { ...s, image: signaturePng(200 + i, 80) } : s));
        inputs.push({
          document, original, originalSha256: sha256Hex(original), signatures,
          verifyUrl: `https://saksi.example.id/v/${document.agreement.id}?k=${i.toString(16).padStart(6, '0')}`,
        });
      }
      // Warm-up (JIT, font parsing) on other documents of the same ceremony, so that what the
      // repetitions find in the per-ceremony caches is the PMA's adopted signature and the
      // shared layout, not the documents themselves.
      const finalize: Finalize = (input) => service.finalizeAgreement(input);
      const warmUp = inputs.slice(0, 3).map((input, k) => ({ ...input, signatures: input.signatures.map((s, j) => (j === 1 && s.image ? { ...s, image: signaturePng(150 + k, 60) } : s)) }));
      for (const input of warmUp) {
        await finalize(input);
        if (old) await old(input);
        await rawStamp(input.original, png, input.verifyUrl);
      }
      const measure = async (run: (input: FinalizeAgreementInput) => Promise<unknown>) => (await cpuMs(async () => { for (const input of inputs) await run(input); })) / count;
      const raw: number[] = [];
      const ours: number[] = [];
      const before: number[] = [];
      for (let r = 0; r < REPETITIONS; r++) {
        raw.push(await measure((input) => rawStamp(input.original, png, input.verifyUrl)));
        if (old) before.push(await measure(old));
        ours.push(await measure(finalize));
      }
      console.log(`2-party agreement, ${label}: ${count} documents × ${REPETITIONS} repetitions, CPU ms per document`);
      console.log(`  raw pdf-lib stamp (load, PNG, 3 lines Helvetica, save): min ${fmt(Math.min(...raw))}  median ${fmt(median(raw))}`);
      if (old) console.log(`  old stamp + seal (${oldRoot}):  min ${fmt(Math.min(...before))}  median ${fmt(median(before))}  ratio ${fmt(median(before) / median(raw))}×`);
      console.log(`  Saksi stamp + seal (finalizeAgreement):                  min ${fmt(Math.min(...ours))}  median ${fmt(median(ours))}`);
      console.log(`  ratio (median / median): ${fmt(median(ours) / median(raw))}×   target ≤ 12 ms and ≤ 2.5×`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
