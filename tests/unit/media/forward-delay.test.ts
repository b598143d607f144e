// The SFU's forwarding-delay histogram (server/media/forward-delay.ts): buckets, windows between
// two readings, and quantiles, on delays from a seeded source.
import { describe, expect, it } from 'vitest';
import {
  emptyForwardDelay,
  FORWARD_DELAY_BOUNDS_MS,
  ForwardDelayHistogram,
  forwardDelayQuantile,
  forwardDelaySince,
} from '../../../server/media/forward-delay';
import { createSeededRandom } from '../../../server/seed/seeded-random';

const read = (histogram: ForwardDelayHistogram) => {
  const counters = emptyForwardDelay();
  histogram.addTo(counters);
  return counters;
};

describe('forwarding delay histogram', () => {
  it('puts each delay in the bucket whose bound is the first at or above it', () => {
    const seed = Number(process.env.FORWARD_DELAY_SEED ?? Date.now() % 1_000_000);
    console.log(`forward-delay seed ${seed} (reproduce with FORWARD_DELAY_SEED=${seed})`);
    const random = createSeededRandom(seed);
    for (let i = 0; i < 500; i++) {
      const ms = 0.005 * 2 ** (random.next() * 16);
      const histogram = new ForwardDelayHistogram();
      histogram.record(ms);
      const k = read(histogram).buckets.findIndex((n) => n === 1);
      const bound = FORWARD_DELAY_BOUNDS_MS[k] ?? Number.POSITIVE_INFINITY;
      expect(ms, `delay ${ms}`).toBeLessThanOrEqual(bound * (1 + 1e-9));
      if (k > 0) expect(ms).toBeGreaterThan(FORWARD_DELAY_BOUNDS_MS[k - 1]! * (1 - 1e-9));
    }
  });

  it('gives a window\'s quantiles from two cumulative readings', () => {
    const histogram = new ForwardDelayHistogram();
    for (let i = 0; i < 1000; i++) histogram.record(0.05); // quiet: 50 µs each
    const before = read(histogram);
    for (let i = 0; i < 98; i++) histogram.record(0.2);
    histogram.record(3);
    histogram.record(500); // beyond the last bound: the overflow bucket
    const window = forwardDelaySince(read(histogram), before);
    expect(window.count).toBe(100);
    expect(window.sumMs).toBeCloseTo(98 * 0.2 + 3 + 500, 6);
    const p50 = forwardDelayQuantile(window, 0.5);
    expect(p50).toBeGreaterThanOrEqual(0.2);
    expect(p50).toBeLessThan(0.2 * 1.19);
    expect(forwardDelayQuantile(window, 0.99)).toBeGreaterThanOrEqual(3);
    expect(forwardDelayQuantile(window, 0.99)).toBeLessThan(3 * 1.19);
    expect(forwardDelayQuantile(window, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(forwardDelayQuantile(forwardDelaySince(before, before), 0.5)).toBeNaN();
  });
});
