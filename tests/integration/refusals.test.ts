// Bad input gets a clear error and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SIGNATURE_PNG_BYTES } from '../../shared/protocol/schemas';
import { connect, must, request, signaturePngDataUrl, type Connected } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, TEST_ORGANIZER_TOKEN, type TestServer } from '../support/test-server';
import { tinyRoster } from '../support/tiny-roster';

let server: TestServer;
let organizer: Connected;
let pandeglang: Connected;
let observer: Connected;
const roomToken = (roomId: string) => tokenFromLink(server.links.rooms.find((r) => r.roomId === roomId)!.url);
const auditCount = async () => (await server.app.store.listAudit(server.ceremonyId)).length;
const auth = { authorization: `Bearer ${TEST_ORGANIZER_TOKEN}`, 'content-type': 'application/json' };

beforeAll(async () => {
  server = await startTestServer();
  organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
  pandeglang = await connect(server.url, server.ceremonyId, roomToken('pandeglang'));
  observer = await connect(server.url, server.ceremonyId);
  await must(organizer.socket, 'ceremony:openLobby', {});
  await must(organizer.socket, 'ceremony:startSigning', {});
  await must(organizer.socket, 'agreement:call', { agreementIds: ['K-001', 'K-002'] });
});

afterAll(async () => {
  for (const c of [organizer, pandeglang, observer]) c?.socket.close();
  await server?.close();
});

describe('refused requests change nothing', () => {
  it('refuses a party from another room (a token for one room cannot act in another)', async () => {
    const before = await auditCount();
    const r = await request(pandeglang.socket, 'agreement:sign', { agreementId: 'K-002', partyId: 'pmdn-01', signature: { kind: 'typed', text: 'Andi' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'WRONG_ROOM' } });
    if (!r.ok) {
      expect(r.error.message).toMatch(/ruang/i);
      expect(r.error.messageEn).toMatch(/room/i);
    }
    expect(await auditCount()).toBe(before);
    expect(server.app.service.get(server.ceremonyId)!.ceremony.agreements[1].signatures).toEqual({});
  });

  it('refuses an observer trying to sign or to run the ceremony', async () => {
    const before = await auditCount();
    expect(await request(observer.socket, 'agreement:sign', { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'typed', text: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await request(observer.socket, 'agreement:call', { agreementIds: ['K-003'] })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(observer.socket, 'ceremony:close', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request(pandeglang.socket, 'room:reissueInvite', { roomId: 'pandeglang' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await auditCount()).toBe(before);
  });

  it('refuses malformed payloads with INVALID_PAYLOAD and the problems listed', async () => {
    const before = await auditCount();
    const bad: unknown[] = [
      { agreementId: 'K-001' },
      { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'stamp' } },
      { agreementId: '../etc', partyId: 'pma-01', signature: { kind: 'typed', text: 'x' } },
      // (A blank typed name is refused with its own code: tests/integration/typed-signature.test.ts.)
      { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'typed', text: 'x' }, extra: true },
      'not an object',
      null,
    ];
    for (const payload of bad) {
      const r = await request(pandeglang.socket, 'agreement:sign', payload as never);
      expect(r, JSON.stringify(payload)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      if (!r.ok) expect(r.error.details?.length).toBeGreaterThan(0);
    }
    expect(await request(organizer.socket, 'agreement:call', { agreementIds: [] })).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await auditCount()).toBe(before);
  });

  it('refuses an oversized or fake signature image', async () => {
    const before = await auditCount();
    const huge = `data:image/png;base64,${Buffer.alloc(MAX_SIGNATURE_PNG_BYTES + 10, 1).toString('base64')}`;
    expect(await request(pandeglang.socket, 'agreement:sign', { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'drawn', dataUrl: huge } })).toMatchObject({
      ok: false,
      error: { code: 'SIGNATURE_TOO_LARGE' },
    });
    const notPng = `data:image/png;base64,${Buffer.from('GIF89a not a png at all, sorry').toString('base64')}`;
    expect(await request(pandeglang.socket, 'agreement:sign', { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'drawn', dataUrl: notPng } })).toMatchObject({
      ok: false,
      error: { code: 'SIGNATURE_IMAGE_INVALID' },
    });
    expect(await auditCount()).toBe(before);
    // The same party can still sign properly afterwards.
    const ok = await must(pandeglang.socket, 'agreement:sign', { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'drawn', dataUrl: signaturePngDataUrl(7) } });
    expect(ok.duplicate).toBe(false);
  });

  it('refuses bad credentials at connect time', async () => {
    const token = roomToken('pandeglang');
    // A link cut short or mangled in a chat message is told apart from an expired or replaced one.
    await expect(connect(server.url, server.ceremonyId, 'not-a-token')).rejects.toMatchObject({ message: 'INVITE_MALFORMED' });
    await expect(connect(server.url, server.ceremonyId, token.slice(0, -6))).rejects.toMatchObject({ message: 'INVITE_MALFORMED' });
    const [body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forged = `${Buffer.from(JSON.stringify({ ...claims, r: 'makassar' })).toString('base64url')}.${sig}`;
    await expect(connect(server.url, server.ceremonyId, forged)).rejects.toMatchObject({ message: 'INVITE_MALFORMED' });
    await expect(connect(server.url, 'no-such-ceremony')).rejects.toMatchObject({ message: 'CEREMONY_NOT_FOUND' });
  });

  it('refuses a token for another ceremony', async () => {
    const res = await fetch(`${server.url}/api/ceremonies`, { method: 'POST', headers: auth, body: JSON.stringify(tinyRoster('uji-lain')) });
    expect(res.status).toBe(201);
    const otherLinks = (await res.json()) as { links: { rooms: Array<{ roomId: string; url: string }> } };
    const otherToken = tokenFromLink(otherLinks.links.rooms.find((r) => r.roomId === 'pandeglang')!.url);
    await expect(connect(server.url, server.ceremonyId, otherToken)).rejects.toMatchObject({ message: 'FORBIDDEN' });
  });

  it('revokes a room’s old invite link when the organizer re-issues it', async () => {
    const old = roomToken('makassar');
    const first = await connect(server.url, server.ceremonyId, old);
    const disconnected = new Promise((resolve) => first.socket.on('disconnect', resolve));
    const link = await must(organizer.socket, 'room:reissueInvite', { roomId: 'makassar' });
    expect(link.url).toContain('/room/uji-kecil#token=');
    await disconnected;
    await expect(connect(server.url, server.ceremonyId, old)).rejects.toMatchObject({ message: 'TOKEN_REVOKED' });
    const fresh = await connect(server.url, server.ceremonyId, tokenFromLink(link.url));
    expect(fresh.snapshot.you.roomId).toBe('makassar');
    fresh.socket.close();
  });

  it('refuses a roster with errors whole, listing every problem, and imports nothing', async () => {
    const roster = tinyRoster('uji-rusak') as any;
    roster.rooms[1].timezone = 'CET';
    roster.parties[0].room = 'nowhere';
    roster.agreements[0].parties = ['pma-01', 'pmdn-01'];
    roster.agreements[1].valueIdr = -5;
    roster.agreements[2].valueIdr = 1.5;
    const before = ((await (await fetch(`${server.url}/api/ceremonies`)).json()) as { ceremonies: unknown[] }).ceremonies.length;
    const res = await fetch(`${server.url}/api/ceremonies`, { method: 'POST', headers: auth, body: JSON.stringify(roster) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; details: string[] } };
    expect(body.error.code).toBe('INVALID_ROSTER');
    const details = body.error.details.join('\n');
    for (const path of ['rooms[1].timezone', 'parties[0].room', 'agreements[0]', 'agreements[1].valueIdr', 'agreements[2].valueIdr']) {
      expect(details).toContain(path);
    }
    const after = ((await (await fetch(`${server.url}/api/ceremonies`)).json()) as { ceremonies: unknown[] }).ceremonies.length;
    expect(after).toBe(before);
    expect(await server.app.store.hasCeremony('uji-rusak')).toBe(false);
  });

  it('requires the organizer credential for imports and links, and refuses duplicates', async () => {
    expect((await fetch(`${server.url}/api/ceremonies`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status).toBe(401);
    expect((await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}/links`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const dup = await fetch(`${server.url}/api/ceremonies`, { method: 'POST', headers: auth, body: JSON.stringify(tinyRoster()) });
    expect(dup.status).toBe(409);
    const notJson = await fetch(`${server.url}/api/ceremonies`, { method: 'POST', headers: auth, body: '{"title": ' });
    expect(notJson.status).toBe(400);
  });
});
