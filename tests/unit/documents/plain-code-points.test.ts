// The shipped table of plain code points (plain-code-points-table.ts) must be exactly what
// fontkit's layout gives for the installed fonts, or the table must be regenerated
// (`npx tsx server/cli/plain-code-points.ts`); a font the table does not know is measured.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from '../../../server/documents/fonts';
import { decodeRanges, encodeRanges, measurePlainCodePoints, plainCodePoints, plainTableKey } from '../../../server/documents/plain-code-points';
import { PLAIN_CODE_POINT_TABLE } from '../../../server/documents/plain-code-points-table';

const require = createRequire(import.meta.url);
const fontBytes = (file: string) => new Uint8Array(readFileSync(require.resolve(file)));

describe('plain code points table', () => {
  it('holds, for every shipped face, what fontkit layout measures', () => {
    for (const [face, file] of Object.entries(FONT_FILES)) {
      const bytes = fontBytes(file);
      const font = fontkit.create(bytes);
      const measured = measurePlainCodePoints(font);
      expect(measured.size, face).toBeGreaterThan(100);
      expect(PLAIN_CODE_POINT_TABLE.get(plainTableKey(bytes)), `${face}: run npx tsx server/cli/plain-code-points.ts`).toBe(encodeRanges(measured));
      expect(plainCodePoints(bytes, font, () => { throw new Error('measured although the table knows the font'); })).toEqual(measured);
    }
  });

  it('measures a font the table does not know', () => {
    const known = fontBytes(FONT_FILES.italic);
    // The same font with one byte appended: fontkit reads it the same, the table's key differs.
    const unknown = new Uint8Array(known.length + 1);
    unknown.set(known);
    expect(PLAIN_CODE_POINT_TABLE.has(plainTableKey(unknown))).toBe(false);
    const font = fontkit.create(unknown);
    let layouts = 0;
    const layout = (text: string) => (layouts++, font.layout(text));
    const plain = plainCodePoints(unknown, font, layout as typeof font.layout);
    expect(layouts).toBeGreaterThan(100);
    expect(encodeRanges(plain)).toBe(PLAIN_CODE_POINT_TABLE.get(plainTableKey(known)));
  });

  it('writes ranges it reads back', () => {
    const sets = [new Set<number>(), new Set([0x20]), new Set([0x20, 0x21, 0x22, 0x30, 0x1e00, 0x1e01]), new Set([0x66, 0x68, 0x69])];
    for (const set of sets) expect(decodeRanges(encodeRanges(set))).toEqual(set);
    expect(encodeRanges(new Set([0x22, 0x20, 0x21, 0x7e]))).toBe('20-22,7e');
  });
});
