// Anonymous work is bounded: a flooding socket is refused (and then disconnected) while a
// bystander behind the same address keeps being served; HTTP answers 429 with Retry-After;
// guessed credentials are slowed down; `ceremony:sync` comes from a per-role cache.
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/protocol/ack';
import type { CeremonyView } from '../../shared/protocol/views';
import { connect, must, request, type ClientSocket, type Connected } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';

let server: TestServer;
const open: ClientSocket[] = [];
const roomToken = (s: TestServer, roomId: string) => tokenFromLink(s.links.rooms.find((r) => r.roomId === roomId)!.url);
const track = (c: Connected) => (open.push(c.socket), c);

beforeAll(async () => {
  server = await startTestServer({ env: { RATE_VERIFY_UPLOADS_BURST: '3' } });
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
});

/** Emits `count` syncs at once; resolves with the acks received before the server hung up. */
function flood(socket: ClientSocket, count: number): Promise<{ acks: Ack<CeremonyView>[]; disconnected: boolean }> {
  return new Promise((resolve) => {
    const acks: Ack<CeremonyView>[] = [];
    const done = (disconnected: boolean) => resolve({ acks, disconnected });
    socket.once('disconnect', () => done(true));
    const emit = socket as unknown as { emit(e: string, p: unknown, cb: (r: Ack<CeremonyView>) => void): void };
    for (let i = 0; i < count; i += 1) {
      emit.emit('ceremony:sync', {}, (r) => {
        acks.push(r);
        if (acks.length === count) done(false);
      });
    }
  });
}

describe('a flooding socket', () => {
  it('is refused with RATE_LIMITED and then disconnected, while a bystander behind the same address is served', async () => {
    const bystander = track(await connect(server.url, server.ceremonyId));
    const official = track(await connect(server.url, server.ceremonyId, roomToken(server, 'pandeglang')));
    const flooder = track(await connect(server.url, server.ceremonyId));
    const heapBefore = process.memoryUsage().heapUsed;
    const buildsBefore = server.app.realtime.views.builds;

    const flooding = flood(flooder.socket, 3000);
    // The bystander's requests all succeed during the flood (outcomes, not timings). Like any
    // client it syncs a few times, not hundreds (its own sync limit is a burst of 5).
    const bystanding = (async () => {
      for (let i = 0; i < 4; i += 1) {
        expect((await request(bystander.socket, 'ceremony:sync', {})).ok).toBe(true);
        expect((await request(official.socket, 'ceremony:sync', {})).ok).toBe(true);
        expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      }
    })();
    const [{ acks, disconnected }] = await Promise.all([flooding, bystanding]);

    const served = acks.filter((a) => a.ok).length;
    const limited = acks.filter((a) => !a.ok && a.error.code === 'RATE_LIMITED');
    expect(served).toBeLessThanOrEqual(6);
    expect(limited.length).toBeGreaterThan(10);
    const first = limited[0];
    if (!first.ok) {
      expect(first.error.retryAfterMs).toBeGreaterThan(0);
      expect(first.error.message).toMatch(/Terlalu banyak/);
      expect(first.error.messageEn).toMatch(/Too many/);
    }
    // It kept going after being refused: the server hung up on it.
    expect(disconnected).toBe(true);
    // Answers come from the cache: a few builds, not one per request.
    expect(server.app.realtime.views.builds - buildsBefore).toBeLessThan(10);
    // Memory stays bounded (a generous bound; the unbounded version grew by hundreds of MB).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(96 * 1024 * 1024);
    // And the bystander is still fine afterwards.
    expect((await must(bystander.socket, 'ceremony:sync', {})).you.role).toBe('observer');
  });
});

describe('HTTP limits', () => {
  it('answers 429 with Retry-After and RATE_LIMITED once an address has used its verification uploads', async () => {
    const upload = () => fetch(`${server.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: 'not a pdf' });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 6 && !limited; i += 1) {
      const res = await upload();
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 3)).toEqual([400, 400, 400]);
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await limited!.json()) as { error: { code: string; message: string; messageEn: string; retryAfterMs: number } };
    expect(body.error).toMatchObject({ code: 'RATE_LIMITED' });
    expect(body.error.retryAfterMs).toBeGreaterThan(0);
    // Other routes from the same address are not affected.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('the sync cache', () => {
  it('serves each role its own view and is invalidated by a change', async () => {
    const organizer = track(await connect(server.url, server.ceremonyId, server.organizerToken));
    const official = track(await connect(server.url, server.ceremonyId, roomToken(server, 'makassar')));
    const observer = track(await connect(server.url, server.ceremonyId));
    const views = async () => ({
      organizer: await must(organizer.socket, 'ceremony:sync', {}),
      official: await must(official.socket, 'ceremony:sync', {}),
      observer: await must(observer.socket, 'ceremony:sync', {}),
    });
    const first = await views();
    expect(first.organizer.you).toEqual({ role: 'organizer', ceremonyId: server.ceremonyId });
    expect(first.official.you).toEqual({ role: 'official', ceremonyId: server.ceremonyId, roomId: 'makassar' });
    expect(first.observer.you).toEqual({ role: 'observer', ceremonyId: server.ceremonyId });
    expect(first.organizer.activity.length).toBeGreaterThan(0);
    expect(first.official.activity).toEqual([]);
    expect(first.observer.activity).toEqual([]);

    const builds = server.app.realtime.views.builds;
    const again = await views();
    expect(server.app.realtime.views.builds).toBe(builds);
    expect(again.observer.ceremony).toEqual(first.observer.ceremony);
    expect(Date.parse(again.observer.serverTime)).toBeGreaterThanOrEqual(Date.parse(first.observer.serverTime));

    await must(organizer.socket, 'ceremony:openLobby', {});
    const after = await views();
    expect(server.app.realtime.views.builds).toBeGreaterThan(builds);
    for (const view of Object.values(after)) expect(view.ceremony.phase).toBe('lobby');
    expect(after.organizer.activity.at(-1)?.type).toBe('ceremony.lobbyOpened');
  });
});

describe('guessed credentials', () => {
  it('are slowed down per address, over HTTP and at the socket handshake alike', async () => {
    const s = await startTestServer({ env: { AUTH_FAILURES_BURST: '5', AUTH_FAILURES_PER_MIN: '6' } });
    try {
      const links = (token: string) => fetch(`${s.url}/api/ceremonies/${s.ceremonyId}/links`, { headers: { authorization: `Bearer ${token}` } });
      for (let i = 0; i < 4; i += 1) expect((await links(`tebakan-${i}`)).status).toBe(401);
      // A forged invite token at the handshake counts as well.
      await expect(connect(s.url, s.ceremonyId, 'e30.AAAA')).rejects.toMatchObject({ message: 'INVITE_MALFORMED' });
      const refused = await links('tebakan-lagi');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      // Refused before it is checked: a right guess now would teach the guesser nothing.
      expect((await links(s.organizerToken)).status).toBe(429);
      const handshake = await new Promise<Error & { data?: { retryAfterMs?: number } }>((resolve) => {
        const socket = io(s.url, { auth: { ceremonyId: s.ceremonyId, token: s.organizerToken }, transports: ['websocket'], reconnection: false, forceNew: true });
        socket.once('connect_error', (err) => (socket.close(), resolve(err)));
      });
      expect(handshake.message).toBe('RATE_LIMITED');
      expect(handshake.data?.retryAfterMs).toBeGreaterThan(0);
      // Observers, who bring no credential, are not affected.
      const observer = await connect(s.url, s.ceremonyId);
      expect(observer.snapshot.you.role).toBe('observer');
      observer.socket.close();
    } finally {
      await s.close();
    }
  });
});
