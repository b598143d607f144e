// The band below each page's content on final documents: QR code of the verification link at the
// right, the link and a footer line (e.g. the original's SHA-256) to its left.
import type { PDFPage } from 'pdf-lib';
import { CONTENT_WIDTH, FOOTER_Y, MARGIN_X, QR_BOX } from './layout';
import { drawQrCode } from './qr';
import { INK, MUTED, type Typesetter } from './typeset';

/** The band below each page's content: QR code at the right, link and SHA-256 to its left. */
export function drawVerificationBand(page: PDFPage, ts: Typesetter, verifyUrl: string, footer: string): void {
  drawQrCode(page, verifyUrl, QR_BOX.x, QR_BOX.y, QR_BOX.size);
  const width = CONTENT_WIDTH - QR_BOX.size - 12;
  const label = 'Pindai atau buka tautan untuk verifikasi / Scan or open the link to verify:';
  ts.draw(page, label, MARGIN_X, FOOTER_Y + 34, { size: ts.fitSize(label, width, { size: 7 }), color: MUTED });
  ts.draw(page, verifyUrl, MARGIN_X, FOOTER_Y + 22, { size: ts.fitSize(verifyUrl, width, { size: 8.5, style: 'bold' }), style: 'bold', color: INK });
  ts.draw(page, footer, MARGIN_X, FOOTER_Y, { size: ts.fitSize(footer, width, { size: 6.5 }), color: MUTED });
}
