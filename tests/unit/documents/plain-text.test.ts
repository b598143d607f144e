// The plain-glyph fast path of fonts.ts must draw exactly what fontkit's full OpenType layout
// draws: same glyphs in the same order and same widths, for every string a ceremony prints.
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
  ];
  return [...new Set(texts)];
}

describe('plain glyphs for text that needs no shaping', () => {
  it('encodes and measures every roster and template string exactly as fontkit layout does', async () => {
    const texts = corpus();
    expect(texts.length).toBeGreaterThan(300);
    const ours = await createFontLibrary().embed(await PDFDocument.create(), texts);
    const stock = await PDFDocument.create();
    stock.registerFontkit(fontkit);
    for (const style of ['regular', 'bold', 'italic'] as const) {
      const reference = await stock.embedFont(readFileSync(require.resolve(FILES[style])), { subset: true });
      for (const text of texts) {
        // Same subset ids in the same order ⇔ the same glyph sequence.
        expect(ours[style].encodeText(text).toString(), `${style}: ${text}`).toBe(reference.encodeText(text).toString());
        expect(ours[style].widthOfTextAtSize(text, 10)).toBeCloseTo(reference.widthOfTextAtSize(text, 10), 9);
      }
    }
  });
});
