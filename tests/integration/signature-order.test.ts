// Drawn signatures are decoded in a worker thread (issue 11), typed ones need no decoding: still,
// the requests of one socket reach the ceremony in the order they were sent, so a typed signature
// never overtakes a drawn one sent before it (what a crash in between would otherwise show).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, must, request, signaturePngDataUrl, type Connected } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';

let server: TestServer;
let organizer: Connected;
let pandeglang: Connected;

beforeAll(async () => {
  server = await startTestServer();
  organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
  pandeglang = await connect(server.url, server.ceremonyId, tokenFromLink(server.links.rooms.find((r) => r.roomId === 'pandeglang')!.url));
  await must(organizer.socket, 'ceremony:openLobby', {});
  await must(organizer.socket, 'ceremony:startSigning', {});
});

afterAll(async () => {
  organizer?.socket.close();
  pandeglang?.socket.close();
  await server?.close();
});

describe('signature order', () => {
  it('records drawn and typed signatures of one socket in the order they were sent', async () => {
    const { ceremony } = organizer.snapshot;
    const seatedHere = new Set(ceremony.parties.filter((p) => p.room === 'pandeglang').map((p) => p.id));
    const pairs = ceremony.agreements
      .flatMap((a) => a.parties.filter((p) => seatedHere.has(p)).map((partyId) => ({ agreementId: a.id, partyId })));
    // The test ceremony seats four signing parties in Pandeglang: drawn, typed, drawn, typed.
    expect(pairs.length).toBeGreaterThanOrEqual(4);
    await must(organizer.socket, 'agreement:call', { agreementIds: [...new Set(pairs.map((p) => p.agreementId))] });
    // Drawn first, then typed, alternating, all sent before any ack comes back.
    const acks = await Promise.all(
      pairs.map(({ agreementId, partyId }, i) =>
        request(pandeglang.socket, 'agreement:sign', {
          agreementId,
          partyId,
          signature: i % 2 === 0 ? { kind: 'drawn', dataUrl: signaturePngDataUrl(i + 1) } : { kind: 'typed', text: `Penanda ${i}` },
        }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    const recorded = (await server.app.store.listAudit(server.ceremonyId))
      .filter((r) => r.type === 'signature.recorded')
      .map((r) => {
        const { signature } = JSON.parse(r.payload) as { signature: { agreementId: string; partyId: string; kind: string } };
        return { agreementId: signature.agreementId, partyId: signature.partyId, kind: signature.kind };
      });
    expect(recorded).toEqual(pairs.map((p, i) => ({ ...p, kind: i % 2 === 0 ? 'drawn' : 'typed' })));
  });
});
