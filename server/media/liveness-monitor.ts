// werift's ICE-lite agent has no consent-freshness check, so a browser that vanished is never
// noticed. Each transport reports every accepted datagram here; one that stays silent past the
// timeout is declared dead. The clock and the sweep interval are injected so tests need no waiting.
export interface LivenessMonitorOptions {
  timeoutMs: number;
  /** How often to sweep; defaults to a quarter of the timeout. */
  sweepIntervalMs?: number;
  now?: () => number;
  onDead(id: string): void;
}

export class LivenessMonitor {
  private readonly lastSeen = new Map<string, number>();
  private readonly now: () => number;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: LivenessMonitorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Start watching `id`; call when the transport first hears from its browser. */
  watch(id: string): void {
    this.lastSeen.set(id, this.now());
    if (!this.timer) {
      const interval = this.options.sweepIntervalMs ?? Math.max(250, this.options.timeoutMs / 4);
      this.timer = setInterval(() => this.sweep(), interval);
      this.timer.unref?.();
    }
  }

  touch(id: string): void {
    if (this.lastSeen.has(id)) this.lastSeen.set(id, this.now());
  }

  isWatched(id: string): boolean {
    return this.lastSeen.has(id);
  }

  forget(id: string): void {
    this.lastSeen.delete(id);
    if (this.lastSeen.size === 0) this.stopTimer();
  }

  /** Declares silent transports dead (each once) and returns their ids. */
  sweep(): string[] {
    const deadline = this.now() - this.options.timeoutMs;
    const dead: string[] = [];
    for (const [id, seen] of this.lastSeen) {
      if (seen < deadline) dead.push(id);
    }
    for (const id of dead) {
      this.forget(id);
      this.options.onDead(id);
    }
    return dead;
  }

  close(): void {
    this.lastSeen.clear();
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
