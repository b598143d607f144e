// Which code points a face draws with its plain cmap glyph (no OpenType shaping), see fonts.ts.
// Finding out means one full fontkit layout per code point, ~900 per face: most of a stamping
// worker's warm-up (~0.8 s of CPU per worker before its first document). The answer depends only
// on the font file, fontkit and the rule below, so the answers for the fonts Saksi ships are kept
// in plain-code-points-table.ts, keyed by fontkit's version and the font file's SHA-256; a font or
// fontkit that is not in the table is measured as before. tests/unit/documents/plain-code-points.test.ts
// checks the table against the measurement; `npx tsx server/cli/plain-code-points.ts` rewrites it.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import { PLAIN_CODE_POINT_TABLE } from './plain-code-points-table';

/** Ranges checked for plain glyphs: Latin, Latin-1, Latin Extended A/B, Latin Extended Additional, punctuation. */
const PLAIN_RANGES: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x24f], [0x1e00, 0x1eff], [0x2010, 0x2027], [0x20a0, 0x20bf]];

/**
 * Code points whose glyph OpenType layout never changes in running text, so a string made only of
 * them needs no shaping: its glyphs are the cmap's and its width the sum of advance widths (pdf-lib
 * draws glyph ids with the font's widths and ignores layout positions anyway). Excluded: what
 * layout changes on its own (Noto decomposes e.g. ṃ ẹ ọ into base + combining dot; soft hyphen)
 * and 'f', which starts the f-ligatures (ff fi fl ffi ffl). Checked against fontkit's layout in
 * tests/unit/documents/plain-text.test.ts.
 */
export function measurePlainCodePoints(font: FontkitFont, layout: FontkitFont['layout'] = font.layout.bind(font)): Set<number> {
  const plain = new Set<number>();
  for (const [from, to] of PLAIN_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      if (cp === 0x66 || cp === 0xad || !font.hasGlyphForCodePoint(cp)) continue;
      const glyphs = layout(String.fromCodePoint(cp)).glyphs;
      if (glyphs.length === 1 && glyphs[0].id === font.glyphForCodePoint(cp).id) plain.add(cp);
    }
  }
  return plain;
}

let fontkitVersion: string | undefined;

/** The table's key of a font file: fontkit's version (its layout decides) and the file's SHA-256. */
export function plainTableKey(fontBytes: Uint8Array): string {
  fontkitVersion ??= (createRequire(import.meta.url)('@pdf-lib/fontkit/package.json') as { version: string }).version;
  return `fontkit@${fontkitVersion}:${createHash('sha256').update(fontBytes).digest('hex')}`;
}

/** The plain code points of a font: from the table when it knows the file, else measured. */
export function plainCodePoints(fontBytes: Uint8Array, font: FontkitFont, layout: FontkitFont['layout']): Set<number> {
  const known = PLAIN_CODE_POINT_TABLE.get(plainTableKey(fontBytes));
  return known !== undefined ? decodeRanges(known) : measurePlainCodePoints(font, layout);
}

/** "20-65,67-7e,a0" (hex, inclusive ranges) for a set of code points. */
export function encodeRanges(codePoints: Set<number>): string {
  const sorted = [...codePoints].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? sorted[i].toString(16) : `${sorted[i].toString(16)}-${sorted[j].toString(16)}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function decodeRanges(text: string): Set<number> {
  const set = new Set<number>();
  if (!text) return set;
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map((h) => parseInt(h, 16));
    for (let cp = from; cp <= to; cp++) set.add(cp);
  }
  return set;
}
