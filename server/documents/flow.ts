// A tiny top-to-bottom text flow with page breaks, for the agreement body, the certificate of
// signing and the Berita Acara. Each new page calls `decorate` so callers can add headers.
// Typesetting rules, as in paper documents: a heading keeps with what follows it (`heading`),
// a block can be kept together (`keep`, with heights from `paragraphHeight`/`fieldHeight`), and
// a paragraph never leaves a single line at the foot of a page or carries one to the next.
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { CONTENT_WIDTH, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_WIDTH } from './layout';
import { RULE, type TextStyle, type Typesetter } from './typeset';

export interface ParagraphOptions {
  indent?: number;
  gapAfter?: number;
  align?: 'left' | 'center';
  width?: number;
  lineHeight?: number;
}

export class Flow {
  page!: PDFPage;
  y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly ts: Typesetter,
    private readonly decorate: (page: PDFPage) => number = () => PAGE_HEIGHT - MARGIN_TOP,
    readonly bottom = MARGIN_BOTTOM,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.pages.push(this.page);
    this.y = this.decorate(this.page);
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y - height < this.bottom) this.newPage();
  }

  /** The height of a full page's content area (what `keep` can promise at most). */
  get capacity(): number {
    return PAGE_HEIGHT - MARGIN_TOP - this.bottom;
  }

  /**
   * Keeps the next `height` points on one page: breaks first unless they fit here. A block taller
   * than a page starts a page only if this one is not already nearly empty.
   */
  keep(height: number): void {
    if (this.y - height >= this.bottom) return;
    if (height > this.capacity && this.y > PAGE_HEIGHT - MARGIN_TOP - 40) return;
    this.newPage();
  }

  /** A heading kept on the same page as the first `next` points of what follows it. */
  heading(text: string, style: TextStyle, next: number, options: ParagraphOptions = {}): void {
    this.keep(this.paragraphHeight(text, style, options) + next);
    this.paragraph(text, style, options);
  }

  paragraphHeight(text: string, style: TextStyle, options: ParagraphOptions = {}): number {
    const width = (options.width ?? CONTENT_WIDTH) - (options.indent ?? 0);
    const lineHeight = options.lineHeight ?? style.size * 1.38;
    return this.ts.wrap(text, width, style).length * lineHeight + (options.gapAfter ?? 0);
  }

  fieldHeight(value: string, style: TextStyle, labelWidth = 150, gapAfter = 2): number {
    return this.ts.wrap(value, CONTENT_WIDTH - labelWidth - 10, style).length * style.size * 1.38 + gapAfter;
  }

  gap(height: number): void {
    this.y -= height;
  }

  paragraph(text: string, style: TextStyle, options: ParagraphOptions = {}): void {
    const indent = options.indent ?? 0;
    const width = (options.width ?? CONTENT_WIDTH) - indent;
    const lineHeight = options.lineHeight ?? style.size * 1.38;
    const lines = this.ts.wrap(text, width, style);
    // No orphan: the first two lines start together. No widow: a page break that would leave
    // the last line alone moves the line before it along.
    // (A paragraph of three lines or fewer is kept whole.)
    this.ensure(lineHeight * (lines.length <= 3 ? lines.length : 2));
    lines.forEach((line, i) => {
      const isBeforeLast = lines.length >= 4 && i === lines.length - 2;
      this.ensure(lineHeight * (isBeforeLast ? 2 : 1));
      this.y -= lineHeight;
      if (options.align === 'center') this.ts.drawCentered(this.page, line, MARGIN_X + CONTENT_WIDTH / 2, this.y, style);
      else this.ts.draw(this.page, line, MARGIN_X + indent, this.y, style);
    });
    this.y -= options.gapAfter ?? 0;
  }

  /** A label in a fixed-width column followed by wrapped text, e.g. "Nomor / Number  :  AGR-001". */
  field(label: string, value: string, style: TextStyle, labelWidth = 150, gapAfter = 2): void {
    const lineHeight = style.size * 1.38;
    const lines = this.ts.wrap(value, CONTENT_WIDTH - labelWidth - 10, style);
    this.ensure(lineHeight * Math.min(lines.length, 2));
    lines.forEach((line, i) => {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      if (i === 0) {
        this.ts.draw(this.page, label, MARGIN_X, this.y, { ...style, style: 'bold' });
        this.ts.draw(this.page, ':', MARGIN_X + labelWidth, this.y, style);
      }
      this.ts.draw(this.page, line, MARGIN_X + labelWidth + 10, this.y, style);
    });
    this.y -= gapAfter;
  }

  rule(gapBefore = 4, gapAfter = 8): void {
    this.ensure(gapBefore + gapAfter);
    this.y -= gapBefore;
    this.page.drawLine({ start: { x: MARGIN_X, y: this.y }, end: { x: MARGIN_X + CONTENT_WIDTH, y: this.y }, thickness: 0.6, color: RULE });
    this.y -= gapAfter;
  }
}
