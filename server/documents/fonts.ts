// Unicode fonts for documents. pdf-lib's standard fonts only encode WinAnsi, so names such as
// "Bengkel Las Ẓainal & Putra" or "Toko 金 Makmur" need embedded Noto fonts (shipped inside the
// npm dependencies, never fetched at run time). The CJK font is ~10 MB: it is read and parsed
// once per FontLibrary, and embedded into a document only when one of its strings needs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';
import { DocumentFace, LibraryFace, type ShapedText } from './font-face';
import { plainCodePoints } from './plain-code-points';
import { usePdfSpeedups } from './pdf-speed';

export type FontStyle = 'regular' | 'bold' | 'italic';

export const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
  cjk: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
} as const;

export type FaceKey = keyof typeof FONT_FILES;

/** The fonts of one document. `cjk` is present only if the document needs it. */
export interface DocumentFonts {
  regular: DocumentFace;
  bold: DocumentFace;
  italic: DocumentFace;
  cjk?: DocumentFace;
  /** Whether the Latin fonts can draw this code point (else the CJK font is used). */
  hasLatinGlyph(codePoint: number): boolean;
  /** Layout results shared by every document of the library (see typeset.ts). */
  memo: TextMemo;
}

/** Text laid out once per library: font runs with their shaped glyphs, and wrapped lines. */
export interface TextMemo {
  runs: Map<string, Array<{ face: FaceKey; shaped: ShapedText }>>;
  wraps: Map<string, string[]>;
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
  usePdfSpeedups();
  const require = createRequire(import.meta.url);
  const faces = new Map<FaceKey, LibraryFace>();
  const face = (key: FaceKey): LibraryFace => {
    let loaded = faces.get(key);
    if (!loaded) {
      const bytes = new Uint8Array(readFileSync(require.resolve(FONT_FILES[key])));
      // fontkit wraps its input in its bundled Buffer shim, which copies a typed array a byte at a
      // time in JavaScript (~0.2 s for the 10 MB CJK face, in every worker); an ArrayBuffer it
      // wraps without copying. `bytes` owns its whole ArrayBuffer (the copy above).
      const font = fontkit.create(bytes.buffer as unknown as Uint8Array);
      withoutPositioning(font);
      loaded = new LibraryFace(memoizeLayout(font, bytes), bytes, key !== 'cjk');
      faces.set(key, loaded);
    }
    return loaded;
  };

  // Asked for every character of every measured string, so remember the answers.
  const latinCoverage = new Map<number, boolean>();
  const hasLatinGlyph = (codePoint: number) => {
    let has = latinCoverage.get(codePoint);
    if (has === undefined) {
      has = codePoint <= 0x20 || face('regular').hasGlyphForCodePoint(codePoint);
      latinCoverage.set(codePoint, has);
    }
    return has;
  };
  const needsCjk = (text: string) => {
    for (const ch of text) if (!hasLatinGlyph(ch.codePointAt(0)!)) return true;
    return false;
  };
  const memo: TextMemo = { runs: new Map(), wraps: new Map() };

  return {
    needsCjk,
    preload() {
      for (const key of Object.keys(FONT_FILES) as FaceKey[]) face(key);
    },
    async embed(doc, texts) {
      let wantsCjk = false;
      for (const text of texts) if (needsCjk(text)) { wantsCjk = true; break; }
      return {
        regular: new DocumentFace(face('regular'), doc),
        bold: new DocumentFace(face('bold'), doc),
        italic: new DocumentFace(face('italic'), doc),
        cjk: wantsCjk ? new DocumentFace(face('cjk'), doc) : undefined,
        hasLatinGlyph,
        memo,
      };
    },
  };
}

const LAYOUT_CACHE_MAX = 20_000;
const F = 0x66;
/** What may stand next to an 'f' in hashes, links and ids: ASCII letters and digits, URL punctuation. */
const F_NEIGHBOUR_CANDIDATES = [...'0123456789abcdeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-./:?=_&#%+'];

/**
 * The characters an 'f' keeps its own glyph after (`before`: c + 'f' gives the two cmap glyphs)
 * and before (`after`: 'f' + c does), -1 standing for the start and end of the text, measured
 * with the font's layout. Noto's f-ligatures (ff, fi, fl, ffi, ffl) leave 'f', 'i' and 'l' out of
 * `after`. Checked against fontkit's full layout for hashes, links and words with 'f' in
 * tests/unit/documents/plain-text.test.ts.
 */
function codePointsBesideF(font: FontkitFont, layout: FontkitFont['layout']): { before: Set<number>; after: Set<number> } {
  const ids = (text: string) => layout(text).glyphs.map((g) => g.id).join(' ');
  const glyph = (c: string) => String(font.glyphForCodePoint(c.charCodeAt(0)).id);
  const beside = { before: new Set<number>(), after: new Set<number>() };
  if (!font.hasGlyphForCodePoint(F) || ids('f') !== glyph('f')) return beside;
  beside.before.add(-1);
  beside.after.add(-1);
  for (const c of F_NEIGHBOUR_CANDIDATES) {
    if (!font.hasGlyphForCodePoint(c.charCodeAt(0))) continue;
    if (ids(`${c}f`) === `${glyph(c)} ${glyph('f')}`) beside.before.add(c.charCodeAt(0));
    if (ids(`f${c}`) === `${glyph('f')} ${glyph(c)}`) beside.after.add(c.charCodeAt(0));
  }
  return beside;
}

interface FontkitGlyphRun {
  glyphs: unknown[];
  positions: unknown[];
  direction: string;
}

/**
 * fontkit's layout substitutes glyphs (GSUB: ligatures, Noto's decompositions) and then positions
 * them (GPOS: kerning, mark attachment). Saksi draws glyph ids at their advance widths and never
 * reads the positions (pdf-lib does not either), yet the positioning pass was most of a layout's
 * cost, most of it decoding Noto's large GPOS kerning tables once per worker thread (~0.6 s of CPU
 * in each stamping worker before its documents got fast). Positioning is skipped for these fonts;
 * the glyphs, and so every document's bytes, are the same (tests/unit/documents/plain-text.test.ts
 * checks every demo string against a fresh font's full layout).
 */
function withoutPositioning(font: FontkitFont): void {
  const engine = (font as unknown as { _layoutEngine?: { engine?: { position?: unknown; GPOSProcessor?: unknown } } })._layoutEngine?.engine;
  if (!engine || typeof engine.position !== 'function' || !engine.GPOSProcessor) return;
  engine.position = (run: FontkitGlyphRun) => {
    if (run.direction === 'rtl') {
      run.glyphs.reverse();
      run.positions.reverse();
    }
    // "Kerning applied": fontkit then leaves the legacy kern table alone too.
    return { kern: true };
  };
}

/**
 * fontkit's OpenType layout (GSUB/GPOS over Noto's large tables) is most of the time spent
 * rendering; pdf-lib calls it for every measured and every drawn string. Text that needs no
 * shaping (see plainCodePoints) takes the cmap's glyphs directly, anything else goes through the
 * real layout with a bounded per-font memo (documents of one ceremony repeat the same lines).
 * pdf-lib only reads the returned glyphs, so both are safe.
 */
function memoizeLayout(font: FontkitFont, bytes: Uint8Array): FontkitFont {
  const layout = font.layout.bind(font);
  const cache = new Map<string, ReturnType<FontkitFont['layout']>>();
  let plain: Set<number> | undefined;
  const glyphOf = new Map<number, ReturnType<FontkitFont['glyphForCodePoint']>>();
  let besideF: ReturnType<typeof codePointsBesideF> | undefined;
  const plainRun = (text: string): ReturnType<FontkitFont['layout']> | undefined => {
    plain ??= plainCodePoints(bytes, font, layout);
    const glyphs = [];
    for (let i = 0; i < text.length; i++) {
      const cp = text.charCodeAt(i);
      if (!plain.has(cp)) {
        // An 'f' between characters it forms no ligature with is plain too: the hashes, links
        // and ids of every document (a SHA-256 in hex has an 'f' 98 % of the time) then need no
        // full layout, which cost ~1.5 ms per stamp.
        if (cp !== F) return undefined;
        besideF ??= codePointsBesideF(font, layout);
        const before = i === 0 ? -1 : text.charCodeAt(i - 1);
        const after = i + 1 === text.length ? -1 : text.charCodeAt(i + 1);
        if (!besideF.before.has(before) || !besideF.after.has(after)) return undefined;
      }
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
