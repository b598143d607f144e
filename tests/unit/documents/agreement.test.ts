import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentService, sha256Hex, type SaksiDocumentService } from '../../../server/documents/document-service';
import { readDocumentIds } from '../../../server/documents/verify';
import { AGREEMENT_CLAUSES, agreementPreamble } from '../../../shared/documents/agreement-text';
import { agreementInput, stampSignatures } from './fixtures';
import { createTempDir, decodeQrOnPage, pageCount, pdfInfo, pdfToFlatText, pdfToText, qpdfCheck, type TempDir } from './pdf-tools';

const VERIFY_URL = 'https://saksi.example.id/v/AGR-001?k=7f3a9c';

describe('agreement template and stamping (unsealed)', () => {
  let service: SaksiDocumentService;
  let tmp: TempDir;
  let original: Uint8Array;
  let stamped: Uint8Array;

  beforeAll(async () => {
    tmp = createTempDir();
    service = createDocumentService();
    const document = agreementInput();
    original = await service.renderAgreement(document);
    stamped = await service.finalizeAgreement({ document, original, originalSha256: sha256Hex(original), signatures: stampSignatures(document), verifyUrl: VERIFY_URL });
  });
  afterAll(() => tmp.dispose());

  it('renders the same bytes for the same input', async () => {
    const again = await createDocumentService().renderAgreement(agreementInput());
    expect(sha256Hex(again)).toBe(sha256Hex(original));
    const other = await service.renderAgreement(agreementInput({ valueIdr: 12_500_000_001 }));
    expect(sha256Hex(other)).not.toBe(sha256Hex(original));
  });

  it('stamps to the same bytes for the same input (before sealing)', async () => {
    const document = agreementInput();
    const again = await createDocumentService().finalizeAgreement({ document, original, originalSha256: sha256Hex(original), signatures: stampSignatures(document), verifyUrl: VERIFY_URL });
    expect(sha256Hex(again)).toBe(sha256Hex(stamped));
  });

  it('writes the bilingual agreement with Unicode names, value in figures and words, and the date with zone', () => {
    const file = tmp.write('original.pdf', original);
    expect(qpdfCheck(file).ok).toBe(true);
    const text = pdfToText(file);
    for (const name of ['PT Ṭandiara Ūtama Indonesia', 'Bengkel Las Ẓainal & Putra', 'Toko 金 Makmur', "Kopi Gayo Mu'min"]) expect(text).toContain(name);
    const flat = pdfToFlatText(file);
    expect(flat).toContain('PERJANJIAN KEMITRAAN');
    expect(flat).toContain('Partnership Agreement');
    expect(flat).toContain('Nomor / Number: AGR-001');
    expect(flat).toContain('Senin, 18 Januari 2021, pukul 10.00 WIB');
    expect(flat).toContain('Monday, 18 January 2021');
    expect(flat).toContain('Rp12.500.000.000');
    expect(flat).toContain('dua belas miliar lima ratus juta rupiah');
    expect(flat).toContain('Penanaman Modal Asing (PMA)');
    expect(flat).toContain('Pengelasan dan konstruksi logam');
    // The room's reader shows the same preamble and clauses the PDF prints.
    for (const { id, en } of [agreementPreamble(agreementInput().ceremony, 'WIB'), ...AGREEMENT_CLAUSES]) {
      expect(flat).toContain(id);
      expect(flat).toContain(en);
    }
  });

  it('stamps every party with signer, room and local time with zone, and the SHA-256 footer', () => {
    const file = tmp.write('stamped.pdf', stamped);
    expect(qpdfCheck(file).ok).toBe(true);
    const text = pdfToText(file);
    const flat = pdfToFlatText(file);
    // Typed signature in the Unicode font, drawn as the signature itself.
    expect(text.split('Toko 金 Makmur').length - 1).toBeGreaterThanOrEqual(3);
    expect(flat).toContain('Ditandatangani oleh / Signed by: Ẓainal Abidin, Pemilik');
    expect(flat).toContain('Istana Negara · 18 Januari 2021 10.15 WIB');
    expect(flat).toContain('Ruang Rapat DPMPTSP Sulawesi Selatan · 18 Januari 2021 11.17 WITA');
    expect(flat).toContain('Ruang DPMPTSP Papua · 18 Januari 2021 12.18 WIT');
    const footer = `SHA-256 dokumen asli / original document: ${sha256Hex(original)}`;
    const pages = pageCount(file);
    // The certificate of signing is appended after the original's pages.
    expect(pages).toBeGreaterThan(pageCount(tmp.write('o.pdf', original)));
    expect(text.split(footer).length - 1).toBe(pages);
  });

  it('appends a certificate of signing with local and UTC times, kind and evidence', () => {
    const file = tmp.write('stamped.pdf', stamped);
    const flat = pdfToFlatText(file);
    expect(flat).toContain('SERTIFIKAT PENANDATANGANAN');
    expect(flat).toContain('Certificate of Signing');
    expect(flat).toContain('18 Januari 2021 10.15.07 WIB');
    expect(flat).toContain('2021-01-18 03.15.07 UTC');
    expect(flat).toContain('18 Januari 2021 12.18.59 WIT');
    expect(flat).toContain('digambar / drawn');
    expect(flat).toContain('diketik / typed: "Toko 金 Makmur"');
    // The address is only said to be recorded: a stamped PDF is public.
    expect(flat).toContain('Alamat IP / IP address : tercatat, hanya untuk panitia / recorded, for the organizers only');
    expect(flat).toContain('c'.repeat(64));
    expect(flat).toContain('jti-p-zainal');
    expect(flat).toContain('cer-2021-01-18');
  });

  it('puts the ids and the original SHA-256 in the metadata', async () => {
    expect(await readDocumentIds(stamped)).toEqual({ documentKind: 'agreement', ceremonyId: 'cer-2021-01-18', agreementId: 'AGR-001', originalSha256: sha256Hex(original) });
    expect(await readDocumentIds(original)).toEqual({ documentKind: 'agreement', ceremonyId: 'cer-2021-01-18', agreementId: 'AGR-001', originalSha256: undefined });
    const info = pdfInfo(tmp.write('stamped.pdf', stamped));
    expect(info).toMatch(/Subject:.*AGR-001/);
    expect(info).toMatch(/Keywords:.*original-sha256=[0-9a-f]{64}/);
  });

  it('prints a QR code that decodes to the verification link on every page', () => {
    const file = tmp.write('stamped.pdf', stamped);
    const pages = pageCount(file);
    expect(decodeQrOnPage(file, pages - 1)).toBe(VERIFY_URL);
    expect(decodeQrOnPage(file, pages)).toBe(VERIFY_URL);
    expect(decodeQrOnPage(tmp.write('original.pdf', original), 1)).toBeUndefined();
  });

  it('refuses an original whose SHA-256 does not match', async () => {
    const document = agreementInput();
    await expect(service.finalizeAgreement({ document, original, originalSha256: '0'.repeat(64), signatures: [], verifyUrl: VERIFY_URL })).rejects.toThrow(/originalSha256/);
  });

  it('paginates signature boxes for agreements with many parties', async () => {
    const base = agreementInput();
    const parties = Array.from({ length: 8 }, (_, i) => ({ ...base.parties[i % 4], id: `p${i}`, name: `${base.parties[i % 4].name} ${i + 1}` }));
    const document = { ...base, parties, agreement: { ...base.agreement, parties: parties.map((p) => p.id) } };
    const pdf = await service.renderAgreement(document);
    const signatures = stampSignatures(document);
    const out = await service.finalizeAgreement({ document, original: pdf, originalSha256: sha256Hex(pdf), signatures, verifyUrl: VERIFY_URL });
    const file = tmp.write('eight.pdf', out);
    expect(qpdfCheck(file).ok).toBe(true);
    expect(pdfToFlatText(file)).toContain('PIHAK KE-8 / PARTY 8');
    expect(pageCount(file)).toBeGreaterThanOrEqual(pageCount(tmp.write('eight-o.pdf', pdf)) + 1);
  });
});
