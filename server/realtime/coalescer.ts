// The tally with the agreement updates, the organizers' feed and the observers' spotlight,
// coalesced per ceremony: the first change goes out at once, later ones at most once per interval
// with the latest state of every agreement that changed. A wave of 196 signatures costs each
// participant a handful of messages, not 392.
import type { Agreement } from '../../shared/domain/types';
import type { ActivityItem } from '../../shared/protocol/views';
import { TallyThrottle } from './tally-throttle';

/** What a ceremony's coalesced update carries: whether the tally changed, and the agreements that did. */
export interface PendingChanges {
  tally: boolean;
  agreements: Agreement[];
}

/**
 * The tally and the agreement changes, coalesced together per ceremony: one flush per interval
 * sends the observers their tally and each participant ONE message (tally and agreements), not a
 * tally and a separate agreements update. Engine.IO keeps one write in flight per socket, so the
 * second message was a second socket write per participant per signature (bench/fanout.ts).
 */
export class ChangeCoalescer {
  private readonly agreements = new Map<string, Map<string, Agreement>>();
  private readonly tallyChanged = new Set<string>();
  private readonly throttle: TallyThrottle;

  constructor(intervalMs: number, emit: (ceremonyId: string, changes: PendingChanges) => void) {
    this.throttle = new TallyThrottle(intervalMs, (ceremonyId) => {
      const changed = this.agreements.get(ceremonyId);
      this.agreements.delete(ceremonyId);
      const tally = this.tallyChanged.delete(ceremonyId);
      if (tally || changed?.size) emit(ceremonyId, { tally, agreements: changed ? [...changed.values()] : [] });
    });
  }

  add(ceremonyId: string, tally: boolean, agreements: readonly Agreement[]): void {
    if (!tally && agreements.length === 0) return;
    if (tally) this.tallyChanged.add(ceremonyId);
    if (agreements.length) {
      let changed = this.agreements.get(ceremonyId);
      if (!changed) this.agreements.set(ceremonyId, (changed = new Map()));
      for (const agreement of agreements) changed.set(agreement.id, agreement);
    }
    this.throttle.markDirty(ceremonyId);
  }

  close(): void {
    this.throttle.close();
    this.agreements.clear();
    this.tallyChanged.clear();
  }
}

/**
 * The organizers' feed, coalesced the same way: every item, in order, but one message per interval
 * instead of one per published change (a burst published ~600: one socket write each on the main
 * loop). The client keeps items by their `seq`, so a batch that overlaps a snapshot is harmless.
 */
export class ActivityCoalescer {
  private readonly pending = new Map<string, ActivityItem[]>();
  private readonly throttle: TallyThrottle;

  constructor(intervalMs: number, emit: (ceremonyId: string, items: ActivityItem[]) => void) {
    this.throttle = new TallyThrottle(intervalMs, (ceremonyId) => {
      const items = this.pending.get(ceremonyId);
      this.pending.delete(ceremonyId);
      if (items?.length) emit(ceremonyId, items);
    });
  }

  add(ceremonyId: string, items: ActivityItem[]): void {
    if (items.length === 0) return;
    const pending = this.pending.get(ceremonyId);
    if (pending) pending.push(...items);
    else this.pending.set(ceremonyId, [...items]);
    this.throttle.markDirty(ceremonyId);
  }

  close(): void {
    this.throttle.close();
    this.pending.clear();
  }
}

/** Sends a value only when it differs from the last one sent for the ceremony, at most once per interval. */
export class ChangeThrottle<T> {
  private readonly last = new Map<string, string>();
  private readonly throttle: TallyThrottle;

  constructor(intervalMs: number, current: (ceremonyId: string) => T | undefined, emit: (ceremonyId: string, value: T) => void) {
    this.throttle = new TallyThrottle(intervalMs, (ceremonyId) => {
      const value = current(ceremonyId);
      if (value === undefined) return;
      const key = JSON.stringify(value);
      if (this.last.get(ceremonyId) === key) return;
      this.last.set(ceremonyId, key);
      emit(ceremonyId, value);
    });
  }

  markDirty(ceremonyId: string): void {
    this.throttle.markDirty(ceremonyId);
  }

  close(): void {
    this.throttle.close();
    this.last.clear();
  }
}

/**
 * Runs published changes after the current turn of the event loop, in order: the request that
 * caused them is acknowledged first, so a signer's round trip no longer grows with the audience.
 */
export class AfterAck<T> {
  private readonly queue: T[] = [];
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(private readonly run: (item: T) => void) {}

  push(item: T): void {
    if (this.closed) return;
    this.queue.push(item);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    this.scheduled = undefined;
    for (const item of this.queue.splice(0)) this.run(item);
  }

  close(): void {
    this.closed = true;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.queue.length = 0;
  }
}
