// Presence on the wire and in the audit log, bounded however often a link reconnects:
// - broadcasts are coalesced per ceremony (the first change at once, then at most one round per
//   interval, each room's latest presence once), volatile so a slow client simply skips them;
// - a room whose connection left is settled (audited offline if it still is) only after
//   `settleMs` without a new leave; flapping within that window is counted, not audited.
import type { RoomPresence } from '../../shared/domain/types';
import { TallyThrottle } from './tally-throttle';

export interface PresenceBroadcastDeps {
  intervalMs: number;
  settleMs: number;
  current(ceremonyId: string, roomId: string): RoomPresence | undefined;
  emit(ceremonyId: string, presence: RoomPresence): void;
  settle(ceremonyId: string, roomId: string): Promise<void> | void;
}

export class PresenceBroadcast {
  private readonly dirty = new Map<string, Set<string>>();
  private readonly throttle: TallyThrottle;
  private readonly settleTimers = new Map<string, { ceremonyId: string; roomId: string; timer: NodeJS.Timeout }>();

  constructor(private readonly deps: PresenceBroadcastDeps) {
    this.throttle = new TallyThrottle(deps.intervalMs, (ceremonyId) => this.flush(ceremonyId));
  }

  changed(ceremonyId: string, roomIds: readonly string[]): void {
    let rooms = this.dirty.get(ceremonyId);
    if (!rooms) this.dirty.set(ceremonyId, (rooms = new Set()));
    for (const roomId of roomIds) rooms.add(roomId);
    this.throttle.markDirty(ceremonyId);
  }

  /** After a connection left the room: settle it once it has been quiet for `settleMs`. */
  scheduleSettle(ceremonyId: string, roomId: string): void {
    const key = `${ceremonyId}\n${roomId}`;
    const pending = this.settleTimers.get(key);
    if (pending) clearTimeout(pending.timer);
    const timer = setTimeout(() => {
      this.settleTimers.delete(key);
      void this.deps.settle(ceremonyId, roomId);
    }, this.deps.settleMs);
    this.settleTimers.set(key, { ceremonyId, roomId, timer });
  }

  /** Settles what is pending now (the server is stopping: rooms left are audited as left). */
  async close(): Promise<void> {
    this.throttle.close();
    this.dirty.clear();
    const pending = [...this.settleTimers.values()];
    this.settleTimers.clear();
    const settled: Array<Promise<void>> = [];
    for (const { ceremonyId, roomId, timer } of pending) {
      clearTimeout(timer);
      settled.push(Promise.resolve(this.deps.settle(ceremonyId, roomId)));
    }
    await Promise.all(settled);
  }

  private flush(ceremonyId: string): void {
    const rooms = this.dirty.get(ceremonyId);
    this.dirty.delete(ceremonyId);
    for (const roomId of rooms ?? []) {
      const presence = this.deps.current(ceremonyId, roomId);
      if (presence) this.deps.emit(ceremonyId, presence);
    }
  }
}
