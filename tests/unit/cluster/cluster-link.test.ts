// Two Socket.IO servers joined by the cluster link on a real Redis: a broadcast from one reaches
// the other's clients, commit notices and presence travel between the nodes, and a re-issued
// invite's older epochs are disconnected on both.
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, type ClusterLink } from '../../../server/cluster/cluster-link';
import type { ClusterPresence } from '../../../server/cluster/cluster-presence';
import { channels, type SaksiServer } from '../../../server/realtime/types';
import { startLocalRedis, type LocalRedis } from '../../support/redis';

interface Node {
  link: ClusterLink;
  io: SaksiServer;
  http: HttpServer;
  url: string;
  presence: ClusterPresence;
  commits: Array<{ ceremonyId: string; version: number }>;
  presenceChanges: string[];
}

async function startNode(redisUrl: string, nodeId: string): Promise<Node> {
  const http = createServer();
  const io: SaksiServer = new Server(http, { serveClient: false });
  const link = await connectCluster({ redisUrl, nodeId, log: () => undefined });
  const commits: Node['commits'] = [];
  const presenceChanges: string[] = [];
  const presence = link.attach(io, {
    remoteCommit: (ceremonyId, version) => commits.push({ ceremonyId, version }),
    presenceChanged: (ceremonyId, roomIds) => presenceChanges.push(...roomIds.map((r) => `${ceremonyId}/${r}`)),
  });
  io.on('connection', (socket) => {
    const { room, epoch } = socket.handshake.auth as { room?: string; epoch?: number };
    if (room) void socket.join([channels.room('c1', room), channels.roomEpoch('c1', room, epoch ?? 0)]);
    void socket.join(channels.ceremony('c1'));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { link, io, http, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, presence, commits, presenceChanges };
}

async function stopNode(node: Node): Promise<void> {
  await new Promise<void>((resolve) => {
    node.io.disconnectSockets(true);
    void node.io.close(() => resolve());
  });
  await node.link.close();
}

function client(url: string, auth: Record<string, unknown> = {}): Promise<Socket> {
  const socket = connectClient(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('cluster link (Redis streams adapter)', () => {
  let redis: LocalRedis;
  let a: Node;
  let b: Node;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    redis = await startLocalRedis();
    a = await startNode(redis.url, 'node-a');
    b = await startNode(redis.url, 'node-b');
  });

  afterAll(async () => {
    for (const s of sockets) s.close();
    if (a) await stopNode(a);
    if (b) await stopNode(b);
    await redis?.stop();
  });

  it('carries a broadcast from one node to the clients of the other', async () => {
    const onB = await client(b.url);
    sockets.push(onB);
    const received = new Promise<unknown[]>((resolve) => onB.once('tally:updated', (...args: unknown[]) => resolve(args)));
    // The adapter learns of the other node through its heartbeat; a broadcast does not need it.
    a.io.to(channels.ceremony('c1')).emit('tally:updated', { agreementsSigned: 7 } as never, 12);
    expect(await received).toEqual([{ agreementsSigned: 7 }, 12]);
  });

  it('tells the other nodes about a commit, and refuses a malformed notice', async () => {
    a.link.announceCommit('c1', 42);
    await until(() => b.commits.some((c) => c.version === 42), 'the commit notice');
    expect(b.commits.at(-1)).toEqual({ ceremonyId: 'c1', version: 42 });
    expect(a.commits).toEqual([]);
    b.io.serverSideEmit('saksi:committed', { ceremonyId: 'c1', version: -1 });
    a.link.announceCommit('c1', 43);
    await until(() => b.commits.some((c) => c.version === 43), 'the next notice');
    expect(b.commits.map((c) => c.version)).toEqual([42, 43]);
    // A group commit's commands published in one tick: one notice, with the newest version.
    a.link.announceCommit('c1', 44);
    a.link.announceCommit('c2', 7);
    a.link.announceCommit('c1', 46);
    a.link.announceCommit('c1', 45);
    await until(() => b.commits.some((c) => c.ceremonyId === 'c2'), 'the batch notices');
    await until(() => b.commits.some((c) => c.version === 46), 'the newest version of c1');
    expect(b.commits.slice(2)).toEqual([
      { ceremonyId: 'c1', version: 46 },
      { ceremonyId: 'c2', version: 7 },
    ]);
  });

  it('adds the connections a room holds on the other node to its presence', async () => {
    a.presence.joined('c1', 'pandeglang');
    a.presence.joined('c1', 'pandeglang');
    b.presence.joined('c1', 'pandeglang');
    await until(() => b.presence.remoteConnections('c1', 'pandeglang') === 2, 'node b to see node a’s two connections');
    await until(() => a.presence.remoteConnections('c1', 'pandeglang') === 1, 'node a to see node b’s connection');
    expect(b.presence.merge('c1', { roomId: 'pandeglang', online: true, connections: 1 })).toEqual({ roomId: 'pandeglang', online: true, connections: 3 });
    expect(b.presenceChanges).toContain('c1/pandeglang');
    a.presence.left('c1', 'pandeglang');
    a.presence.left('c1', 'pandeglang');
    await until(() => b.presence.remoteConnections('c1', 'pandeglang') === 0, 'node a’s connections to leave');
    expect(b.presence.merge('c1', { roomId: 'pandeglang', online: false, connections: 0 })).toEqual({ roomId: 'pandeglang', online: false, connections: 0 });
    b.presence.left('c1', 'pandeglang');
  });

  it('disconnects the sockets of older invite epochs on both nodes', async () => {
    const oldOnA = await client(a.url, { room: 'serang', epoch: 0 });
    const oldOnB = await client(b.url, { room: 'serang', epoch: 0 });
    const newOnB = await client(b.url, { room: 'serang', epoch: 1 });
    sockets.push(oldOnA, oldOnB, newOnB);
    const gone = (s: Socket) => new Promise<void>((resolve) => s.once('disconnect', () => resolve()));
    const both = Promise.all([gone(oldOnA), gone(oldOnB)]);
    // What realtime.ts does on `invite.reissued` (epoch 1), here from node a.
    a.io.in(channels.roomEpoch('c1', 'serang', 0)).disconnectSockets(true);
    await both;
    expect(newOnB.connected).toBe(true);
  });
});
