// Writes RGBA pixels as a minimal PNG: IHDR (8-bit RGBA, no interlace), one IDAT, IEND. This is
// the only PNG Saksi stores for a drawn signature and hands to pdf-lib, so its shape is known.
import { constants, crc32, deflateSync } from 'node:zlib';
import type { RgbaImage } from './png-decode';

const MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)) >>> 0, 8 + data.length);
  return out;
}

export function encodeRgbaPng({ width, height, rgba }: RgbaImage): Uint8Array {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  // Filter "none" on every row: ink on transparency compresses well either way, and each row
  // is one memory copy.
  const stride = width * 4;
  const filtered = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) filtered.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1);
  // Run-length deflate at level 1: a quarter of level 6's time (0.16 against 0.6 ms for a 240 × 80
  // drawing, on the signature worker for every drawn signature of a burst) for ~1.2 KB instead of
  // ~0.8 KB; ink on transparency is long runs of equal bytes.
  const idat = deflateSync(filtered, { level: 1, strategy: constants.Z_RLE });
  const png = Buffer.concat([MAGIC, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
