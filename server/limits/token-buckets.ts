// Token buckets: `burst` requests at once, then `ratePerSec` sustained. One bucket per socket,
// or one per client address in a keyed set. Refusals say when to come back (`retryAfterMs`).

export interface BucketRule {
  ratePerSec: number;
  burst: number;
}

export type Taken = { ok: true } | { ok: false; retryAfterMs: number };

const OK: Taken = { ok: true };

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly rule: BucketRule,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.tokens = rule.burst;
    this.at = nowMs();
  }

  /** Takes `cost` tokens if there are enough; otherwise takes nothing. */
  take(cost = 1): Taken {
    const taken = this.peek(cost);
    if (taken.ok) this.tokens -= cost;
    return taken;
  }

  /** Whether `cost` tokens are there, without taking them. */
  peek(cost = 1): Taken {
    this.refill();
    if (this.tokens >= cost) return OK;
    return { ok: false, retryAfterMs: Math.max(1, Math.ceil(((cost - this.tokens) / this.rule.ratePerSec) * 1000)) };
  }

  /** True once the bucket has refilled completely, i.e. it remembers nothing. */
  get isFull(): boolean {
    this.refill();
    return this.tokens >= this.rule.burst;
  }

  private refill(): void {
    const now = this.nowMs();
    if (now > this.at) {
      this.tokens = Math.min(this.rule.burst, this.tokens + ((now - this.at) / 1000) * this.rule.ratePerSec);
    }
    this.at = now;
  }
}

/** One bucket per key (a client address). Full buckets are forgotten, so memory follows activity. */
export class TokenBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep: number;

  constructor(
    readonly rule: BucketRule,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.lastSweep = nowMs();
  }

  take(key: string, cost = 1): Taken {
    return this.bucket(key).take(cost);
  }

  peek(key: string, cost = 1): Taken {
    return this.buckets.get(key)?.peek(cost) ?? (cost <= this.rule.burst ? OK : { ok: false, retryAfterMs: Infinity });
  }

  get size(): number {
    return this.buckets.size;
  }

  private bucket(key: string): TokenBucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      this.sweep();
      bucket = new TokenBucket(this.rule, this.nowMs);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /** Drops buckets that have refilled: a full bucket and no bucket behave the same. */
  private sweep(): void {
    const now = this.nowMs();
    if (now - this.lastSweep < 10_000 && this.buckets.size < 10_000) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) if (bucket.isFull) this.buckets.delete(key);
  }
}
