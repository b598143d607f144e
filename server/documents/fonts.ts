// Unicode fonts for documents. pdf-lib's standard fonts only encode WinAnsi, so names such as
// "Bengkel Las Ẓainal & Putra" or "Toko 金 Makmur" need embedded Noto fonts (shipped inside the
// npm dependencies, never fetched at run time). The CJK font is ~10 MB: it is read and parsed
// once per FontLibrary, and embedded into a document only when one of its strings needs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { useNativeDeflate } from './pdf-speed';

export type FontStyle = 'regular' | 'bold' | 'italic';

const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
} as const;

type FontKey = keyof typeof FONT_FILES;

/** The pdf-lib fonts of one document. `cjk` is present only if the document needs it. */
export interface DocumentFonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
  cjk?: PDFFont;
  /** Whether the Latin fonts can draw this code point (else the CJK font is used). */
  hasLatinGlyph(codePoint: number): boolean;
  /**
   * Advance widths at size 1 by "font key + word", shared by every document of the library:
   * pdf-lib measures through fontkit's full OpenType layout, which dominates rendering time.
   */
  widthCache: Map<string, number>;
}

export interface FontLibrary {
  /** Embeds the Latin fonts, and the CJK font if any of `texts` needs it. Subset on save. */
  embed(doc: PDFDocument, texts: Iterable<string>): Promise<DocumentFonts>;
  /** True if some character of the text is missing from the Latin fonts. */
  needsCjk(text: string): boolean;
  /** Reads and parses every font now (~1–3 s with CJK), e.g. at startup instead of at the first signing. */
  preload(): void;
}

export function createFontLibrary(): FontLibrary {
  useNativeDeflate();
  const require = createRequire(import.meta.url);
  const bytes = new Map<FontKey, Uint8Array>();
  const parsed = new Map<FontKey, FontkitFont>();

  const load = (key: FontKey): Uint8Array => {
    let data = bytes.get(key);
    if (!data) {
      data = new Uint8Array(readFileSync(require.resolve(FONT_FILES[key])));
      bytes.set(key, data);
    }
    return data;
  };
  const parse = (key: FontKey): FontkitFont => {
    let font = parsed.get(key);
    if (!font) {
      font = memoizeLayout(padOddGlyphsInSubsets(fontkit.create(load(key))));
      parsed.set(key, font);
    }
    return font;
  };
  // pdf-lib calls fontkit.create(bytes) on every embed; parsing the CJK font costs ~0.25 s, so
  // hand back this library's already-parsed font for bytes it loaded. Fontkit fonts are only read
  // while subsetting, so sharing one between documents is safe.
  const cachingFontkit = {
    create(data: Uint8Array, postscriptName?: string): FontkitFont {
      for (const [key, loaded] of bytes) if (loaded === data) return parse(key);
      return fontkit.create(data, postscriptName);
    },
  };

  // Asked for every character of every measured string, so remember the answers.
  const latinCoverage = new Map<number, boolean>();
  const hasLatinGlyph = (codePoint: number) => {
    let has = latinCoverage.get(codePoint);
    if (has === undefined) {
      has = codePoint <= 0x20 || parse('regular').hasGlyphForCodePoint(codePoint);
      latinCoverage.set(codePoint, has);
    }
    return has;
  };
  const widthCache = new Map<string, number>();
  const needsCjk = (text: string) => {
    for (const ch of text) if (!hasLatinGlyph(ch.codePointAt(0)!)) return true;
    return false;
  };

  return {
    needsCjk,
    preload() {
      for (const key of Object.keys(FONT_FILES) as FontKey[]) parse(key);
    },
    async embed(doc, texts) {
      doc.registerFontkit(cachingFontkit as unknown as typeof fontkit);
      let wantsCjk = false;
      for (const text of texts) if (needsCjk(text)) { wantsCjk = true; break; }
      const [regular, bold, italic] = await Promise.all(
        (['regular', 'bold', 'italic'] as const).map((key) => doc.embedFont(load(key), { subset: true })),
      );
      const cjk = wantsCjk ? await doc.embedFont(load('cjk'), { subset: true }) : undefined;
      return { regular, bold, italic, cjk, hasLatinGlyph, widthCache };
    },
  };
}

interface TtfSubsetInternals {
  glyf?: Uint8Array[];
  offset?: number;
  _addGlyph?: (gid: number) => number;
}

/**
 * @pdf-lib/fontkit writes a subset's `loca` in the short format (offsets halved) without padding
 * odd-length glyph records, so every glyph after an odd one points one byte off and renders blank
 * while pdftotext still extracts the text (fixed upstream in foliojs/fontkit#191, never ported to
 * the fork). Padding each glyph record to an even length is always valid TrueType.
 */
function padOddGlyphsInSubsets(font: FontkitFont): FontkitFont {
  const createSubset = font.createSubset.bind(font);
  font.createSubset = () => {
    const subset = createSubset() as unknown as TtfSubsetInternals;
    const addGlyph = subset._addGlyph;
    if (typeof addGlyph !== 'function') return subset as never;
    subset._addGlyph = function (this: TtfSubsetInternals, gid: number) {
      const index = addGlyph.call(this, gid);
      const data = this.glyf![index];
      if (data.length % 2 === 1) {
        // Same Buffer class as the fork's own (it bundles a polyfill its stream writer checks for).
        const padded = (data.constructor as unknown as { alloc(size: number): Uint8Array }).alloc(data.length + 1);
        padded.set(data);
        this.glyf![index] = padded;
        this.offset! += 1;
      }
      return index;
    };
    return subset as never;
  };
  return font;
}

const LAYOUT_CACHE_MAX = 20_000;

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
function plainCodePoints(font: FontkitFont, layout: FontkitFont['layout']): Set<number> {
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

/**
 * fontkit's OpenType layout (GSUB/GPOS over Noto's large tables) is most of the time spent
 * rendering; pdf-lib calls it for every measured and every drawn string. Text that needs no
 * shaping (see plainCodePoints) takes the cmap's glyphs directly, anything else goes through the
 * real layout with a bounded per-font memo (documents of one ceremony repeat the same lines).
 * pdf-lib only reads the returned glyphs, so both are safe.
 */
function memoizeLayout(font: FontkitFont): FontkitFont {
  const layout = font.layout.bind(font);
  const cache = new Map<string, ReturnType<FontkitFont['layout']>>();
  let plain: Set<number> | undefined;
  const glyphOf = new Map<number, ReturnType<FontkitFont['glyphForCodePoint']>>();
  const plainRun = (text: string): ReturnType<FontkitFont['layout']> | undefined => {
    plain ??= plainCodePoints(font, layout);
    const glyphs = [];
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      if (!plain.has(cp)) return undefined;
      let glyph = glyphOf.get(cp);
      if (!glyph) {
        glyph = font.glyphForCodePoint(cp);
        glyphOf.set(cp, glyph);
      }
      glyphs.push(glyph);
    }
    return { glyphs } as unknown as ReturnType<FontkitFont['layout']>;
  };
  const shaped = (word: string) => {
    let run = cache.get(word);
    if (!run) {
      if (cache.size >= LAYOUT_CACHE_MAX) cache.clear();
      run = layout(word);
      cache.set(word, run);
    }
    return run;
  };
  let space: ReturnType<FontkitFont['glyphForCodePoint']> | undefined;
  font.layout = ((text: string, features?: unknown) => {
    if (features !== undefined && !(typeof features === 'object' && features && Object.keys(features).length === 0)) {
      return layout(text, features as never);
    }
    const simple = plainRun(text);
    if (simple) return simple;
    if (!text.includes(' ')) return shaped(text);
    // Word by word: only the words that need shaping go through layout (and its memo); nothing
    // in Latin or CJK text shapes across a space.
    space ??= font.glyphForCodePoint(0x20);
    const glyphs = [];
    const words = text.split(' ');
    for (let i = 0; i < words.length; i++) {
      if (i > 0) glyphs.push(space);
      if (words[i]) glyphs.push(...(plainRun(words[i]) ?? shaped(words[i])).glyphs);
    }
    return { glyphs } as unknown as ReturnType<FontkitFont['layout']>;
  }) as FontkitFont['layout'];
  return font;
}
