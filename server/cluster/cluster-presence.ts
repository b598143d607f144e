// Presence across nodes. Each node counts the official connections it holds per room and tells
// the other nodes its whole count (on change, coalesced, and as a heartbeat); every node keeps
// the latest count of each other node until it expires, so a SIGKILLed node's rooms go offline
// within `expireMs` on every survivor. What clients see is the sum: a room is online if any node
// holds one of its connections, whichever node the observer is connected to.
// No I/O here: the cluster link carries `NodePresence` messages (Socket.IO serverSideEmit).
import type { RoomPresence } from '../../shared/domain/types';

/** One node's official connections: ceremonyId → roomId → count (only rooms above zero). */
export interface NodePresence {
  nodeId: string;
  rooms: Record<string, Record<string, number>>;
}

export interface ClusterPresenceDeps {
  nodeId: string;
  /** Sends this node's counts to the others. */
  publish(presence: NodePresence): void;
  /** Rooms whose merged count changed because of another node. */
  onRemoteChange(ceremonyId: string, roomIds: string[]): void;
  heartbeatMs: number;
  /** A node not heard from for this long counts as gone. */
  expireMs: number;
  nowMs?: () => number;
}

interface Remote {
  counts: Map<string, Map<string, number>>;
  heardAt: number;
}

export class ClusterPresence {
  /** ceremonyId → roomId → connections held by this node. */
  private readonly local = new Map<string, Map<string, number>>();
  private readonly remote = new Map<string, Remote>();
  private readonly heartbeat: NodeJS.Timeout;
  private publishPending = false;
  private closed = false;
  private readonly nowMs: () => number;

  constructor(private readonly deps: ClusterPresenceDeps) {
    this.nowMs = deps.nowMs ?? Date.now;
    this.heartbeat = setInterval(() => {
      this.publishNow();
      this.expire();
    }, deps.heartbeatMs);
    this.heartbeat.unref();
  }

  joined(ceremonyId: string, roomId: string): void {
    this.adjust(ceremonyId, roomId, 1);
  }

  left(ceremonyId: string, roomId: string): void {
    this.adjust(ceremonyId, roomId, -1);
  }

  /** Connections of a room held by the other live nodes. */
  remoteConnections(ceremonyId: string, roomId: string): number {
    let sum = 0;
    const cutoff = this.nowMs() - this.deps.expireMs;
    for (const node of this.remote.values()) {
      if (node.heardAt < cutoff) continue;
      sum += node.counts.get(ceremonyId)?.get(roomId) ?? 0;
    }
    return sum;
  }

  /** A room's presence as this node's domain sees it, with the other nodes' connections added. */
  merge(ceremonyId: string, view: RoomPresence): RoomPresence {
    const remote = this.remoteConnections(ceremonyId, view.roomId);
    if (remote === 0) return view;
    const connections = view.connections + remote;
    return { ...view, connections, online: connections > 0 };
  }

  /** Another node's counts arrived: replaces what we knew of it. */
  receive(message: NodePresence): void {
    if (this.closed || message.nodeId === this.deps.nodeId) return;
    const before = this.remote.get(message.nodeId);
    const counts = new Map<string, Map<string, number>>();
    for (const [ceremonyId, rooms] of Object.entries(message.rooms)) {
      const m = new Map<string, number>();
      for (const [roomId, n] of Object.entries(rooms)) if (Number.isSafeInteger(n) && n > 0) m.set(roomId, n);
      if (m.size) counts.set(ceremonyId, m);
    }
    this.remote.set(message.nodeId, { counts, heardAt: this.nowMs() });
    this.reportDifferences(before?.counts, counts);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
  }

  private adjust(ceremonyId: string, roomId: string, delta: number): void {
    let rooms = this.local.get(ceremonyId);
    if (!rooms) this.local.set(ceremonyId, (rooms = new Map()));
    const n = Math.max(0, (rooms.get(roomId) ?? 0) + delta);
    if (n) rooms.set(roomId, n);
    else rooms.delete(roomId);
    if (!rooms.size) this.local.delete(ceremonyId);
    // Joins and leaves of one tick (a reconnect storm) travel as one message.
    if (this.publishPending) return;
    this.publishPending = true;
    queueMicrotask(() => this.publishNow());
  }

  private publishNow(): void {
    this.publishPending = false;
    if (this.closed) return;
    const rooms: NodePresence['rooms'] = Object.create(null);
    for (const [ceremonyId, m] of this.local) rooms[ceremonyId] = Object.fromEntries(m);
    this.deps.publish({ nodeId: this.deps.nodeId, rooms });
  }

  private expire(): void {
    const cutoff = this.nowMs() - this.deps.expireMs;
    for (const [nodeId, node] of this.remote) {
      if (node.heardAt >= cutoff) continue;
      this.remote.delete(nodeId);
      this.reportDifferences(node.counts, new Map());
    }
  }

  private reportDifferences(before: Map<string, Map<string, number>> | undefined, after: Map<string, Map<string, number>>): void {
    const ceremonies = new Set([...(before?.keys() ?? []), ...after.keys()]);
    for (const ceremonyId of ceremonies) {
      const a = before?.get(ceremonyId);
      const b = after.get(ceremonyId);
      const changed: string[] = [];
      for (const roomId of new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])])) {
        if ((a?.get(roomId) ?? 0) !== (b?.get(roomId) ?? 0)) changed.push(roomId);
      }
      if (changed.length) this.deps.onRemoteChange(ceremonyId, changed);
    }
  }
}
