// Keyframe requests towards a producer: many consumers' PLIs collapse into at most one per
// interval, and a request made inside the interval is not lost but sent when it ends (a new
// consumer must get its keyframe even if another consumer asked a moment ago).
export interface KeyframeRequesterOptions {
  minIntervalMs: number;
  send(): void;
  now?: () => number;
}

export class KeyframeRequester {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private pending: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  sent = 0;

  constructor(private readonly options: KeyframeRequesterOptions) {
    this.now = options.now ?? Date.now;
  }

  request(): void {
    if (this.pending) return;
    const wait = this.lastSentAt + this.options.minIntervalMs - this.now();
    if (wait <= 0) {
      this.fire();
      return;
    }
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.fire();
    }, wait);
    this.pending.unref?.();
  }

  close(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = undefined;
  }

  private fire(): void {
    this.lastSentAt = this.now();
    this.sent++;
    this.options.send();
  }
}
