// QR codes drawn as vector rectangles: crisp at any zoom or print size, and no image to embed.
import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

const QUIET_ZONE_MODULES = 2;

/** Draws a QR code of `text` in a square of `size` points whose bottom-left corner is (x, y). */
export function drawQrCode(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const cell = size / (count + 2 * QUIET_ZONE_MODULES);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  const black = rgb(0, 0, 0);
  for (let row = 0; row < count; row++) {
    // PDF y grows upwards while QR rows grow downwards.
    const top = y + size - (row + QUIET_ZONE_MODULES) * cell;
    let col = 0;
    while (col < count) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.get(row, col)) col++;
      // Runs of dark modules become one rectangle; a hair of overlap avoids seams between rows.
      page.drawRectangle({ x: x + (start + QUIET_ZONE_MODULES) * cell, y: top - cell - 0.05, width: (col - start) * cell, height: cell + 0.1, color: black });
    }
  }
}
