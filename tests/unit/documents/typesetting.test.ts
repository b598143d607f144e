// Issue 9, "documents without blemishes": page numbers that count the final file, no heading or
// single short article alone on a page, and the e-Meterai line only when there is a serial.
// Checked with poppler's pdftotext, page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentService, sha256Hex, type SaksiDocumentService } from '../../../server/documents/document-service';
import type { AgreementDocumentInput } from '../../../server/documents/types';
import type { Party } from '../../../shared/domain/types';
import { CEREMONY, PARTIES, ROOMS, stampSignatures } from './fixtures';
import { createTempDir, pageCount, pdfToText, type TempDir } from './pdf-tools';

const HEADINGS = ['PARA PIHAK / THE PARTIES', 'POKOK PERJANJIAN / SUBJECT MATTER', 'NILAI KEMITRAAN / PARTNERSHIP VALUE', 'KETENTUAN / TERMS'];

/** An agreement with `umkm` UMKM parties and a title of `titleWords` words, to move page breaks around. */
function input(umkm: number, titleWords: number, eMeteraiSerial?: string): AgreementDocumentInput {
  const parties: Party[] = [PARTIES[0], ...Array.from({ length: umkm }, (_, i) => ({
    ...PARTIES[1 + (i % 3)], id: `umkm-${i}`, name: `${PARTIES[1 + (i % 3)].name} ${i + 1}`,
  }))];
  const title = Array.from({ length: titleWords }, (_, i) => ['pasokan', 'kopi', 'olahan', 'dan', 'pengolahan'][i % 5]).join(' ');
  return {
    ceremony: CEREMONY,
    agreement: { id: 'AGR-009', title, parties: parties.map((p) => p.id), valueIdr: 7_650_000_000, ...(eMeteraiSerial ? { eMeteraiSerial } : {}) },
    parties,
    rooms: ROOMS,
  };
}

/** Each page's text (pdftotext separates pages with a form feed; the last one ends with one). */
const pageTexts = new Map<string, string[]>();
function pagesOf(file: string): string[] {
  let pages = pageTexts.get(file);
  if (!pages) pageTexts.set(file, (pages = pdfToText(file).split('\f').slice(0, -1)));
  return pages;
}

/** The lines a reader sees as the page's content: no running header, page number or band. */
function bodyLines(page: string): string[] {
  return page.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== CEREMONY.title && !/^No\. AGR-/.test(l)
    && !l.startsWith('Halaman ') && !l.startsWith('Pindai ') && !l.startsWith('https://') && !l.startsWith('SHA-256 dokumen asli'));
}

describe('agreement typesetting', () => {
  let service: SaksiDocumentService;
  let tmp: TempDir;
  // Party counts and title lengths that, typeset without the rules, leave a lone last article
  // (1/40, 9/40) or a heading at the foot of a page (3/40, 11/60); 4/12 is an ordinary one.
  const shapes: [number, number][] = [[1, 40], [3, 40], [4, 12], [9, 40], [11, 60]];
  const files: { shape: [number, number]; original: string; stamped: string }[] = [];

  beforeAll(async () => {
    service = createDocumentService();
    tmp = createTempDir();
    for (const shape of shapes) {
      const document = input(...shape);
      const original = await service.renderAgreement(document);
      const stamped = await service.finalizeAgreement({ document, original, originalSha256: sha256Hex(original), signatures: stampSignatures(document), verifyUrl: 'https://saksi.example.id/v/AGR-009' });
      const name = shape.join('-');
      files.push({ shape, original: tmp.write(`${name}-original.pdf`, original), stamped: tmp.write(`${name}-stamped.pdf`, stamped) });
    }
  });
  afterAll(() => tmp.dispose());

  it('numbers every page "Halaman N dari M" with the final count, certificate pages included', () => {
    for (const { shape, original, stamped } of files) {
      for (const file of [original, stamped]) {
        const pages = pagesOf(file);
        pages.forEach((text, i) => {
          const numbers = [...text.matchAll(/Halaman (\d+) dari (\d+)/g)].map((m) => `${m[1]}/${m[2]}`);
          expect(numbers, `${shape} ${file} page ${i + 1}`).toEqual([`${i + 1}/${pages.length}`]);
        });
      }
      // The certificate of signing adds pages, and its pages are counted and numbered too.
      expect(pageCount(stamped)).toBe(pagesOf(stamped).length);
      expect(pagesOf(stamped).length).toBeGreaterThan(pagesOf(original).length);
      expect(pagesOf(stamped).at(-1)).toContain('Sertifikat / Certificate');
    }
  });

  it('leaves no page holding only a heading or a single article on its own', () => {
    for (const { shape, original } of files) {
      pagesOf(original).forEach((page, i) => {
        const lines = bodyLines(page);
        const where = `${shape} page ${i + 1}: ${lines.join(' | ')}`;
        expect(lines.length, where).toBeGreaterThan(0);
        // A heading is never the last thing on a page.
        for (const heading of HEADINGS) {
          const at = lines.indexOf(heading);
          if (at >= 0) expect(at, where).toBeLessThan(lines.length - 1);
        }
        // A page that starts with an article holds at least two.
        if (/^Pasal \d+\./.test(lines[0])) expect(lines.filter((l) => /^Pasal \d+\./.test(l)).length, where).toBeGreaterThanOrEqual(2);
      });
    }
  });

  it('prints no empty e-Meterai line without a serial, and the serial where the stamp goes when given', async () => {
    const without = pdfToText(files[0].stamped);
    expect(without).not.toContain('e-Meterai');
    expect(without).not.toContain('____');
    const document = input(2, 5, '1A2B3C4D5E6F7G8H9J0K12');
    const original = await service.renderAgreement(document);
    const text = pdfToText(tmp.write('meterai.pdf', original));
    expect(text).toContain('No. seri e-Meterai / e-Meterai serial: 1A2B3C4D5E6F7G8H9J0K12');
    // Once, in the first party's box on the signature page (the last page of the original).
    expect(text.split('1A2B3C4D5E6F7G8H9J0K12').length - 1).toBe(1);
    expect(pagesOf(tmp.path + '/meterai.pdf').at(-1)).toContain('1A2B3C4D5E6F7G8H9J0K12');
  });
});
