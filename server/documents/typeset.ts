// Drawing text with per-run font choice: Latin runs in Noto Sans, anything the Latin font lacks
// (e.g. 金) in Noto Sans SC, so a mixed name like "Toko 金 Makmur" renders and extracts exactly.
import { PDFOperator, rgb } from 'pdf-lib';
import type { PDFName, PDFOperatorNames, PDFPage, RGB } from 'pdf-lib';
import type { DocumentFace, ShapedText } from './font-face';
import type { DocumentFonts, FaceKey, FontStyle } from './fonts';

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.38, 0.38, 0.42);
export const ACCENT = rgb(0.55, 0.08, 0.1);
export const RULE = rgb(0.72, 0.72, 0.75);

/**
 * The resource name of a font on a page, one per font and page. pdf-lib's drawText adds a new
 * entry to the page's Font dictionary on every call (hundreds on a certificate page).
 */
const fontKeys = new WeakMap<PDFPage, Map<DocumentFace, PDFName>>();
function fontKey(page: PDFPage, face: DocumentFace): string {
  let keys = fontKeys.get(page);
  if (!keys) fontKeys.set(page, (keys = new Map()));
  let key = keys.get(face);
  if (!key) keys.set(face, (key = page.node.newFontDictionary('F', face.ref)));
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
  face: FaceKey;
  shaped: ShapedText;
}

/** Bound of each layout memo (entries); documents of a ceremony repeat far fewer strings. */
const MEMO_MAX = 20_000;

export class Typesetter {
  constructor(readonly fonts: DocumentFonts) {}

  private face(key: FaceKey): DocumentFace {
    return key === 'cjk' ? this.fonts.cjk! : this.fonts[key];
  }

  /**
   * The text split into font runs (Latin, or CJK for what the Latin font lacks), each shaped.
   * Laid out once per font library: every document of a ceremony prints the same labels, names
   * and rooms, so after the first document this is a map lookup.
   */
  private runs(text: string, style: FontStyle): Run[] {
    const hasCjk = this.fonts.cjk !== undefined;
    const key = `${style}${hasCjk ? '+' : '-'}${text}`;
    const memo = this.fonts.memo.runs;
    let runs = memo.get(key);
    if (runs) return runs;
    const split: Array<{ face: FaceKey; text: string }> = [];
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      const face: FaceKey = this.fonts.hasLatinGlyph(cp) || !hasCjk ? style : 'cjk';
      const last = split[split.length - 1];
      // Spaces join the current run so a CJK run does not split around them.
      if (last && (last.face === face || cp === 0x20)) last.text += ch;
      else split.push({ face, text: ch });
    }
    runs = split.map(({ face, text: part }) => ({ face, shaped: this.face(face).face.shape(part) }));
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(key, runs);
    return runs;
  }

  width(text: string, { size, style = 'regular' }: TextStyle): number {
    let width = 0;
    for (const run of this.runs(text, style)) width += run.shaped.width;
    return width * size;
  }

  draw(page: PDFPage, text: string, x: number, y: number, { size, style = 'regular', color = INK }: TextStyle): number {
    let cursor = x;
    let ops = '';
    for (const run of this.runs(text, style)) {
      const face = this.face(run.face);
      face.use(run.shaped);
      ops += textObject(fontKey(page, face), run.shaped.hex, cursor, y, size, color);
      cursor += run.shaped.width * size;
    }
    page.pushOperators(PDFOperator.of(ops as PDFOperatorNames));
    return cursor - x;
  }

  drawCentered(page: PDFPage, text: string, centerX: number, y: number, style: TextStyle): void {
    this.draw(page, text, centerX - this.width(text, style) / 2, y, style);
  }

  /** Shrinks the size in steps of 0.5 until the text fits `maxWidth` (never below `minSize`). */
  fitSize(text: string, maxWidth: number, style: TextStyle, minSize = 5): number {
    const perPoint = this.width(text, { ...style, size: 1 });
    let size = style.size;
    while (size > minSize && perPoint * size > maxWidth) size -= 0.5;
    return size;
  }

  /**
   * Greedy word wrap; a word longer than the line is broken by characters. The line's width grows
   * word by word (a space takes the font of the character before it, as in `runs`), instead of
   * re-measuring the whole growing line at every word. Wrapped once per text, width and style.
   */
  wrap(text: string, maxWidth: number, style: TextStyle): string[] {
    const key = `${style.style ?? 'regular'} ${style.size} ${maxWidth} ${this.fonts.cjk ? '+' : '-'}${text}`;
    const memo = this.fonts.memo.wraps;
    let lines = memo.get(key);
    if (!lines) {
      lines = this.wrapLines(text, maxWidth, style);
      if (memo.size >= MEMO_MAX) memo.clear();
      memo.set(key, lines);
    }
    return lines;
  }

  private wrapLines(text: string, maxWidth: number, style: TextStyle): string[] {
    const lines: string[] = [];
    const spaceWidth = (before: string) => {
      const text = before.trimEnd();
      let i = text.length - 1;
      if (i > 0 && text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff) i -= 1;
      const cp = i >= 0 ? text.codePointAt(i)! : 0x20;
      const face: FaceKey = this.fonts.hasLatinGlyph(cp) || !this.fonts.cjk ? style.style ?? 'regular' : 'cjk';
      return this.face(face).face.shape(' ').width * style.size;
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
