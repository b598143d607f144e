// Verification through a real server: sealed agreements checked by pdfsig and POST /api/verify,
// a one-byte change, a foreign PDF and an unsigned draft each reported as such; the QR code on the
// stamped page decodes to the verification page, which shows who signed when and where.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfSig, pdfToText, qpdfCheck } from '../support/pdf-tools';
import { startTestServer, type TestServer } from '../support/test-server';
import { decodeQrOnPage, pageCount } from '../unit/documents/pdf-tools';
import type { VerifyReport } from '../../server/http/verify-report';
import { download, flipOneByte, runTinyCeremony, type RunCeremony } from './record-run-ceremony';

let server: TestServer;
let run: RunCeremony;
let sealed: Uint8Array;
let tmp: string;

const postPdf = async (bytes: Uint8Array, path = '/api/verify', type = 'application/pdf') => {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body: Buffer.from(bytes) });
  return { status: res.status, body: (await res.json()) as VerifyReport & { error?: { code: string } } };
};

beforeAll(async () => {
  server = await startTestServer();
  tmp = mkdtempSync(join(tmpdir(), 'saksi-verify-'));
  run = await runTinyCeremony(server, ['K-001', 'K-002']);
  const doc = await download(`${server.url}/api/agreements/K-001/document?ceremony=${server.ceremonyId}`);
  expect(doc.headers.get('x-document-final')).toBe('true');
  sealed = doc.bytes;
});

afterAll(async () => {
  run?.close();
  await server?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('verification of a sealed agreement', () => {
  it('is valid for pdfsig and qpdf, and for POST /api/verify with who signed when and where', async () => {
    const report = pdfSig(sealed);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(qpdfCheck(sealed).ok).toBe(true);

    const { status, body } = await postPdf(sealed);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      verdict: 'valid',
      bytesMatchSealedOriginal: true,
      sealValid: true,
      documentKind: 'agreement',
      ceremony: { id: 'uji-kecil', title: 'Penandatanganan Kemitraan PMA/PMDN dengan UMKM (uji)' },
      agreement: { id: 'K-001', valueIdr: 12_500_000_000, status: 'stamped' },
      seal: { present: true, valid: true, signedByPlatform: true, coversWholeDocument: true },
    });
    expect(body.agreement!.sealedSha256).toBe(doc256(sealed));
    expect(body.signers.map((s) => [s.name, s.roomName, s.timezone])).toEqual([
      ['Budi Santoso', 'Ruang Pintar Setda Pandeglang', 'WIB'],
      ['Zainal Abidin', 'Ruang Pintar Setda Pandeglang', 'WIB'],
    ]);
    for (const s of body.signers) {
      expect(s.signedAtText).toMatch(/^\d{1,2} \w+ \d{4} \d{2}\.\d{2}\.\d{2} WIB \(\d{2}\.\d{2}\.\d{2} UTC\)$/);
      expect(s.evidence.ipRecorded).toBe(true);
      expect(s.evidence.tokenId.length).toBeGreaterThan(0);
    }
    // Honest about the uncertified seal (UU ITE): the platform's own certificate, not a PSrE.
    expect(body.seal.trust.id).toMatch(/tidak tersertifikasi/);
  });

  it('reports a one-byte change as tampered, and pdfsig agrees', async () => {
    const bad = flipOneByte(sealed);
    expect(pdfSig(bad)).not.toContain('Signature is Valid');
    const { status, body } = await postPdf(bad);
    expect(status).toBe(200);
    expect(body).toMatchObject({ verdict: 'tampered', bytesMatchSealedOriginal: false, sealValid: false, agreement: { id: 'K-001' } });
    expect(body.seal.problem).toBe('DIGEST_MISMATCH');
    expect(body.reason.id).toMatch(/berbeda dari salinan tersegel/);
    expect(body.reason.en).toMatch(/changed after sealing/);
  });

  it('reports bytes appended after the seal as tampered', async () => {
    const { body } = await postPdf(new Uint8Array([...sealed, ...Buffer.from('\n% tambahan\n')]));
    expect(body).toMatchObject({ verdict: 'tampered', sealValid: false, seal: { problem: 'PARTIAL_COVERAGE' } });
  });

  it('reports a foreign PDF as unknown, and the unsigned draft as not sealed', async () => {
    const foreign = await PDFDocument.create();
    foreign.addPage().drawText('Perjanjian palsu', { font: await foreign.embedFont(StandardFonts.Helvetica) });
    const { body: f } = await postPdf(await foreign.save());
    expect(f).toMatchObject({ verdict: 'unknown-document', sealValid: false, bytesMatchSealedOriginal: false, signers: [] });
    expect(f.agreement).toBeUndefined();

    const draft = await download(`${server.url}/api/agreements/K-003/document?ceremony=${server.ceremonyId}`);
    expect(draft.headers.get('x-document-final')).toBe('false');
    const { body: d } = await postPdf(draft.bytes);
    expect(d).toMatchObject({ verdict: 'not-sealed', sealValid: false, agreement: { id: 'K-003', status: 'pending' } });
  });

  it('accepts the page form (multipart) and answers an HTML verdict; refuses non-PDFs and oversized files', async () => {
    const form = new FormData();
    form.append('pdf', new Blob([Buffer.from(sealed)], { type: 'application/pdf' }), 'K-001.pdf');
    const page = await fetch(`${server.url}/verify`, { method: 'POST', body: form });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Dokumen asli dan utuh');
    expect(html).toContain('Budi Santoso');

    const jsonForm = new FormData();
    jsonForm.append('pdf', new Blob([Buffer.from(flipOneByte(sealed))], { type: 'application/pdf' }), 'x.pdf');
    const viaApi = (await (await fetch(`${server.url}/api/verify`, { method: 'POST', body: jsonForm })).json()) as VerifyReport;
    expect(viaApi.verdict).toBe('tampered');

    const notPdf = await postPdf(new TextEncoder().encode('bukan pdf'), '/api/verify', 'text/plain');
    expect(notPdf.status).toBe(400);
    expect(notPdf.body.error?.code).toBe('NOT_A_PDF');
    const huge = new Uint8Array(21 * 1024 * 1024);
    huge.set(Buffer.from('%PDF-1.7\n'));
    const tooLarge = await postPdf(huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error?.code).toBe('FILE_TOO_LARGE');
  });
});

describe('verification pages', () => {
  it('has an upload page with no external assets', async () => {
    const res = await fetch(`${server.url}/verify`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('name="viewport"');
    expect(html).not.toMatch(/<link|url\(/i);
    // One script, from this server, and optional: the form posts without it.
    expect(html.match(/<script[^>]*>/g)).toEqual(['<script src="/verify-assets/verify.js" defer>']);
    expect(html.match(/src="[^"]*"/g)).toEqual(['src="/verify-assets/verify.js"']);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const script = await fetch(`${server.url}/verify-assets/verify.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('is what the QR code on the stamped page points to, showing the agreement, signers and seal', async () => {
    const file = join(tmp, 'K-001.pdf');
    writeFileSync(file, sealed);
    const qr = decodeQrOnPage(file, pageCount(file));
    expect(qr).toBe(`${server.url}/verify/uji-kecil/K-001`);
    expect(pdfToText(sealed)).toContain(`${server.url}/verify/uji-kecil/K-001`);

    const res = await fetch(qr!);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const expected of ['K-001', 'Bengkel Las Ẓainal &amp; Putra', 'Zainal Abidin', 'Ruang Pintar Setda Pandeglang', 'UTC)', 'Rp12.500.000.000', doc256(sealed), '/api/agreements/K-001/document?ceremony=uji-kecil', 'Valid', 'UU ITE']) {
      expect(html).toContain(expected);
    }
    expect(html).toMatch(/\d{2}\.\d{2}\.\d{2} WIB/);

    const k2 = await (await fetch(`${server.url}/verify/uji-kecil/K-002`)).text();
    expect(k2).toContain('Toko 金 Makmur');
    expect(k2).toMatch(/WITA/);
  });

  it('shows the ceremony record page and 404s for unknown ids', async () => {
    const res = await fetch(`${server.url}/verify/uji-kecil`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Penandatanganan Kemitraan PMA/PMDN dengan UMKM (uji)');
    expect(html).toContain('2 / 4');
    expect(html).toContain((await server.app.store.auditHead('uji-kecil')).hash);
    expect((await fetch(`${server.url}/verify/uji-kecil/K-999`)).status).toBe(404);
    expect((await fetch(`${server.url}/verify/tidak-ada`)).status).toBe(404);
  });
});

function doc256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
