// The stamping pool `npm start` starts before the seal identity exists (early-document-pool.ts):
// its workers load while the seal is made and get it afterwards. They must then render what an
// in-process render gives, and seal with the identity they were handed late.
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
  it('renders once handed the seal, and seals with it', async () => {
    const document = agreementInput();
    // Asked before the seal exists: the task waits for a worker that has its setup.
    const rendering = early.pool.renderAgreement(document);
    const seal = await loadOrCreateSealIdentity({ dataDir: tmp.path });
    early.setSeal(seal);
    const original = await rendering;
    expect(sha256Hex(original)).toBe(sha256Hex(await createDocumentService().renderAgreement(document)));

    const signatures = stampSignatures(document).map((s) => (s.image ? { ...s, record: { ...s.record, imageSha256: sha256Hex(s.image) } } : s));
    const sealed = await early.pool.finalizeAgreement({ document, original, originalSha256: sha256Hex(original), signatures, verifyUrl: 'http://127.0.0.1:1/verifikasi/x' });
    const check = await verifySealedPdf(sealed, seal);
    expect([check.sealValid, check.coversWholeDocument, check.signedByPlatform]).toEqual([true, true, true]);
    expect(check.agreementId).toBe(document.agreement.id);
  });
});
