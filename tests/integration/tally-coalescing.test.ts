// A burst of signatures does not flood observers: tally updates are coalesced, and the last one
// observers see equals the server's tally.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tally } from '../../shared/domain/types';
import { connect, must, type Connected } from '../support/ceremony-driver';
import { demoSlice } from '../support/demo-slice';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';

let server: TestServer;
const sockets: Connected[] = [];
const roster = demoSlice(30, 'uji-burst');

beforeAll(async () => {
  server = await startTestServer({ roster, tallyIntervalMs: 300 });
});
afterAll(async () => {
  for (const s of sockets) s.socket.close();
  await server?.close();
});

describe('tally coalescing', () => {
  it('sends observers far fewer tally messages than signatures, ending on the true tally', async () => {
    const organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
    const observer = await connect(server.url, server.ceremonyId);
    sockets.push(organizer, observer);
    const received: Tally[] = [];
    observer.socket.on('tally:updated', (t) => received.push(t));
    const rooms = new Map<string, Connected>();
    for (const link of server.links.rooms) {
      const c = await connect(server.url, server.ceremonyId, tokenFromLink(link.url));
      rooms.set(link.roomId, c);
      sockets.push(c);
    }
    await must(organizer.socket, 'ceremony:openLobby', {});
    await must(organizer.socket, 'ceremony:startSigning', {});
    await must(organizer.socket, 'agreement:call', { agreementIds: roster.agreements.map((a) => a.id) });
    received.length = 0;
    const partyRoom = new Map(roster.parties.map((p) => [p.id, p.room]));
    const signatures = roster.agreements.flatMap((a) => a.parties.map((partyId) => ({ agreementId: a.id, partyId })));
    await Promise.all(
      signatures.map(({ agreementId, partyId }) =>
        must(rooms.get(partyRoom.get(partyId)!)!.socket, 'agreement:sign', { agreementId, partyId, signature: { kind: 'typed', text: 'Tanda Tangan' } }),
      ),
    );
    // Let the trailing update arrive.
    const deadline = Date.now() + 10_000;
    while (received.at(-1)?.agreementsSigned !== 30 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(received.at(-1)).toMatchObject({ agreementsSigned: 30, valueSignedIdr: roster.agreements.reduce((s, a) => s + a.valueIdr, 0) });
    expect(received.length).toBeLessThan(signatures.length / 4);
    const http = (await (await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}/tally`)).json()) as Tally;
    expect(http.agreementsSigned).toBe(30);
  });
});
