// Cluster mode's link between Saksi nodes (REDIS_URL set): the Socket.IO Redis streams adapter,
// so a broadcast from the node that committed reaches every node's sockets, plus two messages of
// our own between nodes (Socket.IO serverSideEmit through the same adapter):
// - `saksi:committed {ceremonyId, version}` after every commit: the others mark their cached
//   state stale, so what they serve next (sync, handshake's invite epochs) is at least that new;
// - `saksi:presence` each node's official connections per room (cluster-presence.ts).
// Why the streams adapter and not @socket.io/postgres-adapter: connection-state recovery works
// with it (the stream keeps recent packets), and PostgreSQL's NOTIFY payload is capped at 8000
// bytes (bigger packets go through a table and a second round-trip).
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import { z } from 'zod';
import type { SaksiServer } from '../realtime/types';
import { ClusterPresence } from './cluster-presence';

const ZCommittedSchema = z.object({ ceremonyId: z.string().min(1).max(64), version: z.number().int().nonnegative() });
const ZPresenceSchema = z.object({
  nodeId: z.string().min(1).max(128),
  rooms: z.record(z.string().max(64), z.record(z.string().max(64), z.number().int().nonnegative())),
});

/** Adapter stream and channel names: every node of one deployment uses the same. */
const STREAM_NAME = 'saksi:socket.io';
const PRESENCE_HEARTBEAT_MS = 1_000;
const PRESENCE_EXPIRE_MS = 4_000;

export interface ClusterHandlers {
  /** Another node committed `version` of a ceremony. */
  remoteCommit(ceremonyId: string, version: number): void;
  /** The merged presence of these rooms changed because of another node. */
  presenceChanged(ceremonyId: string, roomIds: string[]): void;
}

export interface ClusterLink {
  nodeId: string;
  /** Installs the adapter on the Socket.IO server (before it accepts connections) and the node messages. */
  attach(io: SaksiServer, handlers: ClusterHandlers): ClusterPresence;
  /** Tells the other nodes this node committed a ceremony up to `version`. */
  announceCommit(ceremonyId: string, version: number): void;
  close(): Promise<void>;
}

export async function connectCluster(options: { redisUrl: string; nodeId: string; log: (message: string, error?: unknown) => void }): Promise<ClusterLink> {
  const client = createClient({ url: options.redisUrl });
  client.on('error', (error) => options.log('Redis', error));
  await client.connect();
  let io: SaksiServer | undefined;
  let presence: ClusterPresence | undefined;
  let closed = false;
  /** Commit notices of this tick, newest version per ceremony (see announceCommit). */
  const pendingNotices = new Map<string, number>();
  const emit = (event: 'saksi:committed' | 'saksi:presence', message: unknown) => {
    if (!io || closed) return;
    try {
      io.serverSideEmit(event, message);
    } catch (error) {
      options.log(`cluster message ${event} not sent`, error);
    }
  };
  return {
    nodeId: options.nodeId,
    attach(server, handlers) {
      io = server;
      io.adapter(createAdapter(client, { streamName: STREAM_NAME, channelPrefix: STREAM_NAME, blockTimeInMs: 2_000 }));
      presence = new ClusterPresence({
        nodeId: options.nodeId,
        heartbeatMs: PRESENCE_HEARTBEAT_MS,
        expireMs: PRESENCE_EXPIRE_MS,
        publish: (message) => emit('saksi:presence', message),
        onRemoteChange: handlers.presenceChanged,
      });
      io.on('saksi:committed', (message) => {
        const parsed = ZCommittedSchema.safeParse(message);
        if (parsed.success) handlers.remoteCommit(parsed.data.ceremonyId, parsed.data.version);
        else options.log('malformed saksi:committed from another node');
      });
      io.on('saksi:presence', (message) => {
        const parsed = ZPresenceSchema.safeParse(message);
        if (parsed.success) presence?.receive(parsed.data);
        else options.log('malformed saksi:presence from another node');
      });
      return presence;
    },
    announceCommit(ceremonyId, version) {
      // A group commit publishes its commands one after another in the same tick: the other nodes
      // need only the newest version (they reload up to it), so one notice per ceremony and tick.
      const queued = pendingNotices.get(ceremonyId);
      if (queued === undefined || version > queued) pendingNotices.set(ceremonyId, version);
      if (pendingNotices.size === 1 && queued === undefined) {
        queueMicrotask(() => {
          for (const [id, v] of pendingNotices) emit('saksi:committed', { ceremonyId: id, version: v });
          pendingNotices.clear();
        });
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      presence?.close();
      // The adapter closes with io (its reading clients stop after their current XREAD); this is the writer.
      await client.quit().catch(() => client.disconnect());
    },
  };
}
