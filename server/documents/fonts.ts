// Unicode fonts for documents. pdf-lib's standard fonts only encode WinAnsi, so names such as
// "Bengkel Las Ẓainal & Putra" or "Toko 金 Makmur" need embedded Noto fonts (shipped inside the
// npm dependencies, never fetched at run time). The CJK font is ~10 MB: it is read and parsed
// once per FontLibrary, and embedded into a document only when one of its strings needs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import type { Font as FontkitFont } from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

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
}

export interface FontLibrary {
  /** Embeds the Latin fonts, and the CJK font if any of `texts` needs it. Subset on save. */
  embed(doc: PDFDocument, texts: Iterable<string>): Promise<DocumentFonts>;
  /** True if some character of the text is missing from the Latin fonts. */
  needsCjk(text: string): boolean;
}

export function createFontLibrary(): FontLibrary {
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
      font = fontkit.create(load(key));
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

  const hasLatinGlyph = (codePoint: number) => codePoint <= 0x20 || parse('regular').hasGlyphForCodePoint(codePoint);
  const needsCjk = (text: string) => {
    for (const ch of text) if (!hasLatinGlyph(ch.codePointAt(0)!)) return true;
    return false;
  };

  return {
    needsCjk,
    async embed(doc, texts) {
      doc.registerFontkit(cachingFontkit as unknown as typeof fontkit);
      let wantsCjk = false;
      for (const text of texts) if (needsCjk(text)) { wantsCjk = true; break; }
      const [regular, bold, italic] = await Promise.all(
        (['regular', 'bold', 'italic'] as const).map((key) => doc.embedFont(load(key), { subset: true })),
      );
      const cjk = wantsCjk ? await doc.embedFont(load('cjk'), { subset: true }) : undefined;
      return { regular, bold, italic, cjk, hasLatinGlyph };
    },
  };
}
