// Documents bench: render, stamp and seal agreements, then the Berita Acara and the record ZIP
// for a ceremony of 196 agreements. Prints figures; asserts nothing about speed.
// Run: npx tsx bench/seal.ts [agreements=50]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSealIdentity } from '../server/documents/certificates';
import { createDocumentService, sha256Hex } from '../server/documents/document-service';
import { createSealer } from '../server/documents/seal';
import type { AgreementDocumentInput, FinalizeAgreementInput } from '../server/documents/types';
import { renderBeritaAcara } from '../server/record/berita-acara';
import { buildRecordZip, type ManifestRow } from '../server/record/record-zip';
import { agreementInput, beritaAcaraInput, stampSignatures } from '../tests/unit/documents/fixtures';

const count = Number(process.argv[2] ?? 50);
const CEREMONY_AGREEMENTS = 196;

function variant(i: number): AgreementDocumentInput {
  const base = agreementInput({ id: `AGR-${String(i + 1).padStart(3, '0')}`, valueIdr: 7_650_000_000 + i * 1_000_000 });
  // Distinct names per document, so the layout cache does not make every document free.
  return { ...base, parties: base.parties.map((p) => ({ ...p, name: `${p.name} ${i + 1}` })) };
}

const ms = (start: number) => performance.now() - start;
const fmt = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-bench-'));
  try {
    let t = performance.now();
    const identity = await loadOrCreateSealIdentity({ dataDir });
    console.log(`seal identity created (CA + seal cert, RSA-2048): ${fmt(ms(t))} ms`);
    const sealer = createSealer(identity);
    const service = createDocumentService({ sealer });
    const unsealed = createDocumentService({ fonts: service.fonts });

    t = performance.now();
    await service.renderAgreement(agreementInput());
    console.log(`first render (reads and parses fonts incl. CJK): ${fmt(ms(t))} ms`);

    const inputs = Array.from({ length: count }, (_, i) => variant(i));
    t = performance.now();
    const originals: Uint8Array[] = [];
    for (const input of inputs) originals.push(await service.renderAgreement(input));
    const renderMs = ms(t) / count;

    const finalizeInputs: FinalizeAgreementInput[] = inputs.map((document, i) => ({
      document, original: originals[i], originalSha256: sha256Hex(originals[i]), signatures: stampSignatures(document),
      verifyUrl: `https://saksi.example.id/v/${document.agreement.id}?k=${i.toString(16).padStart(6, '0')}`,
    }));
    t = performance.now();
    const stamped: Uint8Array[] = [];
    for (const input of finalizeInputs) stamped.push(await unsealed.finalizeAgreement(input));
    const stampMs = ms(t) / count;

    t = performance.now();
    const sealedDocs: Uint8Array[] = [];
    for (const bytes of stamped) sealedDocs.push(await sealer.seal(bytes, { reason: 'bench', location: 'Jakarta' }));
    const sealSeconds = ms(t) / 1000;

    t = performance.now();
    for (const input of finalizeInputs.slice(0, 10)) await service.finalizeAgreement(input);
    const finalizeMs = ms(t) / Math.min(10, count);

    const avg = (xs: Uint8Array[]) => xs.reduce((s, x) => s + x.length, 0) / xs.length / 1024;
    console.log(`agreements: ${count} (4 parties each: 2 drawn PNG, 2 typed incl. CJK)`);
    console.log(`render:          ${fmt(renderMs)} ms/doc   (${fmt(avg(originals))} KiB avg)`);
    console.log(`stamp:           ${fmt(stampMs)} ms/doc   (${fmt(avg(stamped))} KiB avg, incl. certificate page)`);
    console.log(`seal:            ${fmt(count / sealSeconds)} seals/s (${fmt((sealSeconds * 1000) / count)} ms/seal)`);
    console.log(`finalize (stamp+seal): ${fmt(finalizeMs)} ms/doc`);

    t = performance.now();
    const ba = await renderBeritaAcara(beritaAcaraInput(CEREMONY_AGREEMENTS), { fonts: service.fonts, sealer });
    console.log(`Berita Acara, ${CEREMONY_AGREEMENTS} agreements, sealed: ${fmt(ms(t))} ms (${fmt(ba.length / 1024)} KiB)`);

    const files = Array.from({ length: CEREMONY_AGREEMENTS }, (_, i) => ({ name: `AGR-${String(i + 1).padStart(3, '0')}.pdf`, bytes: sealedDocs[i % sealedDocs.length] }));
    const manifest: ManifestRow[] = files.map((file, i) => ({
      agreementId: file.name.replace('.pdf', ''), title: `Kemitraan ${i + 1}`, fileName: file.name, valueIdr: 7_650_000_000,
      parties: inputs[i % inputs.length].parties.map((p) => ({ name: p.name, kind: p.kind, province: p.province })),
      signatures: finalizeInputs[i % finalizeInputs.length].signatures.map((s) => ({ party: s.party.name, signer: s.record.signerName, signedAt: s.record.signedAt, timezone: s.record.timezone })),
    }));
    t = performance.now();
    const zip = await buildRecordZip({ files: [...files, { name: 'berita-acara.pdf', bytes: ba }], manifest, date: new Date('2021-01-18T05:30:00Z') });
    console.log(`record ZIP, ${CEREMONY_AGREEMENTS} agreements + Berita Acara: ${fmt(ms(t))} ms (${fmt(zip.length / 1024 / 1024)} MiB)`);
    console.log(`memory: rss ${fmt(process.memoryUsage().rss / 1024 / 1024)} MiB, heap used ${fmt(process.memoryUsage().heapUsed / 1024 / 1024)} MiB`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
