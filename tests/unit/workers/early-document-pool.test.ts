// The stamping pool `npm start` starts before the seal identity exists (early-document-pool.ts):
// its workers load while the seal is made and get it afterwards. They render before it (what an
// in-process render gives), and stamp and seal only once they have the identity handed late.
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSealIdentity } from '../../../server/documents/certificates';
import { createDocumentService, sha256Hex } from '../../../server/documents/document-service';
import { verifySealedPdf } from '../../../server/documents/verify';
import { startDocumentPool } from '../../../server/early-document-pool';
import { agreementInput, stampSignatures } from '../documents/fixtures';
import { createTempDir } from '../documents/pdf-tools';

const tmp = createTempDir();
const early = startDocumentPool({ stampWorkers: 1, stampTimeoutMs: 60_000 });
afterAll(async () => {
  await early.pool.close();
  tmp.dispose();
});

describe('a stamping pool started before its seal is known', () => {
  it('renders before it has the seal, holds stamping until it does, then seals with it', { timeout: 120_000 }, async () => {
    const document = agreementInput();
    const other = { ...document, agreement: { ...document.agreement, id: 'K-LAIN', title: 'Perjanjian Kemitraan Lain' } };
    // Rendering needs no seal: the worker serves it before its setup arrives.
    const original = await early.pool.renderAgreement(document);
    expect(sha256Hex(original)).toBe(sha256Hex(await createDocumentService().renderAgreement(document)));

    // Stamping does: it waits for the seal, and a render asked after it is not held up behind it.
    const signatures = stampSignatures(document).map((s) => (s.image ? { ...s, record: { ...s.record, imageSha256: sha256Hex(s.image) } } : s));
    let stampSettled = false;
    const stamping = early.pool.finalizeAgreement({ document, original, originalSha256: sha256Hex(original), signatures, verifyUrl: 'http://127.0.0.1:1/verifikasi/x' });
    stamping.then(
      () => (stampSettled = true),
      () => (stampSettled = true),
    );
    const otherOriginal = await early.pool.renderAgreement(other);
    expect(sha256Hex(otherOriginal)).toBe(sha256Hex(await createDocumentService().renderAgreement(other)));
    expect(stampSettled).toBe(false);

    const seal = await loadOrCreateSealIdentity({ dataDir: tmp.path });
    early.setSeal(seal);
    const check = await verifySealedPdf(await stamping, seal);
    expect([check.sealValid, check.coversWholeDocument, check.signedByPlatform]).toEqual([true, true, true]);
    expect(check.agreementId).toBe(document.agreement.id);
  });
});
