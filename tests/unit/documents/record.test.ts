import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSealIdentity, type SealIdentity } from '../../../server/documents/certificates';
import { createFontLibrary, type FontLibrary } from '../../../server/documents/fonts';
import { createSealer } from '../../../server/documents/seal';
import { verifySealedPdf } from '../../../server/documents/verify';
import { renderBeritaAcara } from '../../../server/record/berita-acara';
import { numberToEnglishWords } from '../../../server/record/number-words-en';
import { buildRecordZip, type ManifestRow } from '../../../server/record/record-zip';
import { beritaAcaraInput } from './fixtures';
import { createTempDir, decodeQrOnPage, pageCount, pdfsig, pdfToFlatText, pdfToText, qpdfCheck, type TempDir } from './pdf-tools';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('Berita Acara', () => {
  let tmp: TempDir;
  let fonts: FontLibrary;
  let identity: SealIdentity;

  beforeAll(async () => {
    tmp = createTempDir();
    fonts = createFontLibrary();
    identity = await loadOrCreateSealIdentity({ dataDir: tmp.path });
  });
  afterAll(() => tmp.dispose());

  it('writes the minutes in Indonesian then English, with totals in figures and words, sealed', async () => {
    const input = beritaAcaraInput(4);
    const bytes = await renderBeritaAcara(input, { fonts, sealer: createSealer(identity) });
    const file = tmp.write('ba.pdf', bytes);
    expect(qpdfCheck(file).ok).toBe(true);
    const flat = pdfToFlatText(file);
    expect(flat).toContain('BERITA ACARA');
    expect(flat).toContain('Nomor: BA-01/SETNEG-BKPM/I/2021');
    expect(flat).toContain('Pada hari ini Senin, tanggal delapan belas, bulan Januari, tahun dua ribu dua puluh satu (18-01-2021)');
    expect(flat).toContain('Istana Negara, Jakarta');
    expect(flat).toContain('Disaksikan oleh');
    expect(flat).toContain('Presiden Republik Indonesia');
    expect(flat).toContain('NIP 196801011990031001');
    expect(flat).toContain('Tidak hadir');
    expect(flat).toContain('18 Januari 2021 09.10 WIB');
    expect(flat).toContain('Toko 金 Makmur (UMKM)');
    expect(flat).toContain('Bengkel Las Ẓainal & Putra');
    // Three of four signed (the fixture leaves the last one unsigned): 3 × 7.650.000.000.
    expect(flat).toContain('3 dari 4 perjanjian ditandatangani');
    expect(flat).toContain('Rp22.950.000.000');
    expect(flat).toContain('dua puluh dua miliar sembilan ratus lima puluh juta rupiah');
    expect(flat).toContain('Demikian berita acara ini dibuat dengan sebenarnya');
    expect(flat).toContain('MINUTES OF THE SIGNING OF PARTNERSHIP AGREEMENTS');
    expect(flat).toContain('twenty-two billion nine hundred fifty million rupiah');
    expect(flat.indexOf('MINUTES OF THE SIGNING')).toBeGreaterThan(flat.indexOf('Demikian berita acara'));
    expect(pdfsig(file)).toContain('Signature is Valid');
    expect(await verifySealedPdf(bytes, identity)).toMatchObject({ sealValid: true, documentKind: 'berita-acara', ceremonyId: 'cer-2021-01-18' });
    expect(decodeQrOnPage(file, 1)).toBe(input.verifyUrl);
  });

  it('paginates the table of 196 agreements with the header on every page', async () => {
    const input = beritaAcaraInput(196);
    const bytes = await renderBeritaAcara(input, { fonts });
    const file = tmp.write('ba-196.pdf', bytes);
    expect(qpdfCheck(file).ok).toBe(true);
    const pages = pageCount(file);
    expect(pages).toBeGreaterThan(5);
    const text = pdfToText(file);
    for (const id of ['AGR-001', 'AGR-100', 'AGR-195', 'AGR-196']) expect(text).toContain(id);
    const pageTexts = text.split('\f').filter((t) => t.trim());
    const tablePages = pageTexts.filter((t) => t.includes('AGR-1'));
    expect(tablePages.length).toBeGreaterThan(3);
    for (const page of tablePages) expect(page).toContain('Waktu tanda tangan');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('195 dari 196 perjanjian ditandatangani');
    expect(decodeQrOnPage(file, pages)).toBe(input.verifyUrl);
  });

  it('spells English amounts', () => {
    expect(numberToEnglishWords(1_500_000_000_000)).toBe('one trillion five hundred billion');
    expect(numberToEnglishWords(12_500_000_017)).toBe('twelve billion five hundred million seventeen');
    expect(numberToEnglishWords(0)).toBe('zero');
  });
});

describe('record ZIP', () => {
  const files = [
    { name: 'AGR-001.pdf', bytes: new Uint8Array(Buffer.from('%PDF-1.7 first agreement')) },
    { name: 'AGR-002.pdf', bytes: new Uint8Array(Buffer.from('%PDF-1.7 second agreement, Toko 金 Makmur')) },
    { name: 'berita-acara.pdf', bytes: new Uint8Array(Buffer.from('%PDF-1.7 minutes')) },
  ];
  const manifest: ManifestRow[] = [
    { agreementId: 'AGR-001', title: 'Pasokan kopi', fileName: 'AGR-001.pdf', valueIdr: 12_500_000_000, parties: [{ name: 'PT Ṭandiara', kind: 'PMA', province: 'DKI Jakarta' }, { name: "Kopi Gayo Mu'min", kind: 'UMKM', province: 'Aceh' }], signatures: [{ party: 'PT Ṭandiara', signer: 'Hiroshi Tanaka', signedAt: '2021-01-18T03:15:07.000Z', timezone: 'WIB' }] },
    { agreementId: 'AGR-002', title: '=HYPERLINK("x")', fileName: 'AGR-002.pdf', valueIdr: 1_000, parties: [{ name: 'Toko 金 Makmur', kind: 'UMKM', province: 'Sulawesi Selatan' }], signatures: [] },
  ];
  const date = new Date('2021-01-18T05:30:00.000Z');

  it('holds every file and manifests whose SHA-256s match the files', async () => {
    const zipBytes = await buildRecordZip({ files, manifest, date });
    const zip = await JSZip.loadAsync(zipBytes);
    expect(Object.keys(zip.files).sort()).toEqual(['AGR-001.pdf', 'AGR-002.pdf', 'berita-acara.pdf', 'manifest.csv', 'manifest.json']);
    const json = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(json.agreements).toHaveLength(2);
    for (const entry of [...json.agreements, ...json.files]) {
      const name = entry.fileName ?? entry.name;
      const inZip = await zip.file(name)!.async('uint8array');
      expect(entry.sha256).toBe(sha256(inZip));
    }
    expect(json.files.map((f: { name: string }) => f.name)).toContain('berita-acara.pdf');
    const csv = await zip.file('manifest.csv')!.async('string');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('agreement_id,title,file,sha256,bytes,value_idr,parties,signatures');
    expect(lines[1]).toContain(sha256(files[0].bytes));
    expect(lines[1]).toContain('Hiroshi Tanaka @ 2021-01-18T03:15:07.000Z WIB');
    expect(lines[2]).toContain('Toko 金 Makmur');
    // Formula-looking cells are neutralised for spreadsheets.
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(zip.file('AGR-001.pdf')!.date.toISOString()).toBe(date.toISOString());
  });

  it('is byte-for-byte reproducible and refuses a manifest row without its file', async () => {
    const a = await buildRecordZip({ files, manifest, date });
    const b = await buildRecordZip({ files: [...files].reverse(), manifest, date });
    expect(sha256(a)).toBe(sha256(b));
    await expect(buildRecordZip({ files: files.slice(1), manifest, date })).rejects.toThrow(/AGR-001/);
    const undated = await JSZip.loadAsync(await buildRecordZip({ files, manifest }));
    expect(undated.file('AGR-002.pdf')!.date.toISOString()).toBe('2021-01-18T03:15:06.000Z');
  });
});
