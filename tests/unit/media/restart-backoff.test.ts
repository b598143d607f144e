// The SFU worker's restart back-off (server/media/restart-backoff.ts), seeded: quick deaths in a
// row wait longer, within [step/2, step] and never above the cap; a healthy run resets it.
import { describe, expect, it } from 'vitest';
import { RestartBackoff, restartDelayMs } from '../../../server/media/restart-backoff';
import { createSeededRandom } from '../../../server/seed/seeded-random';

const seed = Number(process.env.BACKOFF_SEED ?? Date.now() % 1_000_000);

describe('restart back-off', () => {
  it('grows exponentially, stays within the jitter band and the cap', () => {
    console.log(`restart back-off seed ${seed} (reproduce with BACKOFF_SEED=${seed})`);
    const random = createSeededRandom(seed);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      const step = Math.min(30_000, 500 * 2 ** (attempt - 1));
      const delay = restartDelayMs(attempt, { baseMs: 500, maxMs: 30_000, random: () => random.next() });
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
      delays.push(delay);
    }
    // Jittered: twelve draws do not all land on the same point of their band.
    const fractions = delays.map((d, i) => d / Math.min(30_000, 500 * 2 ** i));
    expect(new Set(fractions.map((f) => f.toFixed(3))).size).toBeGreaterThan(1);
    // The extremes of the random source give the band's edges.
    expect(restartDelayMs(3, { baseMs: 500, maxMs: 30_000, random: () => 0 })).toBe(1000);
    expect(restartDelayMs(3, { baseMs: 500, maxMs: 30_000, random: () => 0.999999 })).toBe(2000);
    expect(restartDelayMs(40, { baseMs: 500, maxMs: 30_000, random: () => 0.999999 })).toBe(30_000);
  });

  it('restarts a worker that ran long enough at once, and counts quick deaths in a row', () => {
    const random = createSeededRandom(seed + 1);
    const backoff = new RestartBackoff({ baseMs: 100, maxMs: 800, stableMs: 5000, random: () => random.next() });
    expect(backoff.onDeath(60_000)).toBe(0);
    const first = backoff.onDeath(200); // ready, then died after 200 ms
    expect(first).toBeGreaterThanOrEqual(50);
    expect(first).toBeLessThanOrEqual(100);
    const second = backoff.onDeath(undefined); // never became ready
    expect(second).toBeGreaterThanOrEqual(100);
    expect(second).toBeLessThanOrEqual(200);
    expect(backoff.inARow).toBe(2);
    expect(backoff.onDeath(5000)).toBe(0);
    expect(backoff.inARow).toBe(0);
    const again = backoff.onDeath(10);
    expect(again).toBeLessThanOrEqual(100);
  });
});
