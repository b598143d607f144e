// Agreement values for the demo: a realistic spread (most between Rp1 and Rp25 miliar, a few
// larger), every value a round multiple of Rp50 juta, and an exact total. Integer arithmetic
// in units keeps the result identical everywhere.
import type { SeededRandom } from './seeded-random';

export const VALUE_UNIT_IDR = 50_000_000;
/** Values from Rp5 miliar up are rounded to Rp250 juta, as such contracts usually are. */
const COARSE_FROM_UNITS = 100;
const COARSE_STEP_UNITS = 5;
const MIN_UNITS = 10;

const TIERS = [
  { upTo: 0.3, min: 10, max: 60 }, // Rp500 juta – Rp3 miliar
  { upTo: 0.7, min: 60, max: 200 }, // Rp3 – 10 miliar
  { upTo: 0.93, min: 200, max: 500 }, // Rp10 – 25 miliar
  { upTo: 1, min: 500, max: 1200 }, // Rp25 – 60 miliar
] as const;

function roundUnits(units: number): number {
  if (units < COARSE_FROM_UNITS) return Math.max(MIN_UNITS, Math.round(units));
  return Math.round(units / COARSE_STEP_UNITS) * COARSE_STEP_UNITS;
}

/** `count` integer rupiah values adding up to exactly `totalIdr` (a multiple of Rp250 juta). */
export function allocateValues(count: number, totalIdr: number, random: SeededRandom): number[] {
  const totalUnits = totalIdr / VALUE_UNIT_IDR;
  if (!Number.isSafeInteger(totalUnits) || totalUnits < count * MIN_UNITS) {
    throw new RangeError(`cannot split ${totalIdr} into ${count} values`);
  }
  const raw = Array.from({ length: count }, () => {
    const u = random.next();
    const tier = TIERS.find((t) => u < t.upTo) ?? TIERS[TIERS.length - 1];
    return random.int(tier.min, tier.max);
  });
  const rawSum = raw.reduce((sum, v) => sum + v, 0);
  const units = raw.map((v) => roundUnits((v * totalUnits) / rawSum));

  // Rounding leaves a small difference; settle it on the largest values, a round step at a time.
  let difference = totalUnits - units.reduce((sum, v) => sum + v, 0);
  const byValue = units.map((_, i) => i).sort((a, b) => units[b] - units[a] || a - b);
  for (let k = 0; difference !== 0; k = (k + 1) % byValue.length) {
    const i = byValue[k];
    const step = units[i] >= COARSE_FROM_UNITS && Math.abs(difference) >= COARSE_STEP_UNITS ? COARSE_STEP_UNITS : 1;
    const change = Math.sign(difference) * step;
    if (units[i] + change < MIN_UNITS) continue;
    units[i] += change;
    difference -= change;
  }
  return units.map((u) => u * VALUE_UNIT_IDR);
}
