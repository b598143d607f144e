// QR codes drawn as vector rectangles: crisp at any zoom or print size. The code is built once per
// document as a form XObject and placed on every page, so its few hundred rectangles are stored
// (and compressed) once instead of once per page.
import QRCode from 'qrcode';
import {
  concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, PDFOperator,
  type PDFDocument, type PDFOperatorNames, type PDFPage,
} from 'pdf-lib';

const QUIET_ZONE_MODULES = 2;

export interface EmbeddedQrCode {
  /** Places the code with its bottom-left corner at (x, y). */
  drawOn(page: PDFPage, x: number, y: number): void;
}

/** A QR code of `text` filling a square of `size` points, quiet zone included. */
export function embedQrCode(doc: PDFDocument, text: string, size: number): EmbeddedQrCode {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const cell = size / (count + 2 * QUIET_ZONE_MODULES);
  // Written as content-stream text: a few hundred rectangles as PDFOperator objects cost more
  // than the QR code itself.
  const num = (n: number) => String(Math.round(n * 1000) / 1000);
  const ops: string[] = [`1 1 1 rg 0 0 ${num(size)} ${num(size)} re f 0 0 0 rg`];
  for (let row = 0; row < count; row++) {
    // PDF y grows upwards while QR rows grow downwards.
    const top = size - (row + QUIET_ZONE_MODULES) * cell;
    let col = 0;
    while (col < count) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.get(row, col)) col++;
      // A hair of overlap between rows avoids hairline seams in some renderers.
      ops.push(`${num((start + QUIET_ZONE_MODULES) * cell)} ${num(top - cell - 0.05)} ${num((col - start) * cell)} ${num(cell + 0.1)} re`);
    }
  }
  ops.push('f');
  const ref = doc.context.register(doc.context.formXObject([PDFOperator.of(ops.join('\n') as PDFOperatorNames)], { BBox: [0, 0, size, size] }));
  return {
    drawOn(page, x, y) {
      const name = page.node.newXObject('QR', ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(1, 0, 0, 1, x, y), drawObject(name), popGraphicsState());
    },
  };
}
