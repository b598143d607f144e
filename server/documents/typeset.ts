// Drawing text with per-run font choice: Latin runs in Noto Sans, anything the Latin font lacks
// (e.g. 金) in Noto Sans SC, so a mixed name like "Toko 金 Makmur" renders and extracts exactly.
import { PDFOperator, rgb } from 'pdf-lib';
import type { PDFFont, PDFName, PDFOperatorNames, PDFPage, RGB } from 'pdf-lib';
import type { DocumentFonts, FontStyle } from './fonts';

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.38, 0.38, 0.42);
export const ACCENT = rgb(0.55, 0.08, 0.1);
export const RULE = rgb(0.72, 0.72, 0.75);

/**
 * The resource name of a font on a page, one per font and page. pdf-lib's drawText adds a new
 * entry to the page's Font dictionary on every call (hundreds on a certificate page).
 */
const fontKeys = new WeakMap<PDFPage, Map<PDFFont, PDFName>>();
function fontKey(page: PDFPage, font: PDFFont): string {
  let keys = fontKeys.get(page);
  if (!keys) fontKeys.set(page, (keys = new Map()));
  let key = keys.get(font);
  if (!key) keys.set(font, (key = page.node.newFontDictionary(font.name, font.ref)));
  return key.toString();
}

/** Numbers for content streams: at most 3 decimals (1/1000 pt), never in exponent notation. */
const num = (n: number) => String(Math.round(n * 1000) / 1000);

/**
 * One text object as content-stream text: the same operators pdf-lib's drawText writes (q BT rg
 * Tf Tm Tj ET Q), built as a string instead of a few dozen PDFOperator and PDFNumber objects per
 * line, which were most of the cost of a certificate page.
 */
function textObject(font: string, hex: string, x: number, y: number, size: number, color: RGB): string {
  return `q BT ${num(color.red)} ${num(color.green)} ${num(color.blue)} rg ${font} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(y)} Tm ${hex} Tj ET Q\n`;
}

export interface TextStyle {
  size: number;
  style?: FontStyle;
  color?: RGB;
}

interface Run {
  text: string;
  font: PDFFont;
}

export class Typesetter {
  constructor(readonly fonts: DocumentFonts) {}

  private runs(text: string, style: FontStyle): Run[] {
    const latin = this.fonts[style];
    const runs: Run[] = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const font = this.fonts.hasLatinGlyph(cp) || !this.fonts.cjk ? latin : this.fonts.cjk;
      const last = runs[runs.length - 1];
      // Spaces join the current run so a CJK run does not split around them.
      if (last && (last.font === font || cp === 0x20)) last.text += ch;
      else runs.push({ text: ch, font });
    }
    return runs;
  }

  width(text: string, { size, style = 'regular' }: TextStyle): number {
    return this.runs(text, style).reduce((sum, run) => sum + this.runWidth(run) * size, 0);
  }

  /** Width at size 1, word by word through the shared cache (kerning across spaces is ignored). */
  private runWidth(run: Run): number {
    const key = run.font === this.fonts.cjk ? 'cjk' : run.font === this.fonts.bold ? 'bold' : run.font === this.fonts.italic ? 'italic' : 'regular';
    const cache = this.fonts.widthCache;
    const measure = (word: string) => {
      const id = `${key}\u0000${word}`;
      let w = cache.get(id);
      if (w === undefined) {
        w = run.font.widthOfTextAtSize(word, 1000) / 1000;
        cache.set(id, w);
      }
      return w;
    };
    const words = run.text.split(' ');
    return words.reduce((sum, word) => sum + (word ? measure(word) : 0), 0) + (words.length - 1) * measure(' ');
  }

  draw(page: PDFPage, text: string, x: number, y: number, { size, style = 'regular', color = INK }: TextStyle): number {
    let cursor = x;
    let ops = '';
    for (const run of this.runs(text, style)) {
      ops += textObject(fontKey(page, run.font), run.font.encodeText(run.text).toString(), cursor, y, size, color);
      cursor += this.runWidth(run) * size;
    }
    page.pushOperators(PDFOperator.of(ops as PDFOperatorNames));
    return cursor - x;
  }

  drawCentered(page: PDFPage, text: string, centerX: number, y: number, style: TextStyle): void {
    this.draw(page, text, centerX - this.width(text, style) / 2, y, style);
  }

  /** Shrinks the size until the text fits `maxWidth` (never below `minSize`). */
  fitSize(text: string, maxWidth: number, style: TextStyle, minSize = 5): number {
    let size = style.size;
    while (size > minSize && this.width(text, { ...style, size }) > maxWidth) size -= 0.5;
    return size;
  }

  /**
   * Greedy word wrap; a word longer than the line is broken by characters. The line's width grows
   * word by word (a space takes the font of the character before it, as in `runs`), instead of
   * re-measuring the whole growing line at every word.
   */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    const lines: string[] = [];
    const spaceWidth = (before: string) => {
      const text = before.trimEnd();
      let i = text.length - 1;
      if (i > 0 && text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff) i -= 1;
      const cp = i >= 0 ? text.codePointAt(i)! : 0x20;
      const font = this.fonts.hasLatinGlyph(cp) || !this.fonts.cjk ? this.fonts[style.style ?? 'regular'] : this.fonts.cjk;
      return this.runWidth({ text: ' ', font }) * style.size;
    };
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ')) {
        const wordWidth = word ? this.width(word, style) : 0;
        const candidateWidth = line ? lineWidth + spaceWidth(line) + wordWidth : wordWidth;
        if (candidateWidth <= maxWidth) {
          line = line ? `${line} ${word}` : word;
          lineWidth = candidateWidth;
          continue;
        }
        if (line) lines.push(line);
        line = '';
        let piece = '';
        for (const ch of word) {
          if (this.width(piece + ch, style) > maxWidth && piece) {
            lines.push(piece);
            piece = '';
          }
          piece += ch;
        }
        line = piece;
        lineWidth = this.width(line, style);
      }
      lines.push(line);
    }
    return lines;
  }
}
