import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodeSignaturePng, rasterizeStrokes, signatureDataUrl } from '../../../client/room/signature-png';
import { appendPoint, flattenStroke, hasSignature, PAD_HEIGHT, PAD_WIDTH, strokeToPath, type Stroke } from '../../../client/room/signature-strokes';
import { MAX_SIGNATURE_PNG_BYTES } from '../../../shared/protocol/schemas';

const line: Stroke = [{ x: 100, y: 100 }, { x: 200, y: 100 }];
const wave: Stroke = Array.from({ length: 60 }, (_, i) => ({ x: 60 + i * 8, y: 110 + Math.sin(i / 4) * 40 }));

function decode(png: Uint8Array) {
  return PNG.sync.read(Buffer.from(png));
}

describe('signature strokes', () => {
  it('drops jitter and clamps points to the pad', () => {
    let s: Stroke = [];
    s = appendPoint(s, { x: 10, y: 10 });
    s = appendPoint(s, { x: 10.2, y: 10.1 });
    s = appendPoint(s, { x: -5, y: PAD_HEIGHT + 50 });
    expect(s).toEqual([{ x: 10, y: 10 }, { x: 0, y: PAD_HEIGHT }]);
  });

  it('smooths with quadratic curves through segment midpoints', () => {
    const path = strokeToPath([{ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 20, y: 0 }]);
    expect(path).toBe('M0.0 0.0Q10.0 10.0 15.0 5.0L20.0 0.0');
    const flat = flattenStroke([{ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 20, y: 0 }], 4);
    expect(flat[0]).toEqual({ x: 0, y: 0 });
    expect(flat.at(-1)).toEqual({ x: 20, y: 0 });
    // The curve stays inside the control polygon and never reaches the control point itself.
    expect(Math.max(...flat.map((p) => p.y))).toBeLessThan(10);
  });

  it('treats a tap as no signature', () => {
    expect(hasSignature([[{ x: 5, y: 5 }]])).toBe(false);
    expect(hasSignature([line])).toBe(true);
  });
});

describe('signature PNG', () => {
  it('crops to the ink and paints it opaque in the middle and transparent around', () => {
    const { width, height, alpha } = rasterizeStrokes([line], 2);
    // 100 units of line + 2×6 padding, at 2 px per unit.
    expect(width).toBe(224);
    expect(height).toBe(24);
    const at = (x: number, y: number) => alpha[y * width + x];
    expect(at(112, 12)).toBe(255);
    expect(at(112, 0)).toBe(0);
    expect(at(0, 12)).toBe(0);
  });

  it('encodes a valid RGBA PNG that decoders read back (CRC and zlib checked by pngjs)', async () => {
    const { png, width, height } = await encodeSignaturePng([wave, line], { ink: [16, 33, 74] });
    const image = decode(png);
    expect([image.width, image.height]).toEqual([width, height]);
    let inked = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      if (image.data[i + 3] === 255) {
        inked++;
        expect([image.data[i], image.data[i + 1], image.data[i + 2]]).toEqual([16, 33, 74]);
      }
    }
    expect(inked).toBeGreaterThan(500);
    expect(inked).toBeLessThan((width * height) / 2);
  });

  it('stays under the server limit even for a pad scribbled full', async () => {
    const scribble: Stroke[] = Array.from({ length: 12 }, (_, k) =>
      Array.from({ length: 80 }, (_, i) => ({ x: (i * 37 + k * 13) % PAD_WIDTH, y: (i * 53 + k * 29) % PAD_HEIGHT })),
    );
    const { png } = await encodeSignaturePng(scribble);
    expect(png.length).toBeLessThanOrEqual(MAX_SIGNATURE_PNG_BYTES);
    expect(decode(png).width).toBeGreaterThan(0);
  });

  it('produces the data URL the sign payload expects', async () => {
    const url = await signatureDataUrl([line]);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const bytes = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(decode(bytes).width).toBe(224);
  });
});
