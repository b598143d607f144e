import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { verifyAuditChain } from '../../../server/persistence/audit-chain';
import { openSqliteStore } from '../../../server/persistence/sqlite-store';
import type { CeremonyStore } from '../../../server/persistence/store';
import { tinyRoster } from '../../support/tiny-roster';

let store: CeremonyStore;
const at = '2021-01-18T02:00:00.000Z';
const evidence = { ipHmac: 'i', userAgentHash: 'u', tokenId: 't' };

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
    expect(loaded.inviteEpochs).toEqual(new Map([['istana', 0], ['pandeglang', 0], ['makassar', 0]]));
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
    // The roster's officials (who sign the Berita Acara) survive a reload too, numbered and seated on the stage.
    expect(store.loadCeremony('meterai')!.ceremony.officials).toEqual([
      { id: 'pejabat-1', name: 'Pratikno', title: 'Menteri Sekretaris Negara', room: 'istana' },
      { id: 'pejabat-2', name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'BKPM', room: 'istana' },
    ]);
    expect(store.loadCeremony('uji')!.ceremony).not.toHaveProperty('officials');
  });

  it('commits a batch of events atomically: one bad event rolls back the whole batch', () => {
    const before = store.listAudit('uji').length;
    expect(() =>
      store.commit('uji', [
        { type: 'agreement.called', at, waveId: 'W1', agreementIds: ['K-001'], waveNumber: 1 },
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
    store.commit('uji', [{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001'], waveNumber: 1 }, { type: 'signature.recorded', at, signature, evidence }]);
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
    store.commit('uji', [{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001', 'K-002'], waveNumber: 1 }]);
    const feed = store.recentActivity('uji', 10);
    expect(feed.at(-1)).toMatchObject({ type: 'agreement.called', agreementIds: ['K-001', 'K-002'] });
    expect(feed.some((f) => (f.type as string) === 'ceremony.created')).toBe(false);
  });

  it('refuses to mark an agreement signed or stamped unless its stored signatures are exactly its parties', () => {
    const signature = (partyId: string) => ({
      type: 'signature.recorded' as const,
      at,
      signature: { agreementId: 'K-001', partyId, kind: 'typed' as const, signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: at, typedText: 'B' },
      evidence,
    });
    store.commit('uji', [{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001'], waveNumber: 1 }, signature('pma-01')]);
    const head = store.auditHead('uji');
    // Whatever the caller believes, one of two parties is not a signed agreement.
    expect(() => store.commit('uji', [{ type: 'agreement.signed', at, agreementId: 'K-001' }])).toThrow(/unsigned: umkm-001/);
    // A row for someone who is not a party does not stand in for a missing one.
    expect(() => store.commit('uji', [signature('umkm-002'), { type: 'agreement.signed', at, agreementId: 'K-001' }])).toThrow(/not parties: umkm-002/);
    expect(store.auditHead('uji')).toEqual(head);
    expect(store.loadCeremony('uji')!.ceremony.agreements[0].status).toBe('called');
    expect(store.getSignatures('uji', 'K-001').map((s) => s.record.partyId)).toEqual(['pma-01']);

    store.commit('uji', [signature('umkm-001'), { type: 'agreement.signed', at, agreementId: 'K-001' }]);
    expect(store.loadCeremony('uji')!.ceremony.agreements[0].status).toBe('signed');
  });

  it('keeps prototype-named party ids as own keys when loading signatures', () => {
    const other = openSqliteStore(':memory:');
    try {
      // Stored ids straight from storage (no roster validation in between), `__proto__` included.
      const roster = tinyRoster('proto');
      roster.parties[0].id = '__proto__';
      roster.parties[2].id = 'toString';
      roster.agreements[0].parties = ['__proto__', 'toString'];
      const ceremony = rosterToCeremony(roster, 'proto', at);
      const originals = new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([37]), sha256: a.id }]));
      other.createCeremony(ceremony, { originals });
      const record = { agreementId: 'K-001', partyId: '__proto__', kind: 'typed' as const, signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: at, typedText: 'B' };
      other.commit('proto', [{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001'], waveNumber: 1 }, { type: 'signature.recorded', at, signature: record, evidence }]);
      expect(() => other.commit('proto', [{ type: 'agreement.signed', at, agreementId: 'K-001' }])).toThrow(/unsigned: toString/);
      const loaded = other.loadCeremony('proto')!.ceremony.agreements[0];
      expect(Object.getPrototypeOf(loaded.signatures)).toBe(Object.prototype);
      expect(Object.keys(loaded.signatures)).toEqual(['__proto__']);
      expect(Object.hasOwn(loaded.signatures, 'toString')).toBe(false);
    } finally {
      other.close();
    }
  });

  it('reads waves, phase times and a recalled wave back after a restart', () => {
    const later = '2021-01-18T02:10:00.000Z';
    store.commit('uji', [{ type: 'ceremony.lobbyOpened', at }, { type: 'ceremony.signingStarted', at: later }]);
    store.commit('uji', [{ type: 'agreement.called', at: later, waveId: 'W-a', agreementIds: ['K-001', 'K-003'], waveNumber: 1, waveName: 'Banten' }]);
    store.commit('uji', [{ type: 'agreement.called', at: later, waveId: 'W-b', agreementIds: ['K-002'], waveNumber: 2 }]);
    store.commit('uji', [{ type: 'wave.recalled', at: later, waveId: 'W-a', agreementIds: ['K-001', 'K-003'] }]);
    const { ceremony } = store.loadCeremony('uji')!;
    expect(ceremony.waves).toEqual([
      { id: 'W-a', number: 1, name: 'Banten', calledAt: later, size: 2 },
      { id: 'W-b', number: 2, calledAt: later, size: 1 },
    ]);
    expect(ceremony.timeline).toEqual({ lobbyOpenedAt: at, signingStartedAt: later });
    expect(ceremony.agreements.map((a) => [a.id, a.status, a.waveId ?? null])).toEqual([
      ['K-001', 'pending', null],
      ['K-002', 'called', 'W-b'],
      ['K-003', 'pending', null],
      ['K-004', 'pending', null],
    ]);
    expect(store.recentActivity('uji', 1)[0]).toMatchObject({ type: 'wave.recalled', waveId: 'W-a', agreementIds: ['K-001', 'K-003'] });
  });

  it('keeps the organizers\' contact, and adds its column to a database made before it existed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'saksi-store-'));
    try {
      const file = join(dir, 'old.db');
      const old = new Database(file);
      old.exec('CREATE TABLE ceremonies (id TEXT PRIMARY KEY, title TEXT NOT NULL, starts_at TEXT NOT NULL, phase TEXT NOT NULL, created_at TEXT NOT NULL, audit_head_n INTEGER NOT NULL DEFAULT 0, audit_head_hash TEXT NOT NULL DEFAULT \'\')');
      old.close();
      const upgraded = openSqliteStore(file);
      const ceremony = { ...rosterToCeremony(tinyRoster('baru'), 'baru', at), contact: { name: 'Sekretariat Panitia', phone: '+62 21 3456 7890' } };
      upgraded.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([1]), sha256: 's' }])) });
      expect(upgraded.loadCeremony('baru')!.ceremony.contact).toEqual({ name: 'Sekretariat Panitia', phone: '+62 21 3456 7890' });
      upgraded.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
