// The plain-glyph fast path of fonts.ts must draw exactly what fontkit's full OpenType layout
// draws: same glyphs in the same order and same widths, for every string a ceremony prints.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { createFontLibrary } from '../../../server/documents/fonts';
import { buildDemoRoster } from '../../../server/seed/demo-roster';
import { PARTIES, ROOMS } from './fixtures';

const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
} as const;

function corpus(): string[] {
  const roster = buildDemoRoster();
  const texts = [
    ...roster.parties.flatMap((p) => [p.name, p.sector, p.province, p.representative.name, p.representative.title]),
    ...roster.rooms.flatMap((r) => [r.name, r.regency, r.province]),
    ...roster.agreements.map((a) => a.title),
    ...PARTIES.flatMap((p) => [p.name, p.representative.name]),
    ...ROOMS.map((r) => r.name),
    'SERTIFIKAT PENANDATANGANAN', 'Certificate of Signing', 'Sidik jari / Fingerprint', 'Verifikasi / Verification',
    'office affluent fjord', 'Ṃ ṃ ẹ ọ ụ ị ṣ ǹ', 'soft\u00adhyphen', 'Rp12.500.000.000 — 18 Januari 2021 10.15 WITA',
    // An 'f' next to characters it forms no ligature with takes the plain path: every document's
    // hashes, links and ids (fixed SHA-256 inputs: the same strings every run), and f beside
    // letters, digits and URL punctuation on either side, at the start and end of words.
    ...Array.from({ length: 200 }, (_, i) => createHash('sha256').update(`plain-text hash ${i}`).digest('hex')),
    ...Array.from({ length: 40 }, (_, i) => createHash('sha256').update(`plain-text id ${i}`).digest('base64url')),
    'https://saksi.example.id/verify/demo-2021-01-18/K-0f7?lang=en&f=1#f', 'http://127.0.0.1:3000/verifikasi/x',
    'f', 'ff', 'fff', 'fi', 'fl', 'ffi', 'ffl', 'fj', 'ft', 'fb', 'fh', 'fk', 'f.', 'f/', 'f-f', 'of', 'if', 'Of', 'IF', 'F',
    'Sertifikat', 'Certificate', 'fingerprint', 'Verifikasi', 'verify', 'Afrika', 'Rafflesia', 'affine', 'shelf', 'f0f1f2f3',
    'fafbfcfdfe', 'af bf cf df ef ff', 'x f y', 'Jafar_Sidiq-f', 'f?f=f', 'MfG', 'AFfa', 'Ẓfẓ', 'ñf', 'f金',
  ];
  return [...new Set(texts)];
}

describe('plain glyphs for text that needs no shaping', () => {
  it('encodes and measures every roster and template string exactly as fontkit layout does', async () => {
    const texts = corpus();
    expect(texts.length).toBeGreaterThan(300);
    const ours = await createFontLibrary().embed(await PDFDocument.create(), texts);
    for (const style of ['regular', 'bold', 'italic'] as const) {
      // A fresh fontkit font: its full OpenType layout, without the fast path or any memo.
      const reference = fontkit.create(readFileSync(require.resolve(FILES[style])));
      for (const text of texts) {
        const glyphs = reference.layout(text).glyphs;
        const shaped = ours[style].shape(text);
        // Glyph ids are kept as they are in the font, so the encoded text is the layout's glyph ids.
        const hex = `<${glyphs.map((g) => g.id.toString(16).padStart(4, '0')).join('')}>`;
        expect(shaped.hex, `${style}: ${text}`).toBe(hex);
        const width = glyphs.reduce((sum, g) => sum + g.advanceWidth, 0) / reference.unitsPerEm;
        expect(shaped.width).toBeCloseTo(width, 9);
      }
    }
  });
});
