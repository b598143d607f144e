// Statistics of bench/stage-jitter.ts: a run is a sequence of alternating windows, quiet and burst
// (Q0 B1 Q1 B2 Q2 … Bk Qk), each summed up to one value per measure. A burst is compared with the
// two quiet windows beside it (their mean), so a slow drift of the machine's load over the minutes
// of a run cancels out; the same comparison of each inner quiet window with its two quiet
// neighbours is the method's own noise floor (no burst in it: what it reads is noise). Bursts of
// several runs are pooled; the mean change gets a seeded bootstrap 95 % interval over the bursts.
import { createSeededRandom } from '../server/seed/seeded-random';

/** Fixed, so that the printed interval is the same for the same windows; printed with the table. */
export const BOOTSTRAP_SEED = 20261130;
const RESAMPLES = 4000;

/** Change of each burst against the mean of its two neighbouring quiet windows, in percent. */
export function burstChanges(quiet: readonly number[], burst: readonly number[]): number[] {
  if (quiet.length !== burst.length + 1) throw new Error(`${burst.length} bursts need ${burst.length + 1} quiet windows around them (got ${quiet.length})`);
  return burst.map((b, k) => percentChange(b, (quiet[k]! + quiet[k + 1]!) / 2));
}

/** The same comparison with no burst: each inner quiet window against the mean of its neighbours. */
export function quietChanges(quiet: readonly number[]): number[] {
  return quiet.slice(1, -1).map((q, i) => percentChange(q, (quiet[i]! + quiet[i + 2]!) / 2));
}

function percentChange(value: number, against: number): number {
  return (value / against - 1) * 100;
}

export interface ChangeSummary {
  n: number;
  mean: number;
  median: number;
  /** Seeded percentile-bootstrap 95 % interval of the mean. */
  low: number;
  high: number;
}

/** NaN entries (a measure a window could not read) are left out. */
export function summarize(changes: readonly number[], seed = BOOTSTRAP_SEED): ChangeSummary {
  const xs = changes.filter((x) => Number.isFinite(x));
  if (xs.length === 0) return { n: 0, mean: Number.NaN, median: Number.NaN, low: Number.NaN, high: Number.NaN };
  const random = createSeededRandom(seed);
  const means: number[] = [];
  for (let r = 0; r < RESAMPLES; r++) {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) sum += xs[random.int(0, xs.length - 1)]!;
    means.push(sum / xs.length);
  }
  means.sort((a, b) => a - b);
  return {
    n: xs.length,
    mean: mean(xs),
    median: median(xs),
    low: means[Math.floor(0.025 * (RESAMPLES - 1))]!,
    high: means[Math.ceil(0.975 * (RESAMPLES - 1))]!,
  };
}

/**
 * Must-hold 5 reads "changes by less than 5 %": shown only when the whole interval lies inside
 * ±5 %; a rise when it lies wholly above +5 %; otherwise the windows cannot tell.
 */
export function verdict(s: ChangeSummary, limit = 5): 'holds' | 'rises' | 'falls' | 'not shown' {
  if (!(s.n > 0)) return 'not shown';
  if (s.low > -limit && s.high < limit) return 'holds';
  if (s.low >= limit) return 'rises';
  if (s.high <= -limit) return 'falls';
  return 'not shown';
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
