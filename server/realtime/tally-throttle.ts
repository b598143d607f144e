// Coalesces tally broadcasts per ceremony: the first change goes out at once, later ones at most
// once per interval, always ending with the latest tally. A burst of 196 signatures costs
// observers a handful of messages.
export class TallyThrottle {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Set<string>();

  constructor(
    private readonly intervalMs: number,
    private readonly flush: (ceremonyId: string) => void,
  ) {}

  markDirty(ceremonyId: string): void {
    if (this.timers.has(ceremonyId)) {
      this.pending.add(ceremonyId);
      return;
    }
    this.flush(ceremonyId);
    this.startCooldown(ceremonyId);
  }

  private startCooldown(ceremonyId: string): void {
    const timer = setTimeout(() => {
      this.timers.delete(ceremonyId);
      if (this.pending.delete(ceremonyId)) {
        this.flush(ceremonyId);
        this.startCooldown(ceremonyId);
      }
    }, this.intervalMs);
    this.timers.set(ceremonyId, timer);
  }

  close(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.pending.clear();
  }
}
