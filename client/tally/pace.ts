// Signing pace from what an observer sees: the tally's latest signings (at most ten, newest
// first) collected over the page's lifetime. The log knows every signing after `completeSince`;
// a rate is only stated over time the log covers, so it never invents signings it missed.
import { LATEST_SIGNINGS_MAX, type LatestSigning } from '../../shared/domain/types';

export const PACE_WINDOW_MS = 5 * 60_000;
/** Less coverage than this (or fewer signings) and the pace is still "being measured". */
const MIN_SPAN_MS = 60_000;
const MIN_SIGNINGS = 2;

export interface SigningLog {
  /** Signing instants (ms) by agreement id. */
  instants: Map<string, number>;
  /** From this instant on (exclusive) the log holds every signing. */
  completeSince: number;
}

export function emptySigningLog(): SigningLog {
  return { instants: new Map(), completeSince: Number.POSITIVE_INFINITY };
}

/** Adds one tally update's latest signings; `signedTotal` is the tally's agreementsSigned. */
export function recordSignings(log: SigningLog, latest: readonly LatestSigning[], signedTotal: number): SigningLog {
  const instants = new Map(log.instants);
  const known = latest.some((s) => instants.has(s.agreementId));
  for (const s of latest) instants.set(s.agreementId, Date.parse(s.signedAt));
  const oldest = Math.min(...latest.map((s) => Date.parse(s.signedAt)));
  let completeSince = log.completeSince;
  if (signedTotal <= instants.size) completeSince = Number.NEGATIVE_INFINITY;
  else if (log.instants.size === 0) completeSince = oldest;
  // A full list with nothing we knew: signings between the two updates may have been missed.
  else if (latest.length >= LATEST_SIGNINGS_MAX && !known) completeSince = Math.max(completeSince, oldest);
  return { instants, completeSince };
}

export type Pace =
  | { kind: 'measuring' }
  | { kind: 'idle'; windowMinutes: number }
  | { kind: 'rate'; perMinute: number; windowMinutes: number; remaining: number; finishAtMs?: number };

export function computePace(log: SigningLog, nowMs: number, remaining: number, windowMs = PACE_WINDOW_MS): Pace {
  const start = Math.max(nowMs - windowMs, log.completeSince);
  const span = nowMs - start;
  if (!Number.isFinite(start) || span < MIN_SPAN_MS) return { kind: 'measuring' };
  let count = 0;
  for (const at of log.instants.values()) if (at > start && at <= nowMs) count++;
  const windowMinutes = Math.round(span / 60_000);
  if (count === 0) return span >= windowMs ? { kind: 'idle', windowMinutes } : { kind: 'measuring' };
  if (count < MIN_SIGNINGS) return { kind: 'measuring' };
  const perMinute = count / (span / 60_000);
  return {
    kind: 'rate',
    perMinute,
    windowMinutes,
    remaining,
    ...(remaining > 0 ? { finishAtMs: nowMs + (remaining / perMinute) * 60_000 } : {}),
  };
}
