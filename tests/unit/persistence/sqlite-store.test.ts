import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { verifyAuditChain } from '../../../server/persistence/audit-chain';
import { openSqliteStore } from '../../../server/persistence/sqlite-store';
import type { CeremonyStore } from '../../../server/persistence/store';
import { tinyRoster } from '../../support/tiny-roster';

let store: CeremonyStore;
const at = '2021-01-18T02:00:00.000Z';
const evidence = { ipHash: 'i', userAgentHash: 'u', tokenId: 't' };

beforeEach(() => {
  store = openSqliteStore(':memory:');
  const ceremony = rosterToCeremony(tinyRoster(), 'uji', at);
  const originals = new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([37, 80, 68, 70]), sha256: `sha-${a.id}` }]));
  store.createCeremony(ceremony, { originals });
});
afterEach(() => store.close());

describe('SQLite store', () => {
  it('round-trips a ceremony with Unicode names', () => {
    const loaded = store.loadCeremony('uji')!;
    expect(loaded.ceremony.parties.map((p) => p.name)).toContain('Toko 金 Makmur');
    expect(loaded.ceremony.rooms.find((r) => r.id === 'istana')?.isStage).toBe(true);
    expect(loaded.ceremony.agreements.map((a) => a.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(loaded.inviteEpochs).toEqual({ istana: 0, pandeglang: 0, makassar: 0 });
  });

  it('keeps an agreement\'s e-Meterai serial (only where given) and the roster\'s officials', () => {
    const roster = tinyRoster();
    roster.agreements[1].eMeteraiSerial = '10000000000000A1B2C3';
    roster.officials = [{ name: 'Pratikno', title: 'Menteri Sekretaris Negara' }, { name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'BKPM' }];
    const ceremony = rosterToCeremony(roster, 'meterai', at);
    store.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([37]), sha256: 's' }])) });
    const loaded = store.loadCeremony('meterai')!.ceremony.agreements;
    expect(loaded.map((a) => a.eMeteraiSerial)).toEqual([undefined, '10000000000000A1B2C3', undefined, undefined]);
    expect(loaded[0]).not.toHaveProperty('eMeteraiSerial');
    // The roster's officials (who sign the Berita Acara) survive a reload too.
    expect(store.loadCeremony('meterai')!.ceremony.officials).toEqual(roster.officials);
    expect(store.loadCeremony('uji')!.ceremony).not.toHaveProperty('officials');
  });

  it('commits a batch of events atomically: one bad event rolls back the whole batch', () => {
    const before = store.listAudit('uji').length;
    expect(() =>
      store.commit('uji', [
        { type: 'agreement.called', at, waveId: 'W1', agreementIds: ['K-001'] },
        {
          type: 'signature.recorded',
          at,
          // A drawn signature without its image must not be stored.
          signature: { agreementId: 'K-001', partyId: 'pma-01', kind: 'drawn', signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB', signedAt: at, imageSha256: 'x' },
          evidence,
        },
      ]),
    ).toThrow(/missing image/);
    expect(store.listAudit('uji')).toHaveLength(before);
    expect(store.loadCeremony('uji')!.ceremony.agreements[0].status).toBe('pending');
    expect(store.getSignatures('uji', 'K-001')).toEqual([]);
  });

  it('refuses to store a second signature for the same party and a second stamp', () => {
    const signature = { agreementId: 'K-001', partyId: 'pma-01', kind: 'typed' as const, signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: at, typedText: 'B' };
    store.commit('uji', [{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001'] }, { type: 'signature.recorded', at, signature, evidence }]);
    expect(() => store.commit('uji', [{ type: 'signature.recorded', at, signature, evidence }])).toThrow();
    expect(() => store.commit('uji', [{ type: 'agreement.stamped', at, agreementId: 'K-001', documentSha256: 'x' }], { documents: new Map([['K-001', new Uint8Array([1])]]) })).toThrow(/not awaiting/);
    expect(store.getSignatures('uji', 'K-001')).toHaveLength(1);
  });

  it('chains audit events and keeps the head', () => {
    store.commit('uji', [{ type: 'ceremony.lobbyOpened', at }, { type: 'room.joined', at, roomId: 'pandeglang', connections: 1 }]);
    const rows = store.listAudit('uji');
    expect(rows.map((r) => r.type)).toEqual(['ceremony.created', 'ceremony.lobbyOpened', 'room.joined']);
    expect(verifyAuditChain('uji', rows, store.auditHead('uji')).ok).toBe(true);
    const edited = rows.map((r, i) => (i === 1 ? { ...r, payload: '{"forged":true}' } : r));
    expect(verifyAuditChain('uji', edited, store.auditHead('uji'))).toMatchObject({ ok: false, brokenAt: { n: 2 } });
    const truncated = rows.slice(0, 2);
    expect(verifyAuditChain('uji', truncated, store.auditHead('uji'))).toMatchObject({ ok: false, brokenAt: { n: 3 } });
    const deleted = [rows[0], rows[2]];
    expect(verifyAuditChain('uji', deleted, store.auditHead('uji'))).toMatchObject({ ok: false, brokenAt: { n: 2 } });
  });

  it('projects audit events into the console feed', () => {
    store.commit('uji', [{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001', 'K-002'] }]);
    const feed = store.recentActivity('uji', 10);
    expect(feed.at(-1)).toMatchObject({ type: 'agreement.called', agreementIds: ['K-001', 'K-002'] });
    expect(feed.some((f) => (f.type as string) === 'ceremony.created')).toBe(false);
  });
});
