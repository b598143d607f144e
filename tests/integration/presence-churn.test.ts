// One invite link reconnecting hundreds of times: presence stays exact, the audit chain and the
// console's feed get a summary (one joined, then one left with the reconnect count).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityItem } from '../../shared/protocol/views';
import { connect, must, type Connected } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';

let server: TestServer;
let organizer: Connected;

beforeAll(async () => {
  server = await startTestServer({ env: { PRESENCE_SETTLE_MS: '400', RATE_ADDRESS_CONNECTS_BURST: '5000' } });
  organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
});
afterAll(async () => {
  organizer?.socket.close();
  await server?.close();
});

const RECONNECTS = 300;

describe('presence churn', () => {
  it(`${RECONNECTS} reconnects of one link write one joined and one left event, and presence stays exact`, async () => {
    const token = tokenFromLink(server.links.rooms.find((r) => r.roomId === 'pandeglang')!.url);
    const roomEvents = async () => (await server.app.store.listAudit(server.ceremonyId)).filter((r) => r.type.startsWith('room.'));
    const feed: ActivityItem[] = [];
    organizer.socket.on('activity:appended', (items) => feed.push(...items));
    const before = (await roomEvents()).length;

    for (let i = 0; i < RECONNECTS; i += 1) {
      const c = await connect(server.url, server.ceremonyId, token);
      expect(c.snapshot.presence.find((p) => p.roomId === 'pandeglang')).toMatchObject({ online: true, connections: 1 });
      const gone = new Promise((resolve) => c.socket.once('disconnect', resolve));
      c.socket.close();
      await gone;
    }
    // Still online-as-audited until the debounce passes; then one `room.left` with the count.
    const deadline = Date.now() + 10_000;
    while ((await roomEvents()).length < before + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const events = (await roomEvents()).slice(before);
    expect(events.map((e) => e.type)).toEqual(['room.joined', 'room.left']);
    expect(JSON.parse(events[1].payload)).toMatchObject({ roomId: 'pandeglang', connections: 0, reconnects: RECONNECTS - 1 });
    expect(feed.filter((item) => item.type.startsWith('room.')).length).toBeLessThanOrEqual(2);
    const view = await must(organizer.socket, 'ceremony:sync', {});
    expect(view.presence.find((p) => p.roomId === 'pandeglang')).toMatchObject({ online: false, connections: 0 });
    // The Berita Acara's attendance still sees the room as present (its first join).
    expect(events[0].type).toBe('room.joined');
  });
});
