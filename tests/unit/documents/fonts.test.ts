import { describe, expect, it } from 'vitest';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { createDocumentService, sha256Hex } from '../../../server/documents/document-service';
import { createFontLibrary } from '../../../server/documents/fonts';
import { agreementInput, stampSignatures } from './fixtures';
import { Typesetter } from '../../../server/documents/typeset';
import { createTempDir, pdfToText, qpdfCheck } from './pdf-tools';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

describe('fonts', () => {
  it('embeds the CJK font only when a string needs it', async () => {
    const fonts = createFontLibrary();
    expect(fonts.needsCjk('Bengkel Las Ẓainal & Putra')).toBe(false);
    expect(fonts.needsCjk("Kopi Gayo Mu'min Ṭ ū")).toBe(false);
    expect(fonts.needsCjk('Toko 金 Makmur')).toBe(true);
    const latinOnly = await fonts.embed(await PDFDocument.create(), ['Bengkel Las Ẓainal & Putra']);
    expect(latinOnly.cjk).toBeUndefined();
    const mixed = await fonts.embed(await PDFDocument.create(), ['Toko 金 Makmur']);
    expect(mixed.cjk).toBeDefined();
  });

  it('draws subset glyphs that render as ink, not blanks (odd-length glyph records padded)', async () => {
    const tmp = createTempDir();
    try {
      const fonts = createFontLibrary();
      // Each line on its own page, so each page's ink can be checked.
      const lines = ['Perjanjian Kemitraan', 'Ṭandiara Ẓainal Mu\'min ū', 'Toko 金 Makmur'];
      const doc = await PDFDocument.create();
      const ts = new Typesetter(await fonts.embed(doc, lines));
      for (const line of lines) ts.draw(doc.addPage([400, 60]), line, 10, 20, { size: 20 });
      const file = tmp.write('glyphs.pdf', await doc.save());
      expect(pdfToText(file)).toContain('Toko 金 Makmur');
      spawnSync('pdftoppm', ['-png', '-r', '72', file, join(tmp.path, 'p')]);
      const pngs = readdirSync(tmp.path).filter((f) => f.endsWith('.png')).sort();
      expect(pngs).toHaveLength(3);
      for (const [i, name] of pngs.entries()) {
        const image = PNG.sync.read(readFileSync(join(tmp.path, name)));
        // Count dark columns: every character of the line must have left ink somewhere.
        const inkColumns = new Set<number>();
        for (let y = 0; y < image.height; y++) for (let x = 0; x < image.width; x++) if (image.data[(y * image.width + x) * 4] < 128) inkColumns.add(x);
        const width = ts.width(lines[i], { size: 20 });
        // With the fork's broken short-loca subsets most glyphs render blank: far fewer inked columns.
        expect(inkColumns.size).toBeGreaterThan(width * 0.45);
      }
    } finally {
      tmp.dispose();
    }
  });

  it('reads ligatures back as their letters, and shares one font program between documents with the same glyphs', async () => {
    const tmp = createTempDir();
    try {
      const service = createDocumentService();
      const stamp = async (id: string) => {
        const document = agreementInput({ id, title: 'Kopi office affluent fjord' });
        const original = await service.renderAgreement(document);
        const pdf = await service.finalizeAgreement({ document, original, originalSha256: sha256Hex(original), signatures: stampSignatures(document), verifyUrl: `https://saksi.example.id/v/${id}` });
        return { pdf, file: tmp.write(`${id}.pdf`, pdf) };
      };
      const first = await stamp('AGR-001');
      const second = await stamp('AGR-002');
      for (const { file } of [first, second]) {
        expect(qpdfCheck(file).ok).toBe(true);
        // "ffi", "ff" and "fj" are drawn as ligature glyphs; each maps back to its letters.
        expect(pdfToText(file)).toContain('Kopi office affluent fjord');
      }
      // Same template and roster: the same glyphs, so the same subset files (built once by the
      // library) in both documents, the originals' fonts and the stamp's. Only where the text
      // differs in glyphs may a subset differ: an "ff" in the printed SHA-256 is a ligature glyph.
      const programs = async (pdf: Uint8Array) => {
        const doc = await PDFDocument.load(pdf);
        const found: string[] = [];
        for (const [, object] of doc.context.enumerateIndirectObjects()) {
          if (object instanceof PDFRawStream && object.dict.get(PDFName.of('Length1')) !== undefined) found.push(sha256Hex(object.contents));
        }
        return found;
      };
      const [a, b] = await Promise.all([programs(first.pdf), programs(second.pdf)]);
      // Original: regular, bold, italic, CJK; stamp: the same four again.
      expect(a).toHaveLength(8);
      expect(b.slice(0, 4)).toEqual(a.slice(0, 4));
      expect(b.slice(4).filter((program, i) => program === a[4 + i]).length).toBeGreaterThanOrEqual(3);
      expect(pdfToText(second.file)).toContain('AGR-002');
    } finally {
      tmp.dispose();
    }
  });
});
