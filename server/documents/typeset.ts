// Drawing text with per-run font choice: Latin runs in Noto Sans, anything the Latin font lacks
// (e.g. 金) in Noto Sans SC, so a mixed name like "Toko 金 Makmur" renders and extracts exactly.
import { rgb } from 'pdf-lib';
import type { PDFFont, PDFPage, RGB } from 'pdf-lib';
import type { DocumentFonts, FontStyle } from './fonts';

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.38, 0.38, 0.42);
export const ACCENT = rgb(0.55, 0.08, 0.1);
export const RULE = rgb(0.72, 0.72, 0.75);

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
    for (const run of this.runs(text, style)) {
      page.drawText(run.text, { x: cursor, y, size, font: run.font, color });
      cursor += this.runWidth(run) * size;
    }
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

  /** Greedy word wrap; a word longer than the line is broken by characters. */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(' ')) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.width(candidate, style) <= maxWidth) {
          line = candidate;
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
      }
      lines.push(line);
    }
    return lines;
  }
}
