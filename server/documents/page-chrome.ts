// Running header and page numbers shared by agreements, certificates and the Berita Acara.
import type { PDFPage } from 'pdf-lib';
import { CONTENT_WIDTH, MARGIN_TOP, MARGIN_X, PAGE_HEIGHT, PAGE_NUMBER_Y, PAGE_WIDTH } from './layout';
import { MUTED, RULE, type Typesetter } from './typeset';

/** Draws the header and returns the y where content may start. */
export function drawRunningHeader(page: PDFPage, ts: Typesetter, left: string, right: string): number {
  const y = PAGE_HEIGHT - MARGIN_TOP + 22;
  const style = { size: 7.5, color: MUTED };
  const rightWidth = ts.width(right, style);
  const leftSize = ts.fitSize(left, CONTENT_WIDTH - rightWidth - 16, style);
  ts.draw(page, left, MARGIN_X, y, { ...style, size: leftSize });
  ts.draw(page, right, MARGIN_X + CONTENT_WIDTH - rightWidth, y, style);
  page.drawLine({ start: { x: MARGIN_X, y: y - 6 }, end: { x: PAGE_WIDTH - MARGIN_X, y: y - 6 }, thickness: 0.6, color: RULE });
  return PAGE_HEIGHT - MARGIN_TOP;
}

export function drawPageNumbers(pages: PDFPage[], ts: Typesetter, suffix: string): void {
  pages.forEach((page, i) => {
    const text = `Halaman ${i + 1} dari ${pages.length} / Page ${i + 1} of ${pages.length} — ${suffix}`;
    ts.drawCentered(page, text, PAGE_WIDTH / 2, PAGE_NUMBER_Y, { size: 7.5, color: MUTED });
  });
}

