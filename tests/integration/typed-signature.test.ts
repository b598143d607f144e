// A typed signature must show something: names made only of invisible characters are refused at
// the socket with SIGNATURE_NOT_VISIBLE and leave no trace in the audit log; real names in any
// script are accepted and kept in NFC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, must, request, type Connected } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';

let server: TestServer;
let organizer: Connected;
let pandeglang: Connected;

const INVISIBLE = [
  '\u200B\u200B\u200B', // zero-width spaces
  '\u200C\u200D\u200E\u200F', // ZWNJ, ZWJ, LRM, RLM
  '\u2060\u2061\u2062\u2063\u2064', // word joiner, invisible operators
  '\uFEFF', // BOM
  '\u0301\u0323', // combining marks with nothing to sit on
  ' \u00A0\u3000\t', // whitespace of several kinds
  '\u202EBudi', // a right-to-left override reverses how the name reads
  'Budi\u0000', // a control character
];

const signatureRows = async () => (await server.app.store.listAudit(server.ceremonyId)).filter((r) => r.type === 'signature.recorded');

beforeAll(async () => {
  server = await startTestServer();
  organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
  const link = server.links.rooms.find((r) => r.roomId === 'pandeglang')!;
  pandeglang = await connect(server.url, server.ceremonyId, tokenFromLink(link.url));
  await must(organizer.socket, 'ceremony:openLobby', {});
  await must(organizer.socket, 'ceremony:startSigning', {});
  await must(organizer.socket, 'agreement:call', { agreementIds: ['K-001', 'K-003'] });
});

afterAll(async () => {
  organizer?.socket.close();
  pandeglang?.socket.close();
  await server?.close();
});

describe('typed signatures', () => {
  it('refuses names made only of invisible characters, and records nothing', async () => {
    for (const text of INVISIBLE) {
      const ack = await request(pandeglang.socket, 'agreement:sign', { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'typed', text } });
      expect(ack.ok, JSON.stringify(text)).toBe(false);
      if (!ack.ok) {
        expect(ack.error.code).toBe('SIGNATURE_NOT_VISIBLE');
        expect(ack.error.messageEn).toBe('A typed name must contain visible letters or digits.');
      }
    }
    expect(await signatureRows()).toHaveLength(0);
    expect(server.app.service.ceremony(server.ceremonyId)!.agreements.find((a) => a.id === 'K-001')!.signatures).toEqual({});
  });

  it('accepts real names in any script and keeps them in NFC, trimmed of invisible edges', async () => {
    const signs: Array<[string, string, string, string]> = [
      // Z + combining dot below, as some keyboards send it, is kept as the one letter Ẓ.
      ['K-001', 'pma-01', '\u200BZ\u0323ainal Abidin ', 'Ẓainal Abidin'],
      ['K-001', 'umkm-001', 'Toko 金 Makmur', 'Toko 金 Makmur'],
      // Arabic with a zero-width non-joiner inside the name stays as typed.
      ['K-003', 'pma-01', 'عبد\u200Cالله', 'عبد\u200Cالله'],
      ['K-003', 'umkm-003', "Mu'min Harahap", "Mu'min Harahap"],
    ];
    for (const [agreementId, partyId, text] of signs) {
      await must(pandeglang.socket, 'agreement:sign', { agreementId, partyId, signature: { kind: 'typed', text } });
    }
    const agreements = server.app.service.ceremony(server.ceremonyId)!.agreements;
    for (const [agreementId, partyId, , kept] of signs) {
      expect(agreements.find((a) => a.id === agreementId)!.signatures[partyId].typedText).toBe(kept);
      const stored = (await server.app.store.getSignatures(server.ceremonyId, agreementId)).find((s) => s.record.partyId === partyId);
      expect(stored?.record.typedText).toBe(kept);
    }
    expect(await signatureRows()).toHaveLength(4);
  });
});
