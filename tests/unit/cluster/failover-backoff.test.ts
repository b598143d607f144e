// The CLI's failover client spreads a dead node's clients in time: each round of attempts waits
// longer (exponentially, with jitter around it), up to a cap.
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../server/cli/failover-socket';

describe('failover backoff', () => {
  it('grows per round, stays within ±50 % of its base, and is capped', () => {
    const low = () => 0;
    const high = () => 0.999_999;
    expect(backoffMs(0, low)).toBe(125);
    expect(backoffMs(0, high)).toBeCloseTo(375, 3);
    expect(backoffMs(1, low)).toBe(250);
    expect(backoffMs(3, low)).toBe(1_000);
    // Past the cap (5 s) only the jitter varies.
    expect(backoffMs(10, low)).toBe(2_500);
    expect(backoffMs(30, high)).toBeLessThan(7_500);
    for (let round = 0; round < 8; round += 1) expect(backoffMs(round + 1, low)).toBeGreaterThanOrEqual(backoffMs(round, low));
  });
});
