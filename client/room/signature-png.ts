// Turns strokes into a transparent PNG data URL without a canvas: the same bytes in every
// browser and in tests, independent of device pixel ratio, and cropped to the ink so the
// stamped PDF gets a tight image well under the server's size limit.
import { MAX_SIGNATURE_PNG_BYTES } from '../../shared/protocol/limits';
import { flattenStroke, INK_WIDTH, strokesBounds, type Stroke } from './signature-strokes';

export interface RasterOptions {
  /** Pixels per pad unit. */
  scale?: number;
  /** Ink colour as [r, g, b]. */
  ink?: [number, number, number];
}

export interface SignatureImage {
  width: number;
  height: number;
  png: Uint8Array;
}

const PADDING = 6;

/** Alpha coverage of the strokes, cropped to their bounds plus padding. */
export function rasterizeStrokes(strokes: Stroke[], scale: number): { width: number; height: number; alpha: Uint8Array } {
  const b = strokesBounds(strokes);
  if (!b) throw new Error('rasterizeStrokes: no ink');
  const ox = b.minX - PADDING;
  const oy = b.minY - PADDING;
  const width = Math.ceil((b.maxX - b.minX + 2 * PADDING) * scale);
  const height = Math.ceil((b.maxY - b.minY + 2 * PADDING) * scale);
  const alpha = new Uint8Array(width * height);
  const r = (INK_WIDTH / 2) * scale;
  for (const stroke of strokes) {
    const pts = flattenStroke(stroke).map((p) => ({ x: (p.x - ox) * scale, y: (p.y - oy) * scale }));
    if (pts.length === 1) pts.push(pts[0]);
    for (let i = 1; i < pts.length; i++) {
      // Long segments are cut into short pieces so each piece's bounding box hugs the ink.
      const a = pts[i - 1];
      const b = pts[i];
      const pieces = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / (2 * r + 2)));
      for (let k = 0; k < pieces; k++) {
        const t0 = k / pieces;
        const t1 = (k + 1) / pieces;
        paintSegment(alpha, width, height, { x: a.x + (b.x - a.x) * t0, y: a.y + (b.y - a.y) * t0 }, { x: a.x + (b.x - a.x) * t1, y: a.y + (b.y - a.y) * t1 }, r);
      }
    }
  }
  return { width, height, alpha };
}

/** Anti-aliased round-capped segment: coverage falls off over one pixel at the edge. */
function paintSegment(alpha: Uint8Array, width: number, height: number, a: { x: number; y: number }, b: { x: number; y: number }, r: number): void {
  const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - r - 1));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + r + 1));
  const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - r - 1));
  const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + r + 1));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a.x) * dx + (py - a.y) * dy) / len2));
      const d = Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
      const coverage = Math.max(0, Math.min(1, r + 0.5 - d));
      const value = Math.round(coverage * 255);
      const i = y * width + x;
      if (value > alpha[i]) alpha[i] = value;
    }
  }
}

export async function encodeSignaturePng(strokes: Stroke[], options: RasterOptions = {}): Promise<SignatureImage> {
  const ink = options.ink ?? [16, 33, 74];
  let scale = options.scale ?? 2;
  for (;;) {
    const { width, height, alpha } = rasterizeStrokes(strokes, scale);
    const png = await encodePng(width, height, alpha, ink);
    if (png.length <= MAX_SIGNATURE_PNG_BYTES || scale <= 0.5) return { width, height, png };
    scale /= 2;
  }
}

export async function signatureDataUrl(strokes: Stroke[], options?: RasterOptions): Promise<string> {
  const { png } = await encodeSignaturePng(strokes, options);
  return `data:image/png;base64,${toBase64(png)}`;
}

// ---- Minimal PNG writer: RGBA, 8 bit, no interlace; zlib via the platform's CompressionStream ----

async function encodePng(width: number, height: number, alpha: Uint8Array, ink: [number, number, number]): Promise<Uint8Array> {
  const stride = width * 4 + 1;
  const raw = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    raw[y * stride] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const o = y * stride + 1 + x * 4;
      const a = alpha[y * width + x];
      if (a === 0) continue;
      raw[o] = ink[0];
      raw[o + 1] = ink[1];
      raw[o + 2] = ink[2];
      raw[o + 3] = a;
    }
  }
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const idat = await deflate(raw);
  return concat([
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** CompressionStream('deflate') is the zlib format, which is exactly what IDAT holds. */
async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  void writer.write(data as Uint8Array<ArrayBuffer>);
  void writer.close();
  const reader = stream.readable.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  return concat(parts);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc ^= bytes[i];
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
