// A cheap pre-flight for untrusted PDFs: inflate every Flate stream with node:zlib, capped, before
// pdf-lib (whose JavaScript inflater has no limit) parses the file. A 1 MB file whose object
// stream inflates to a gigabyte is stopped after `budgetBytes` of output, in milliseconds.
import { inflateSync } from 'node:zlib';

export class InflateBudgetExceeded extends Error {
  override readonly name = 'InflateBudgetExceeded';
}

/** Total inflated bytes of the file's zlib streams, throwing once it passes `budgetBytes`. */
export function checkInflateBudget(bytes: Uint8Array, budgetBytes: number): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = buf.indexOf('stream', 0, 'latin1');
  while (at >= 0) {
    // The keyword is followed by CRLF or LF, then the data, up to the next "endstream".
    let start = at + 6;
    if (buf[start] === 0x0d) start += 1;
    if (buf[start] !== 0x0a || buf.toString('latin1', at - 3, at) === 'end') {
      at = buf.indexOf('stream', at + 6, 'latin1');
      continue;
    }
    start += 1;
    const end = buf.indexOf('endstream', start, 'latin1');
    if (end < 0) break;
    // Only what starts like a zlib stream (deflate, 32K window or less, valid check bits).
    const cmf = buf[start];
    const flg = buf[start + 1];
    if ((cmf & 0x0f) === 8 && cmf >> 4 <= 7 && ((cmf << 8) | flg) % 31 === 0) {
      try {
        total += inflateSync(buf.subarray(start, end), { maxOutputLength: budgetBytes - total + 1, finishFlush: 2 /* Z_SYNC_FLUSH: truncated streams count too */ }).length;
      } catch (error) {
        if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new InflateBudgetExceeded(`streams inflate beyond ${budgetBytes} bytes`);
        // A corrupt stream is the parser's problem, not a bomb.
      }
      if (total > budgetBytes) throw new InflateBudgetExceeded(`streams inflate beyond ${budgetBytes} bytes`);
    }
    at = buf.indexOf('stream', end + 9, 'latin1');
  }
  return total;
}
