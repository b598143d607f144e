// QR codes drawn as vector rectangles: crisp at any zoom or print size. The code is built once per
// document as a form XObject and placed on every page, so its few hundred rectangles are stored
// (and compressed) once instead of once per page.
import QRCode from 'qrcode';
import {
  concatTransformationMatrix, drawObject, fill, popGraphicsState, pushGraphicsState, rectangle, setFillingRgbColor,
  type PDFDocument, type PDFOperator, type PDFPage,
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
  const ops: PDFOperator[] = [setFillingRgbColor(1, 1, 1), rectangle(0, 0, size, size), fill(), setFillingRgbColor(0, 0, 0)];
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
      ops.push(rectangle((start + QUIET_ZONE_MODULES) * cell, top - cell - 0.05, (col - start) * cell, cell + 0.1));
    }
  }
  ops.push(fill());
  const ref = doc.context.register(doc.context.formXObject(ops, { BBox: [0, 0, size, size] }));
  return {
    drawOn(page, x, y) {
      const name = page.node.newXObject('QR', ref);
      page.pushOperators(pushGraphicsState(), concatTransformationMatrix(1, 0, 0, 1, x, y), drawObject(name), popGraphicsState());
    },
  };
}
