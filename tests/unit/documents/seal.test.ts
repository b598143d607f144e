import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeSealTrust, loadOrCreateSealIdentity, writeSealP12IfMissing, type SealIdentity } from '../../../server/documents/certificates';
import { createDocumentService, sha256Hex } from '../../../server/documents/document-service';
import { createSealer } from '../../../server/documents/seal';
import { verifySealedPdf } from '../../../server/documents/verify';
import { agreementInput, stampSignatures } from './fixtures';
import { createTempDir, decodeQrOnPage, pageCount, pdfsig, qpdfCheck, type TempDir } from './pdf-tools';

const VERIFY_URL = 'https://saksi.example.id/v/AGR-001?k=7f3a9c';
const SEALED_AT = new Date('2021-01-18T05:00:00.000Z');

/** Flips one bit of a byte inside the first signed range (well before the signature). */
function tamper(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const text = Buffer.from(copy).toString('latin1');
  const at = text.indexOf('stream', text.indexOf('/Contents', 200)) + 40;
  copy[at] ^= 0x01;
  return copy;
}

describe('platform seal', () => {
  let tmp: TempDir;
  let identity: SealIdentity;
  let original: Uint8Array;
  let sealed: Uint8Array;

  beforeAll(async () => {
    tmp = createTempDir();
    identity = await loadOrCreateSealIdentity({ dataDir: tmp.path });
    const service = createDocumentService({ sealer: createSealer(identity, { now: () => SEALED_AT }), sealLocation: 'Jakarta' });
    const document = agreementInput();
    original = await service.renderAgreement(document);
    sealed = await service.finalizeAgreement({ document, original, originalSha256: sha256Hex(original), signatures: stampSignatures(document), verifyUrl: VERIFY_URL });
  });
  afterAll(() => tmp.dispose());

  it('creates a ceremony CA and a sealing certificate once, and reuses them', async () => {
    for (const name of ['ca-cert.pem', 'ca-key.pem', 'seal-cert.pem', 'seal-key.pem']) expect(existsSync(join(tmp.path, 'seal', name))).toBe(true);
    // The PKCS#12 copy is written after start-up, once (start-server.ts); another test may have asked first.
    const hadP12 = existsSync(join(tmp.path, 'seal', 'seal.p12'));
    expect(writeSealP12IfMissing(tmp.path)).toBe(!hadP12);
    expect(existsSync(join(tmp.path, 'seal', 'seal.p12'))).toBe(true);
    expect(writeSealP12IfMissing(tmp.path)).toBe(false);
    expect(identity.certificate).toMatchObject({ subject: 'CN=Saksi Platform Seal, O=Saksi, C=ID', issuer: 'CN=Saksi Ceremony CA, O=Saksi, C=ID', isSelfSigned: false, isPlatformIssued: true, source: 'generated' });
    const again = await loadOrCreateSealIdentity({ dataDir: tmp.path });
    expect(again.certificate.fingerprintSha256).toBe(identity.certificate.fingerprintSha256);
    expect(describeSealTrust(identity.certificate).id).toContain('tidak tersertifikasi');
  });

  it('loads an operator PKCS#12 instead when one is configured', async () => {
    writeSealP12IfMissing(tmp.path);
    const operator = await loadOrCreateSealIdentity({ dataDir: join(tmp.path, 'unused'), p12Path: join(tmp.path, 'seal', 'seal.p12'), p12Passphrase: '' });
    expect(operator.certificate.source).toBe('operator-p12');
    expect(operator.certificate.fingerprintSha256).toBe(identity.certificate.fingerprintSha256);
    expect(operator.chainPem).toHaveLength(1);
    expect(existsSync(join(tmp.path, 'unused'))).toBe(false);
    const resealed = await createSealer(operator).seal(original, { reason: 'test', location: 'Jakarta' });
    expect(pdfsig(tmp.write('operator.pdf', resealed))).toContain('Signature is Valid');
  });

  it('seals with a passphrase-protected PKCS#12 made by OpenSSL (an operator or PSrE certificate)', async () => {
    const dir = join(tmp.path, 'operator');
    const openssl = (args: string[]) => {
      const result = spawnSync('openssl', args, { cwd: tmp.path, encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
    };
    spawnSync('mkdir', ['-p', dir]);
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '30', '-subj', '/CN=PT Operator Uji/O=Operator/C=ID']);
    openssl(['pkcs12', '-export', '-inkey', join(dir, 'k.pem'), '-in', join(dir, 'c.pem'), '-out', join(dir, 'op.p12'), '-passout', 'pass:rahasia']);
    await expect(loadOrCreateSealIdentity({ dataDir: dir, p12Path: join(dir, 'op.p12'), p12Passphrase: 'salah' })).rejects.toThrow();
    const operator = await loadOrCreateSealIdentity({ dataDir: dir, p12Path: join(dir, 'op.p12'), p12Passphrase: 'rahasia' });
    expect(operator.certificate).toMatchObject({ subject: 'CN=PT Operator Uji, O=Operator, C=ID', isSelfSigned: true, isPlatformIssued: false, source: 'operator-p12' });
    expect(describeSealTrust(operator.certificate).en).toContain('self-signed');
    const bytes = await createSealer(operator).seal(original, { reason: 'operator', location: 'Jakarta' });
    const report = pdfsig(tmp.write('operator-openssl.pdf', bytes));
    expect(report).toContain('Signer Certificate Common Name: PT Operator Uji');
    expect(report).toContain('Signature is Valid');
    expect(await verifySealedPdf(bytes, operator)).toMatchObject({ sealValid: true, signedByPlatform: true, signerSubject: 'CN=PT Operator Uji, O=Operator, C=ID' });
    expect(await verifySealedPdf(bytes, identity)).toMatchObject({ sealValid: true, signedByPlatform: false });
  });

  it('is reported valid and covering the whole document by pdfsig and by verifySealedPdf', async () => {
    const file = tmp.write('sealed.pdf', sealed);
    expect(qpdfCheck(file).ok).toBe(true);
    const report = pdfsig(file);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('adbe.pkcs7.detached');
    expect(report.match(/Signature #/g)).toHaveLength(1);

    const result = await verifySealedPdf(sealed, identity);
    expect(result).toMatchObject({
      sealPresent: true, sealValid: true, coversWholeDocument: true, signedByPlatform: true,
      signerSubject: identity.certificate.subject, issuer: identity.certificate.issuer,
      signedAt: SEALED_AT.toISOString(), agreementId: 'AGR-001', ceremonyId: 'cer-2021-01-18', originalSha256: sha256Hex(original),
    });
    expect(result.reason).toBeUndefined();
    // The seal goes on after the stamps: the QR code is still there on the sealed file.
    expect(decodeQrOnPage(file, pageCount(file))).toBe(VERIFY_URL);
  });

  it('is reported invalid by both after one byte of the signed region changes', async () => {
    const bad = tamper(sealed);
    expect(bad.length).toBe(sealed.length);
    const report = pdfsig(tmp.write('tampered.pdf', bad));
    expect(report).not.toContain('Signature is Valid');
    expect(report).toMatch(/Digest Mismatch|Signature is Invalid/);
    const result = await verifySealedPdf(bad, identity);
    expect(result).toMatchObject({ sealPresent: true, sealValid: false, problem: 'DIGEST_MISMATCH' });
    expect(result.reason).toMatch(/changed after sealing/);
  });

  it('reports bytes appended after the seal as not covering the whole document', async () => {
    const extended = new Uint8Array([...sealed, ...Buffer.from('\n% appended\n')]);
    const result = await verifySealedPdf(extended, identity);
    expect(result).toMatchObject({ sealPresent: true, sealValid: false, coversWholeDocument: false, problem: 'PARTIAL_COVERAGE' });
  });

  it('says "no seal" for an unsealed or foreign PDF', async () => {
    const result = await verifySealedPdf(original, identity);
    expect(result).toMatchObject({ sealPresent: false, sealValid: false, problem: 'NO_SEAL', agreementId: 'AGR-001' });
    expect(result.reason).toMatch(/no seal/);
    const foreign = await verifySealedPdf(readFileSync(tmp.write('foreign.pdf', Buffer.from(minimalPdf()))), identity);
    expect(foreign).toMatchObject({ sealPresent: false, problem: 'NO_SEAL', agreementId: undefined });
  });

  it('does not attribute a seal made with another certificate to the platform', async () => {
    const otherDir = createTempDir();
    try {
      const other = await loadOrCreateSealIdentity({ dataDir: otherDir.path });
      const foreignSeal = await createSealer(other).seal(original, { reason: 'other', location: 'Elsewhere' });
      const result = await verifySealedPdf(foreignSeal, identity);
      expect(result).toMatchObject({ sealValid: true, signedByPlatform: false });
    } finally {
      otherDir.dispose();
    }
  });
});

/** A tiny hand-written one-page PDF (not made by Saksi). */
function minimalPdf(): string {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${body}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}
