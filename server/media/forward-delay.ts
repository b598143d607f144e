// How long the embedded SFU holds a packet: from the moment its thread reads the producer's
// datagram off the socket to the moment the consumer's copy is handed to the socket (decrypt,
// parse, rewrite, encrypt, send, for each consumer in turn). Kept as a cumulative histogram per
// producer, so a bench can subtract two readings and get a window's percentiles. Time spent in the
// socket buffer before the read is not in it (that is in the input jitter, rtp-jitter.ts).

/** Upper bounds of the buckets (ms): 10 µs growing by 2^(1/4) (≈ 19 % steps) to about 0.3 s; one more bucket holds the rest. */
export const FORWARD_DELAY_BOUNDS_MS: readonly number[] = Array.from({ length: 60 }, (_, k) => 0.01 * 2 ** (k / 4));

export interface ForwardDelayCounters {
  /** Copies sent (one per consumer per packet). */
  count: number;
  sumMs: number;
  /** Per bucket of FORWARD_DELAY_BOUNDS_MS, plus the overflow bucket at the end. */
  buckets: number[];
}

export class ForwardDelayHistogram {
  private readonly counts = new Array<number>(FORWARD_DELAY_BOUNDS_MS.length + 1).fill(0);
  private count = 0;
  private sumMs = 0;

  record(ms: number): void {
    // Bucket k holds (bound[k-1], bound[k]]: k = ceil(4·log2(ms / 0.01)), clamped.
    const k = ms <= 0.01 ? 0 : Math.min(FORWARD_DELAY_BOUNDS_MS.length, Math.ceil(4 * Math.log2(ms / 0.01) - 1e-9));
    this.counts[k]!++;
    this.count++;
    this.sumMs += ms;
  }

  /** Adds these counters to `into` (a transport sums its producers'). */
  addTo(into: ForwardDelayCounters): void {
    into.count += this.count;
    into.sumMs += this.sumMs;
    for (let k = 0; k < this.counts.length; k++) into.buckets[k] = (into.buckets[k] ?? 0) + this.counts[k]!;
  }
}

export function emptyForwardDelay(): ForwardDelayCounters {
  return { count: 0, sumMs: 0, buckets: new Array<number>(FORWARD_DELAY_BOUNDS_MS.length + 1).fill(0) };
}

/** `later` minus `earlier`, bucket by bucket: the copies sent between two readings. */
export function forwardDelaySince(later: ForwardDelayCounters, earlier: ForwardDelayCounters | undefined): ForwardDelayCounters {
  if (!earlier) return later;
  return {
    count: later.count - earlier.count,
    sumMs: later.sumMs - earlier.sumMs,
    buckets: later.buckets.map((n, k) => n - (earlier.buckets[k] ?? 0)),
  };
}

/** The bucket bound at or below which a fraction `q` of the copies fell (ms); Infinity in the overflow bucket, NaN if empty. */
export function forwardDelayQuantile(counters: ForwardDelayCounters, q: number): number {
  if (counters.count <= 0) return Number.NaN;
  const target = q * counters.count;
  let seen = 0;
  for (let k = 0; k < counters.buckets.length; k++) {
    seen += counters.buckets[k]!;
    if (seen >= target) return FORWARD_DELAY_BOUNDS_MS[k] ?? Number.POSITIVE_INFINITY;
  }
  return Number.POSITIVE_INFINITY;
}
