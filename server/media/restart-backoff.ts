// When to start the next SFU worker after one died. A worker that ran for a while and died is
// replaced at once (its rooms re-join); one that dies while starting, or soon after it said it was
// ready (a bad build, a port range it cannot bind, a datagram that crashes it each time a browser
// re-joins), would otherwise be respawned in a tight loop that burns a core and floods the log.
// Such deaths in a row wait longer each time: exponential, capped, and jittered so that several
// servers sharing one bad configuration do not restart in lockstep.

export interface RestartBackoffOptions {
  /** First wait after a quick death (ms); doubles with each one in a row. */
  baseMs: number;
  /** The longest wait (ms). */
  maxMs: number;
  /** A worker that stays up this long after ready is healthy: the next death restarts at once. */
  stableMs: number;
  /** Uniform in [0, 1); injected so tests are seeded. */
  random: () => number;
}

export const DEFAULT_RESTART_BACKOFF: Omit<RestartBackoffOptions, 'random'> = {
  baseMs: 500,
  maxMs: 30_000,
  stableMs: 10_000,
};

/**
 * The wait before the `attempt`-th restart in a row (attempt ≥ 1): "equal jitter", half fixed and
 * half random, so it is never shorter than half the exponential step and never above maxMs.
 */
export function restartDelayMs(attempt: number, options: Pick<RestartBackoffOptions, 'baseMs' | 'maxMs' | 'random'>): number {
  const step = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * options.random());
}

/** Counts deaths in a row and answers how long to wait before the next start. */
export class RestartBackoff {
  private quickDeaths = 0;

  constructor(private readonly options: RestartBackoffOptions) {}

  /**
   * A worker died. `upMs`: how long it had been ready, or undefined if it never was. Returns the
   * wait before starting its replacement (0: at once).
   */
  onDeath(upMs: number | undefined): number {
    if (upMs !== undefined && upMs >= this.options.stableMs) {
      this.quickDeaths = 0;
      return 0;
    }
    this.quickDeaths++;
    return restartDelayMs(this.quickDeaths, this.options);
  }

  /** Deaths in a row that came too soon (0 after a healthy run). */
  get inARow(): number {
    return this.quickDeaths;
  }
}
