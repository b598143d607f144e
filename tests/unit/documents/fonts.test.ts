import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { createFontLibrary } from '../../../server/documents/fonts';
import { Typesetter } from '../../../server/documents/typeset';
import { createTempDir, pdfToText } from './pdf-tools';
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
});
