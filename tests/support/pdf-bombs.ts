// Hostile uploads for the verification tests and benches, built in memory: a small PDF whose
// object stream inflates to about a gigabyte, and junk that only starts like a PDF.
import { randomBytes } from 'node:crypto';
import { constants, deflateRawSync } from 'node:zlib';

const PIECE_BYTES = 16 * 1024 * 1024;

/**
 * A zlib stream of `inflatedBytes` zero bytes (a multiple of 16 MiB), built without ever holding
 * them: one 16 MiB piece is compressed with a full flush (byte-aligned, dictionary reset), so the
 * same compressed bytes can be repeated; an empty final block and the Adler-32 close it.
 */
export function zeroBomb(inflatedBytes: number): Buffer {
  const pieces = Math.max(1, Math.round(inflatedBytes / PIECE_BYTES));
  const piece = deflateRawSync(Buffer.alloc(PIECE_BYTES), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const total = pieces * PIECE_BYTES;
  // Adler-32 of n zero bytes: a stays 1, b is n (mod 65521).
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: pieces }, () => piece), Buffer.from([0x03, 0x00]), adler]);
}

/** A PDF with one object stream that inflates to `inflatedBytes` (default 1 GiB). */
export function objectStreamBombPdf(inflatedBytes = 1024 * 1024 * 1024): Buffer {
  const stream = zeroBomb(inflatedBytes);
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (chunk: string | Buffer) => {
    const b = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    parts.push(b);
    length += b.length;
  };
  const object = (n: number, body: string | Buffer[]) => {
    offsets[n] = length;
    if (typeof body === 'string') push(`${n} 0 obj\n${body}\nendobj\n`);
    else {
      push(`${n} 0 obj\n`);
      body.forEach(push);
      push('\nendobj\n');
    }
  };
  push('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
  object(1, '<< /Type /Catalog /Pages 2 0 R >>');
  object(2, '<< /Type /Pages /Kids [] /Count 0 >>');
  object(3, [Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${stream.length} >>\nstream\n`, 'latin1'), stream, Buffer.from('\nendstream', 'latin1')]);
  const xref = length;
  push(`xref\n0 4\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
  push(`trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** `bytes` of junk behind a PDF header: what a careless or hostile uploader sends. */
export function junkPdf(bytes: number, seed = 1): Buffer {
  // Mostly one repeated letter (the slowest case for a forgiving parser), with random islands.
  const body = Buffer.alloc(bytes, 'A');
  const noise = randomBytes(4096);
  for (let at = seed * 7919; at < bytes - noise.length; at += 1024 * 1024) noise.copy(body, at);
  return Buffer.concat([Buffer.from('%PDF-1.7\n', 'latin1'), body]);
}
