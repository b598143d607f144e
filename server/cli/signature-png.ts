// A small PNG signature drawn in code (node:zlib only), used by the rehearsal and the tests so
// drawn signatures travel the same path as a browser's canvas export.
import { crc32, deflateSync } from 'node:zlib';

/** One PNG chunk: length, type, data and CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** Grey-scale PNG with a wavy stroke whose shape depends on `seed`. */
export function signaturePng(seed = 1, width = 240, height = 80): Buffer {
  const rows: Buffer[] = [];
  const ink = (x: number, y: number) => {
    const cy = height / 2 + Math.sin((x + seed * 13) / (9 + (seed % 5))) * (height / 4) * Math.cos(x / 37 + seed);
    return Math.abs(y - cy) < 2.2 && x > 12 && x < width - 12;
  };
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(width + 1);
    row[0] = 0; // filter: none
    for (let x = 0; x < width; x++) row[x + 1] = ink(x, y) ? 20 : 255;
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export function signaturePngDataUrl(seed = 1): string {
  return `data:image/png;base64,${signaturePng(seed).toString('base64')}`;
}
