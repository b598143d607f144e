// A ceremony whose rooms, parties and agreements are named `toString`, `constructor`,
// `hasOwnProperty` and `valueOf`, through the real import, sockets, stamping, HTTP and the
// client's state merge. Only one party signs: the agreement must not be signed, stamped,
// tallied or verifiable as sealed. Then the other signs, and it is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement, Tally } from '../../shared/domain/types';
import type { CeremonyView } from '../../shared/protocol/views';
import { applyUpdate } from '../../client/lib/ceremony-state';
import { partySignedCount } from '../../client/lib/ceremony-index';
import { connect, must, waitFor, type Connected } from '../support/ceremony-driver';
import { prototypeRoster } from '../support/prototype-roster';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';

let server: TestServer;
const sockets: Connected[] = [];
const roomToken = (roomId: string) => tokenFromLink(server.links.rooms.find((r) => r.roomId === roomId)!.url);
const typed = (agreementId: string, partyId: string) => ({ agreementId, partyId, signature: { kind: 'typed' as const, text: 'Tanda Tangan' } });

beforeAll(async () => {
  server = await startTestServer({ roster: prototypeRoster() });
});
afterAll(async () => {
  for (const s of sockets) s.socket.close();
  await server?.close();
});

describe('prototype-named ids end to end', () => {
  it('imports, keeps presence per room, signs only with every party, and the client merges it right', async () => {
    expect(server.ceremonyId).toBe('uji-prototipe');
    const organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
    const roomConstructor = await connect(server.url, server.ceremonyId, roomToken('constructor'));
    const roomToString = await connect(server.url, server.ceremonyId, roomToken('toString'));
    const observer = await connect(server.url, server.ceremonyId);
    sockets.push(organizer, roomConstructor, roomToString, observer);

    // Presence: each room its own entry, over the socket and HTTP.
    const view = await must(observer.socket, 'ceremony:sync', {});
    expect(view.presence).toEqual([
      expect.objectContaining({ roomId: 'constructor', online: true, connections: 1 }),
      expect.objectContaining({ roomId: 'toString', online: true, connections: 1 }),
      expect.objectContaining({ roomId: 'valueOf', online: false, connections: 0 }),
    ]);
    const http = (await (await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}`)).json()) as {
      presence: Array<{ roomId: string; connections: number }>;
      agreements: Array<{ id: string; signedParties: string[] }>;
    };
    expect(http.presence.map((p) => [p.roomId, p.connections])).toEqual([['constructor', 1], ['toString', 1], ['valueOf', 0]]);

    await must(organizer.socket, 'ceremony:openLobby', {});
    await must(organizer.socket, 'ceremony:startSigning', {});
    await must(organizer.socket, 'agreement:call', { agreementIds: ['toString'] });

    // The client's copy, merged the way the screens do it (the organizer's: observers get no agreements).
    let client: CeremonyView | undefined = applyUpdate(undefined, { type: 'snapshot', view: organizer.snapshot });
    organizer.socket.on('ceremony:updated', ({ agreements, tally }, version) => (client = applyUpdate(client, { type: 'changes', agreements, tally, version })));
    const clientAgreement = () => client!.ceremony.agreements.find((a) => a.id === 'toString')!;

    // Party `constructor` (room toString) signs agreement `toString`; party `toString` has not.
    const updated = waitFor(organizer.socket, 'ceremony:updated', ({ agreements }) => agreements.some((a) => a.id === 'toString'));
    const first = await must(roomToString.socket, 'agreement:sign', typed('toString', 'constructor'));
    expect(first.duplicate).toBe(false);
    expect(first.agreement.status).toBe('called');
    await updated;
    await server.app.stampQueue.whenIdle();
    const state = server.app.service.get(server.ceremonyId)!;
    const held = state.ceremony.agreements.find((a) => a.id === 'toString')!;
    expect(held.status).toBe('called');
    expect(Object.keys(held.signatures)).toEqual(['constructor']);
    const tally = (await (await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}/tally`)).json()) as Tally;
    expect(tally).toMatchObject({ agreementsSigned: 0, agreementsStamped: 0, valueSignedIdr: 0 });
    expect(tally.byKind.PMA.signed).toBe(0);
    expect(tally.byKind.UMKM.signed).toBe(1);
    const draft = await fetch(`${server.url}/api/agreements/toString/document?ceremony=${server.ceremonyId}`);
    expect(draft.headers.get('x-document-final')).toBe('false');
    const verdict = (await (
      await fetch(`${server.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(await draft.arrayBuffer()) })
    ).json()) as { verdict: string };
    expect(verdict.verdict).not.toBe('valid');
    expect(clientAgreement().status).toBe('called');
    expect(partySignedCount(clientAgreement())).toBe(1);

    // Party `toString` is not mistaken for one that signed already: it signs and completes it.
    const stamped = waitFor(organizer.socket, 'ceremony:updated', ({ agreements }) => agreements.some((a) => a.id === 'toString' && a.status === 'stamped'));
    const second = await must(roomConstructor.socket, 'agreement:sign', typed('toString', 'toString'));
    expect(second).toMatchObject({ duplicate: false, agreement: { status: 'signed' } });
    await stamped;
    expect(clientAgreement().status).toBe('stamped');
    expect(partySignedCount(clientAgreement())).toBe(2);
    const after = (await (await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}/tally`)).json()) as Tally;
    expect(after).toMatchObject({ agreementsSigned: 1, agreementsStamped: 1, valueSignedIdr: 12_500_000_000 });
    expect(after.byKind.PMA.signed).toBe(1);
    const byId = (await (await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}`)).json()) as { agreements: Array<{ id: string; signedParties: string[] }> };
    expect(byId.agreements.find((a) => a.id === 'toString')?.signedParties).toEqual(['toString', 'constructor']);
  });

  it('reloads the same from storage after a restart', async () => {
    const before = server.app.service.get(server.ceremonyId)!;
    const dataDir = server.dataDir;
    await server.stop();
    const again = await startTestServer({ dataDir, roster: prototypeRoster() });
    try {
      const state = again.app.service.get(again.ceremonyId)!;
      const agreement: Agreement = state.ceremony.agreements.find((a) => a.id === 'toString')!;
      expect(Object.keys(agreement.signatures).sort()).toEqual(['constructor', 'toString']);
      expect(state.ceremony.agreements.find((a) => a.id === 'hasOwnProperty')!.signatures).toEqual({});
      expect(state.tally).toMatchObject({ agreementsSigned: before.tally.agreementsSigned, byKind: before.tally.byKind });
      expect([...state.partySignatures]).toEqual([['toString', 1], ['constructor', 1]]);
    } finally {
      await again.stop();
    }
  });
});
