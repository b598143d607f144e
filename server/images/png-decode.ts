// A strict PNG decoder for untrusted images (drawn signatures). It is deliberately small and
// unforgiving: every chunk's CRC is checked; IHDR comes first and its dimensions are checked
// before a single byte is inflated; the inflated size must be exactly what IHDR promises (zlib is
// told the cap, so a compressed bomb stops at it); every row's filter type must be 0–4; unknown
// critical chunks, animation (APNG) and interlacing are refused; and the work is bounded by a
// deadline. The result is plain RGBA pixels, which the caller re-encodes (png-encode.ts) so that
// nothing of the sender's file but its pixels is ever stored or handed to a PDF library.
import { crc32, inflateSync } from 'node:zlib';

export interface PngLimits {
  maxWidth: number;
  maxHeight: number;
  maxPixels: number;
  /** Wall-clock budget for the whole decode, checked between rows and stages. */
  deadlineMs: number;
}

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, 8 bits per channel, not premultiplied. */
  rgba: Uint8Array;
}

/** Why an image was refused, in English for logs and the ack's details. */
export class PngError extends Error {
  override readonly name = 'PngError';
}

const MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Allowed bit depths per colour type (PNG spec, table 11.1). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ANIMATION_CHUNKS = new Set(['acTL', 'fcTL', 'fdAT']);

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
}

export function decodePng(bytes: Uint8Array, limits: PngLimits): RgbaImage {
  const started = performance.now();
  const checkDeadline = () => {
    if (performance.now() - started > limits.deadlineMs) throw new PngError(`decoding took longer than ${limits.deadlineMs} ms`);
  };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || MAGIC.some((b, i) => buf[i] !== b)) throw new PngError('not a PNG file (bad signature)');

  let header: Header | undefined;
  let palette: Buffer | undefined;
  let transparency: Buffer | undefined;
  const idat: Buffer[] = [];
  let idatEnded = false;
  let ended = false;
  let offset = 8;
  while (offset < buf.length) {
    if (ended) throw new PngError('data after IEND');
    if (offset + 12 > buf.length) throw new PngError('truncated chunk header');
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError('malformed chunk type');
    if (length > 0x7fffffff || offset + 12 + length > buf.length) throw new PngError(`truncated ${type} chunk`);
    const data = buf.subarray(offset + 8, offset + 8 + length);
    const crc = buf.readUInt32BE(offset + 8 + length);
    if ((crc32(buf.subarray(offset + 4, offset + 8 + length)) >>> 0) !== crc) throw new PngError(`bad CRC in ${type} chunk`);
    offset += 12 + length;

    if (!header && type !== 'IHDR') throw new PngError('IHDR is not the first chunk');
    if (type !== 'IDAT' && idat.length > 0) idatEnded = true;
    switch (type) {
      case 'IHDR':
        if (header) throw new PngError('more than one IHDR');
        header = readHeader(data, limits);
        break;
      case 'PLTE':
        if (palette || idat.length) throw new PngError('misplaced PLTE');
        if (length === 0 || length % 3 !== 0 || length / 3 > 256) throw new PngError('malformed PLTE');
        if (header!.colorType === 0 || header!.colorType === 4) throw new PngError('PLTE in a grey-scale image');
        palette = data;
        break;
      case 'tRNS':
        if (transparency || idat.length) throw new PngError('misplaced tRNS');
        transparency = data;
        break;
      case 'IDAT':
        if (idatEnded) throw new PngError('IDAT chunks are not consecutive');
        idat.push(data);
        break;
      case 'IEND':
        if (length !== 0) throw new PngError('IEND with data');
        ended = true;
        break;
      default:
        if (ANIMATION_CHUNKS.has(type)) throw new PngError('animated PNG (APNG) is not accepted');
        // Bit 5 of the first letter clear (upper case) marks a chunk a decoder must understand.
        if ((type.charCodeAt(0) & 0x20) === 0) throw new PngError(`unknown critical chunk ${type}`);
      // Ancillary chunks (text, gamma, colour profiles…) are skipped: only pixels are kept.
    }
  }
  if (!header) throw new PngError('no IHDR');
  if (!ended) throw new PngError('no IEND (truncated file)');
  if (idat.length === 0) throw new PngError('no image data');
  if (header.colorType === 3 && !palette) throw new PngError('palette image without PLTE');

  const { width, height, depth, colorType } = header;
  const bitsPerPixel = CHANNELS[colorType] * depth;
  const stride = Math.ceil((width * bitsPerPixel) / 8);
  const expected = (stride + 1) * height;
  let raw: Buffer;
  try {
    // The cap makes zlib stop at the promised size: a bomb costs at most `expected` bytes.
    raw = inflateSync(Buffer.concat(idat), { maxOutputLength: expected });
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new PngError(code === 'ERR_BUFFER_TOO_LARGE' ? 'image data inflates beyond its dimensions' : `image data does not inflate (${(error as Error).message})`);
  }
  if (raw.length !== expected) throw new PngError(`image data is ${raw.length} bytes, expected ${expected}`);
  checkDeadline();

  const pixels = unfilter(raw, height, stride, Math.max(1, bitsPerPixel >> 3), checkDeadline);
  checkDeadline();
  return { width, height, rgba: toRgba(pixels, header, stride, palette, transparency) };
}

function readHeader(data: Buffer, limits: PngLimits): Header {
  if (data.length !== 13) throw new PngError('malformed IHDR');
  const width = data.readUInt32BE(0);
  const height = data.readUInt32BE(4);
  const [depth, colorType, compression, filter, interlace] = [data[8], data[9], data[10], data[11], data[12]];
  if (width < 1 || height < 1) throw new PngError('empty image');
  if (width > limits.maxWidth || height > limits.maxHeight || width * height > limits.maxPixels) {
    throw new PngError(`image of ${width}×${height} exceeds ${limits.maxWidth}×${limits.maxHeight} (${limits.maxPixels} pixels)`);
  }
  if (!DEPTHS[colorType]?.includes(depth)) throw new PngError(`bit depth ${depth} with colour type ${colorType}`);
  if (compression !== 0 || filter !== 0) throw new PngError('unknown compression or filter method');
  if (interlace !== 0) throw new PngError(interlace === 1 ? 'interlaced PNG is not accepted' : 'unknown interlace method');
  return { width, height, depth, colorType };
}

/** Reverses the per-row filters in place; returns the rows without their filter bytes. */
function unfilter(raw: Buffer, height: number, stride: number, bpp: number, checkDeadline: () => void): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    switch (filter) {
      case 0:
        out.set(raw.subarray(src, src + stride), row);
        break;
      case 1:
        for (let x = 0; x < stride; x++) out[row + x] = (raw[src + x] + (x >= bpp ? out[row + x - bpp] : 0)) & 0xff;
        break;
      case 2:
        for (let x = 0; x < stride; x++) out[row + x] = (raw[src + x] + (y > 0 ? out[prev + x] : 0)) & 0xff;
        break;
      case 3:
        for (let x = 0; x < stride; x++) {
          const left = x >= bpp ? out[row + x - bpp] : 0;
          const up = y > 0 ? out[prev + x] : 0;
          out[row + x] = (raw[src + x] + ((left + up) >> 1)) & 0xff;
        }
        break;
      case 4:
        for (let x = 0; x < stride; x++) {
          const a = x >= bpp ? out[row + x - bpp] : 0;
          const b = y > 0 ? out[prev + x] : 0;
          const c = x >= bpp && y > 0 ? out[prev + x - bpp] : 0;
          const pa = b > c ? b - c : c - b;
          const pb = a > c ? a - c : c - a;
          const pc = a + b > 2 * c ? a + b - 2 * c : 2 * c - a - b;
          out[row + x] = (raw[src + x] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
        }
        break;
      default:
        throw new PngError(`row ${y} has filter type ${filter}`);
    }
    if ((y & 63) === 63) checkDeadline();
  }
  return out;
}

function toRgba(pixels: Uint8Array, header: Header, stride: number, palette?: Buffer, trns?: Buffer): Uint8Array {
  const { width, height, depth, colorType } = header;
  if (trns && (colorType === 4 || colorType === 6)) throw new PngError('tRNS in an image with alpha');
  if (trns && colorType === 0 && trns.length !== 2) throw new PngError('malformed tRNS');
  if (trns && colorType === 2 && trns.length !== 6) throw new PngError('malformed tRNS');
  if (trns && colorType === 3 && trns.length > palette!.length / 3) throw new PngError('tRNS longer than PLTE');
  // What the room's signing pad sends (8-bit RGBA) is already the answer.
  if (colorType === 6 && depth === 8) return pixels;

  const channels = CHANNELS[colorType];
  const max = (1 << depth) - 1;
  /** Channel c of pixel x in row y at the sample's own precision (1–16 bits). */
  const raw = (y: number, x: number, c: number): number => {
    const at = y * stride;
    if (depth === 8) return pixels[at + x * channels + c];
    if (depth === 16) return (pixels[at + (x * channels + c) * 2] << 8) | pixels[at + (x * channels + c) * 2 + 1];
    const bit = x * depth;
    return (pixels[at + (bit >> 3)] >> (8 - depth - (bit & 7))) & max;
  };
  /** The same sample scaled to 8 bits (16-bit samples keep their high byte). */
  const byte = (y: number, x: number, c: number): number =>
    depth === 8 ? raw(y, x, c) : depth === 16 ? raw(y, x, c) >> 8 : Math.round((raw(y, x, c) * 255) / max);
  const key = trns && colorType !== 3 ? Array.from({ length: trns.length / 2 }, (_, i) => trns.readUInt16BE(i * 2)) : undefined;

  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      if (colorType === 3) {
        const i = raw(y, x, 0);
        if (i * 3 + 2 >= palette!.length) throw new PngError(`palette index ${i} out of range`);
        rgba[o] = palette![i * 3];
        rgba[o + 1] = palette![i * 3 + 1];
        rgba[o + 2] = palette![i * 3 + 2];
        rgba[o + 3] = trns && i < trns.length ? trns[i] : 255;
      } else if (colorType === 0 || colorType === 4) {
        rgba[o] = rgba[o + 1] = rgba[o + 2] = byte(y, x, 0);
        rgba[o + 3] = colorType === 4 ? byte(y, x, 1) : key && raw(y, x, 0) === key[0] ? 0 : 255;
      } else {
        rgba[o] = byte(y, x, 0);
        rgba[o + 1] = byte(y, x, 1);
        rgba[o + 2] = byte(y, x, 2);
        rgba[o + 3] = colorType === 6 ? byte(y, x, 3) : key && raw(y, x, 0) === key[0] && raw(y, x, 1) === key[1] && raw(y, x, 2) === key[2] ? 0 : 255;
      }
    }
  }
  return rgba;
}
