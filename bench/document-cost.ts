// Documents cost bench (issue 11, must-hold 1): CPU time of stamp + seal of one 2-party agreement,
// next to a raw pdf-lib stamp of the same original measured in the same run (load, one PNG, a few
// lines in a standard font, save). CPU time (process.cpuUsage), not wall time: the machine is shared.
// 3 repetitions of `count` documents each; prints min and median per document.
// Run: npx tsx bench/document-cost.ts [documents=30]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { loadOrCreateSealIdentity } from '../server/documents/certificates';
import { createDocumentService, sha256Hex } from '../server/documents/document-service';
import { createSealer } from '../server/documents/seal';
import type { AgreementDocumentInput, FinalizeAgreementInput } from '../server/documents/types';
import { CEREMONY, PARTIES, ROOMS, signaturePng, stampSignatures } from '../tests/unit/documents/fixtures';

const count = Number(process.argv[2] ?? 30);
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

async function main(): Promise<void> {
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
        const original = await service.renderAgreement(document);
        inputs.push({
          document, original, originalSha256: sha256Hex(original), signatures: stampSignatures(document),
          verifyUrl: `https://saksi.example.id/v/${document.agreement.id}?k=${i.toString(16).padStart(6, '0')}`,
        });
      }
      // Warm-up: JIT, font parsing, per-ceremony caches.
      for (const input of inputs.slice(0, 3)) {
        await service.finalizeAgreement(input);
        await rawStamp(input.original, png, input.verifyUrl);
      }
      const ours: number[] = [];
      const raw: number[] = [];
      for (let r = 0; r < REPETITIONS; r++) {
        raw.push((await cpuMs(async () => { for (const input of inputs) await rawStamp(input.original, png, input.verifyUrl); })) / count);
        ours.push((await cpuMs(async () => { for (const input of inputs) await service.finalizeAgreement(input); })) / count);
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
