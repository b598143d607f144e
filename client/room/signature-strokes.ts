// A drawn signature as strokes of points in pad units (the pad's viewBox), independent of the
// screen's size and pixel density so the same strokes look the same on a tablet and a PC.
export interface StrokePoint {
  x: number;
  y: number;
}
export type Stroke = StrokePoint[];

export const PAD_WIDTH = 600;
export const PAD_HEIGHT = 220;
export const INK_WIDTH = 3.2;

/** Drops points closer than `minDistance` to the previous one: jitter, not information. */
export function appendPoint(stroke: Stroke, point: StrokePoint, minDistance = 0.8): Stroke {
  const last = stroke[stroke.length - 1];
  if (last && Math.hypot(point.x - last.x, point.y - last.y) < minDistance) return stroke;
  return [...stroke, { x: clamp(point.x, 0, PAD_WIDTH), y: clamp(point.y, 0, PAD_HEIGHT) }];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * SVG path through the stroke, smoothed with quadratic curves between segment midpoints
 * (each recorded point becomes a control point), which removes the polygon look of fast strokes.
 */
export function strokeToPath(stroke: Stroke): string {
  if (stroke.length === 0) return '';
  const f = (n: number) => n.toFixed(1);
  const [first] = stroke;
  if (stroke.length === 1) return `M${f(first.x)} ${f(first.y)}l0.01 0`;
  if (stroke.length === 2) return `M${f(first.x)} ${f(first.y)}L${f(stroke[1].x)} ${f(stroke[1].y)}`;
  let d = `M${f(first.x)} ${f(first.y)}`;
  for (let i = 1; i < stroke.length - 1; i++) {
    const c = stroke[i];
    const n = stroke[i + 1];
    d += `Q${f(c.x)} ${f(c.y)} ${f((c.x + n.x) / 2)} ${f((c.y + n.y) / 2)}`;
  }
  const last = stroke[stroke.length - 1];
  return `${d}L${f(last.x)} ${f(last.y)}`;
}

/** The same curve as strokeToPath, flattened to a polyline for rasterizing. */
export function flattenStroke(stroke: Stroke, stepsPerCurve = 6): StrokePoint[] {
  if (stroke.length < 3) return stroke.slice();
  const out: StrokePoint[] = [stroke[0]];
  let start = stroke[0];
  for (let i = 1; i < stroke.length - 1; i++) {
    const c = stroke[i];
    const n = stroke[i + 1];
    const end = { x: (c.x + n.x) / 2, y: (c.y + n.y) / 2 };
    for (let s = 1; s <= stepsPerCurve; s++) {
      const t = s / stepsPerCurve;
      const u = 1 - t;
      out.push({ x: u * u * start.x + 2 * u * t * c.x + t * t * end.x, y: u * u * start.y + 2 * u * t * c.y + t * t * end.y });
    }
    start = end;
  }
  out.push(stroke[stroke.length - 1]);
  return out;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function strokesBounds(strokes: Stroke[]): Bounds | undefined {
  let b: Bounds | undefined;
  for (const stroke of strokes) {
    for (const p of stroke) {
      b = b
        ? { minX: Math.min(b.minX, p.x), minY: Math.min(b.minY, p.y), maxX: Math.max(b.maxX, p.x), maxY: Math.max(b.maxY, p.y) }
        : { minX: p.x, minY: p.y, maxX: p.x, maxY: p.y };
    }
  }
  return b;
}

/** A single accidental tap is not a signature. */
export function hasSignature(strokes: Stroke[]): boolean {
  const b = strokesBounds(strokes);
  return !!b && Math.max(b.maxX - b.minX, b.maxY - b.minY) >= 12;
}
