// A whole small ceremony through the real server: organizer, two officials and an observer on
// real Socket.IO connections; the stamped PDF is read back with pdftotext.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tally } from '../../shared/domain/types';
import { connect, must, signaturePngDataUrl, waitFor, type Connected } from '../support/ceremony-driver';
import { pdfToText, qpdfCheck } from '../support/pdf-tools';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';

let server: TestServer;
let organizer: Connected;
let pandeglang: Connected;
let makassar: Connected;
let observer: Connected;

const roomToken = (roomId: string) => tokenFromLink(server.links.rooms.find((r) => r.roomId === roomId)!.url);

beforeAll(async () => {
  server = await startTestServer();
  organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
  pandeglang = await connect(server.url, server.ceremonyId, roomToken('pandeglang'));
  makassar = await connect(server.url, server.ceremonyId, roomToken('makassar'));
  observer = await connect(server.url, server.ceremonyId);
});

afterAll(async () => {
  for (const c of [organizer, pandeglang, makassar, observer]) c?.socket.close();
  await server?.close();
});

describe('a small ceremony end to end', () => {
  it('gives each role its identity and the ceremony in the snapshot', () => {
    expect(organizer.snapshot.you).toEqual({ role: 'organizer', ceremonyId: 'uji-kecil' });
    expect(pandeglang.snapshot.you).toEqual({ role: 'official', ceremonyId: 'uji-kecil', roomId: 'pandeglang' });
    expect(observer.snapshot.you.role).toBe('observer');
    expect(observer.snapshot.tally).toMatchObject({ agreementsTotal: 4, valueTotalIdr: 24_500_000_000, agreementsSigned: 0 });
    expect(observer.snapshot.activity).toEqual([]);
    // Observers get the tally-only view: no agreements or parties, just the header, rooms, tally.
    expect(observer.observerView).toBeDefined();
    expect(observer.observerView).not.toHaveProperty('ceremony.agreements');
    expect(observer.observerView).not.toHaveProperty('ceremony.parties');
    expect(observer.observerView!.ceremony.rooms.length).toBe(organizer.snapshot.ceremony.rooms.length);
    expect(JSON.stringify(observer.observerView).length).toBeLessThan(JSON.stringify(organizer.snapshot).length);
    // The rooms that joined before the observer are online in its snapshot (a Map once leaked as []).
    const online = observer.observerView!.presence.filter((p) => p.online).map((p) => p.roomId).sort();
    expect(online).toEqual(['makassar', 'pandeglang']);
  });

  it('shows rooms coming online to the organizer', async () => {
    const { snapshot } = await connect(server.url, server.ceremonyId, server.organizerToken).then((c) => {
      c.socket.close();
      return c;
    });
    expect(snapshot.presence.find((p) => p.roomId === 'pandeglang')).toMatchObject({ online: true, connections: 1 });
    expect(snapshot.presence.find((p) => p.roomId === 'istana')).toMatchObject({ online: false });
  });

  it('runs the lifecycle and a wave of signings, stamping each agreement', async () => {
    const phase = waitFor(observer.socket, 'ceremony:phase', (c) => c.phase === 'signing');
    expect((await must(organizer.socket, 'ceremony:openLobby', {})).phase).toBe('lobby');
    expect((await must(organizer.socket, 'ceremony:startSigning', {})).phase).toBe('signing');
    await phase;

    const observerAgreements: unknown[] = [];
    observer.socket.on('ceremony:updated', (update) => observerAgreements.push(update));
    const spotlight = waitFor(observer.socket, 'observer:spotlight', (rooms) => rooms.includes('pandeglang'));
    const called = waitFor(pandeglang.socket, 'ceremony:updated', ({ agreements }) => agreements.some((a) => a.id === 'K-001' && a.status === 'called'));
    const wave = await must(organizer.socket, 'agreement:call', { agreementIds: ['K-001', 'K-002'] });
    expect(wave.agreements.map((a) => a.status)).toEqual(['called', 'called']);
    await called;
    await spotlight;

    const tallyTwo = waitFor(observer.socket, 'tally:updated', (t: Tally) => t.agreementsSigned === 2);
    // Participants get the same tally in their one update message, with the agreements it counts.
    const participantsTallyTwo = waitFor(makassar.socket, 'ceremony:updated', ({ tally }) => tally?.agreementsSigned === 2);
    const stamped = waitFor(
      organizer.socket,
      'ceremony:updated',
      ({ agreements }) => agreements.some((a) => a.id === 'K-001' && a.status === 'stamped'),
      60_000,
    );

    const drawn = { kind: 'drawn' as const, dataUrl: signaturePngDataUrl(3) };
    // The same signature sent three times at once: exactly one is recorded.
    const repeats = await Promise.all([1, 2, 3].map(() => must(pandeglang.socket, 'agreement:sign', { agreementId: 'K-001', partyId: 'umkm-001', signature: drawn })));
    expect(repeats.filter((r) => !r.duplicate)).toHaveLength(1);
    const r1 = await must(pandeglang.socket, 'agreement:sign', {
      agreementId: 'K-001',
      partyId: 'pma-01',
      signature: { kind: 'typed', text: 'Budi Santoso' },
    });
    expect(r1.agreement.status).toBe('signed');
    expect(Object.keys(r1.agreement.signatures).sort()).toEqual(['pma-01', 'umkm-001']);

    await must(makassar.socket, 'agreement:sign', { agreementId: 'K-002', partyId: 'umkm-002', signature: { kind: 'typed', text: 'Toko 金 Makmur' } });
    await must(makassar.socket, 'agreement:sign', { agreementId: 'K-002', partyId: 'pmdn-01', signature: drawn });

    const [tally] = await tallyTwo;
    expect(tally).toMatchObject({ agreementsSigned: 2, valueSignedIdr: 19_750_000_000 });
    expect(tally.byProvince.find((p) => p.province === 'Sulawesi Selatan')).toMatchObject({ agreementsSigned: 1, valueSignedIdr: 7_250_000_000 });
    expect(tally.latestSignings.map((s) => s.agreementId)).toEqual(['K-002', 'K-001']);
    expect(tally.latestSignings[0]).toMatchObject({ roomName: 'Ruang Rapat DPMPTSP Sulawesi Selatan', timezone: 'WITA' });
    const [participantsUpdate, participantsVersion] = await participantsTallyTwo;
    expect(participantsUpdate.tally).toEqual(tally);
    expect(['signed', 'stamped']).toContain(participantsUpdate.agreements.find((a) => a.id === 'K-002')?.status);
    expect(participantsVersion).toBeGreaterThan(0);
    await stamped;
    // Agreement updates go to participants only; observers got the tally and spotlight instead.
    expect(observerAgreements).toEqual([]);
    await server.app.stampQueue.whenIdle();

    const res = await fetch(`${server.url}/api/agreements/K-001/document?ceremony=${server.ceremonyId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-document-final')).toBe('true');
    const pdf = new Uint8Array(await res.arrayBuffer());
    expect(qpdfCheck(pdf).ok).toBe(true);
    const text = pdfToText(pdf);
    expect(text).toContain('Bengkel Las Ẓainal & Putra');
    expect(text).toContain('Zainal Abidin');
    expect(text).toContain('Ruang Pintar Setda Pandeglang');
    expect(text).toMatch(/\d{2}\.\d{2} WIB/);
    const original = (await server.app.store.getOriginal(server.ceremonyId, 'K-001'))!;
    expect(text).toContain(original.sha256);

    const k2 = pdfToText(new Uint8Array(await (await fetch(`${server.url}/api/agreements/K-002/document`)).arrayBuffer()));
    expect(k2).toContain('Toko 金 Makmur');
    expect(k2).toMatch(/WITA/);
  });

  it('serves the same tally over HTTP as over the socket', async () => {
    const http = (await (await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}/tally`)).json()) as Tally;
    expect(http).toMatchObject({ agreementsTotal: 4, agreementsSigned: 2, agreementsStamped: 2, valueTotalIdr: 24_500_000_000, valueSignedIdr: 19_750_000_000 });
    expect(http.byKind).toEqual({ PMA: { total: 1, signed: 1 }, PMDN: { total: 1, signed: 1 }, UMKM: { total: 4, signed: 2 } });
    const one = (await (await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}`)).json()) as { agreements: Array<{ id: string; status: string; valueIdr: number; parties: string[] }> };
    expect(one.agreements.find((a) => a.id === 'K-001')).toMatchObject({ status: 'stamped', valueIdr: 12_500_000_000, parties: ['pma-01', 'umkm-001'] });
    const list = (await (await fetch(`${server.url}/api/ceremonies`)).json()) as { ceremonies: Array<{ id: string }> };
    expect(list.ceremonies.map((c) => c.id)).toContain('uji-kecil');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('feeds the organizer the activity, and recalls and closes', async () => {
    const sync = await must(organizer.socket, 'ceremony:sync', {});
    const types = sync.activity.map((a) => a.type);
    expect(types).toEqual(expect.arrayContaining(['ceremony.lobbyOpened', 'agreement.called', 'signature.recorded', 'agreement.signed', 'agreement.stamped', 'room.joined']));
    await must(organizer.socket, 'agreement:call', { agreementIds: ['K-003'] });
    const recalled = await must(organizer.socket, 'agreement:recall', { agreementId: 'K-003' });
    expect(recalled.status).toBe('pending');
    const closed = await must(organizer.socket, 'ceremony:close', {});
    expect(closed.phase).toBe('closed');
  });
});
