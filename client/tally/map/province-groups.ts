// The tally's provinces grouped onto the map's shapes, with the shading level of each shape.
import type { ProvinceTally } from '../../../shared/domain/types';
import { matchProvince } from './province-names';

export interface ShapeTally {
  iso: string;
  provinces: Array<ProvinceTally & { drawnInside: boolean }>;
  agreementsTotal: number;
  agreementsSigned: number;
  valueTotalIdr: number;
  valueSignedIdr: number;
}

export interface GroupedProvinces {
  byShape: Map<string, ShapeTally>;
  /** Roster provinces whose name matches no shape: still listed, never dropped. */
  unmatched: ProvinceTally[];
}

export function groupByShape(provinces: readonly ProvinceTally[]): GroupedProvinces {
  const byShape = new Map<string, ShapeTally>();
  const unmatched: ProvinceTally[] = [];
  for (const p of provinces) {
    const match = matchProvince(p.province);
    if (!match) {
      unmatched.push(p);
      continue;
    }
    const shape = byShape.get(match.iso) ?? { iso: match.iso, provinces: [], agreementsTotal: 0, agreementsSigned: 0, valueTotalIdr: 0, valueSignedIdr: 0 };
    shape.provinces.push({ ...p, drawnInside: match.drawnInside });
    shape.agreementsTotal += p.agreementsTotal;
    shape.agreementsSigned += p.agreementsSigned;
    shape.valueTotalIdr += p.valueTotalIdr;
    shape.valueSignedIdr += p.valueSignedIdr;
    byShape.set(match.iso, shape);
  }
  return { byShape, unmatched };
}

/** Four classes of value signed; the top bound is a round number at or above the largest total. */
export const LEVELS = 4;

/** 1, 2, 2.5 or 5 times a power of ten, at least `value`: legend bounds a reader can quote. */
export function niceCeil(value: number): number {
  if (value <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Upper bounds of the classes, from the largest value a shape could reach (its total). */
export function levelBounds(shapes: Iterable<ShapeTally>): number[] {
  const maxTotal = Math.max(0, ...[...shapes].map((s) => s.valueTotalIdr));
  const step = niceCeil(maxTotal / LEVELS);
  return Array.from({ length: LEVELS }, (_, i) => step * (i + 1));
}

/** -1: no agreements there; 0: none signed yet; 1..LEVELS: the class of the value signed. */
export function shadeLevel(shape: ShapeTally | undefined, bounds: number[]): number {
  if (!shape || shape.agreementsTotal === 0) return -1;
  if (shape.valueSignedIdr <= 0 && shape.agreementsSigned === 0) return 0;
  const i = bounds.findIndex((b) => shape.valueSignedIdr <= b);
  return i === -1 ? LEVELS : i + 1;
}
