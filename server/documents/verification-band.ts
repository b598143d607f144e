// The band below each page's content on final documents: QR code of the verification link at the
// right, the link and a footer line (e.g. the original's SHA-256) to its left.
import type { PDFDocument, PDFPage } from 'pdf-lib';
import { CONTENT_WIDTH, FOOTER_Y, MARGIN_X, QR_BOX } from './layout';
import { embedQrCode } from './qr';
import { INK, MUTED, type Typesetter } from './typeset';

/** Draws the band on every page of the document: QR code at the right, link and footer to its left. */
export function drawVerificationBands(doc: PDFDocument, ts: Typesetter, verifyUrl: string, footer: string): void {
  const qr = embedQrCode(doc, verifyUrl, QR_BOX.size);
  for (const page of doc.getPages()) {
    qr.drawOn(page, QR_BOX.x, QR_BOX.y);
    drawBandText(page, ts, verifyUrl, footer);
  }
}

function drawBandText(page: PDFPage, ts: Typesetter, verifyUrl: string, footer: string): void {
  const width = CONTENT_WIDTH - QR_BOX.size - 12;
  const label = 'Pindai atau buka tautan untuk verifikasi / Scan or open the link to verify:';
  ts.draw(page, label, MARGIN_X, FOOTER_Y + 34, { size: ts.fitSize(label, width, { size: 7 }), color: MUTED });
  ts.draw(page, verifyUrl, MARGIN_X, FOOTER_Y + 22, { size: ts.fitSize(verifyUrl, width, { size: 8.5, style: 'bold' }), style: 'bold', color: INK });
  ts.draw(page, footer, MARGIN_X, FOOTER_Y, { size: ts.fitSize(footer, width, { size: 6.5 }), color: MUTED });
}
