// Running header and page numbers shared by agreements, certificates and the Berita Acara.
import { PDFArray, PDFName, PDFPage, PDFRef, PDFStream, beginMarkedContent, endMarkedContent } from 'pdf-lib';
import type { PDFDocument } from 'pdf-lib';
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

// The page numbers live in a content stream of their own, tagged in its dictionary, because the
// count changes after the original is fixed: stamping appends the certificate of signing, then
// replaces these streams so every footer of the final file states its real page count. The
// original's SHA-256 is of the original file, so the signed copy may differ in this line.
const ROLE_KEY = PDFName.of('SaksiRole');
const PAGE_NUMBERS_ROLE = PDFName.of('PageNumbers');

/** Draws "Halaman N dari M" on every page of the document, replacing any earlier numbering. */
export function drawPageNumbers(doc: PDFDocument, ts: Typesetter, suffix: string): void {
  removePageNumbers(doc);
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    // A fresh wrapper of the same page node writes into a new content stream; only streams that
    // did not exist before are tagged, so the page's own content can never be taken for numbering.
    const before = new Set(contentRefs(page));
    const layer = PDFPage.of(page.node, page.ref, doc);
    layer.pushOperators(beginMarkedContent('Artifact'));
    const text = `Halaman ${i + 1} dari ${pages.length} / Page ${i + 1} of ${pages.length} — ${suffix}`;
    ts.drawCentered(layer, text, PAGE_WIDTH / 2, PAGE_NUMBER_Y, { size: 7.5, color: MUTED });
    layer.pushOperators(endMarkedContent());
    const added = contentRefs(layer).filter((ref) => !before.has(ref));
    if (added.length === 0) throw new Error('drawPageNumbers: the page numbers did not get a content stream of their own');
    for (const ref of added) {
      const stream = doc.context.lookup(ref);
      if (stream instanceof PDFStream) stream.dict.set(ROLE_KEY, PAGE_NUMBERS_ROLE);
    }
  });
}

function contentRefs(page: PDFPage): PDFRef[] {
  const contents = page.node.normalizedEntries().Contents;
  if (!(contents instanceof PDFArray)) return [];
  return contents.asArray().filter((item): item is PDFRef => item instanceof PDFRef);
}

/** Drops the page-number streams written by drawPageNumbers (and their objects). */
function removePageNumbers(doc: PDFDocument): void {
  for (const page of doc.getPages()) {
    const contents = page.node.normalizedEntries().Contents;
    if (!(contents instanceof PDFArray)) continue;
    for (let i = contents.size() - 1; i >= 0; i--) {
      const ref = contents.get(i);
      if (!(ref instanceof PDFRef)) continue;
      const stream = doc.context.lookup(ref);
      if (stream instanceof PDFStream && stream.dict.get(ROLE_KEY) === PAGE_NUMBERS_ROLE) {
        contents.remove(i);
        doc.context.delete(ref);
      }
    }
  }
}
