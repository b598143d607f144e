import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { verifyAuditChain } from '../../../server/persistence/audit-chain';
import { openSqliteStore } from '../../../server/persistence/sqlite-store';
import type { Attachments, CeremonyStore } from '../../../server/persistence/store-contract';
import type { DomainEvent } from '../../../server/domain/events';
import { tinyRoster } from '../../support/tiny-roster';

let store: CeremonyStore;
const at = '2021-01-18T02:00:00.000Z';
const evidence = { ipHmac: 'i', userAgentHash: 'u', tokenId: 't' };

/** Commits at the stored version (these tests are about what lands, not about races). */
const commit = async (events: DomainEvent[], attachments?: Attachments, on: CeremonyStore = store, id = 'uji') =>
  on.commit(id, await on.version(id), events, attachments);
/** Opens the lobby and signing, as the domain requires before anything is called. */
const openSigning = (on: CeremonyStore = store, id = 'uji') =>
  commit([{ type: 'ceremony.lobbyOpened', at }, { type: 'ceremony.signingStarted', at }], undefined, on, id);

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  const ceremony = rosterToCeremony(tinyRoster(), 'uji', at);
  const originals = new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([37, 80, 68, 70]), sha256: `sha-${a.id}` }]));
  expect(await store.createCeremony(ceremony, { originals })).toBe(1);
});
afterEach(() => store.close());

describe('SQLite store', () => {
  it('round-trips a ceremony with Unicode names', async () => {
    const loaded = (await store.loadCeremony('uji'))!;
    expect(loaded.ceremony.parties.map((p) => p.name)).toContain('Toko 金 Makmur');
    expect(loaded.ceremony.rooms.find((r) => r.id === 'istana')?.isStage).toBe(true);
    expect(loaded.ceremony.agreements.map((a) => a.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
    expect(loaded.inviteEpochs).toEqual(new Map([['istana', 0], ['pandeglang', 0], ['makassar', 0]]));
  });

  it('keeps an agreement\'s e-Meterai serial (only where given) and the roster\'s officials', async () => {
    const roster = tinyRoster();
    roster.agreements[1].eMeteraiSerial = '10000000000000A1B2C3';
    roster.officials = [{ name: 'Pratikno', title: 'Menteri Sekretaris Negara' }, { name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'BKPM' }];
    const ceremony = rosterToCeremony(roster, 'meterai', at);
    await store.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([37]), sha256: 's' }])) });
    const loaded = (await store.loadCeremony('meterai'))!.ceremony.agreements;
    expect(loaded.map((a) => a.eMeteraiSerial)).toEqual([undefined, '10000000000000A1B2C3', undefined, undefined]);
    expect(loaded[0]).not.toHaveProperty('eMeteraiSerial');
    // The roster's officials (who sign the Berita Acara) survive a reload too.
    expect((await store.loadCeremony('meterai'))!.ceremony.officials).toEqual(roster.officials);
    expect((await store.loadCeremony('uji'))!.ceremony).not.toHaveProperty('officials');
  });

  it('commits a batch of events atomically: one bad event rolls back the whole batch', async () => {
    await openSigning();
    const before = (await store.listAudit('uji')).length;
    await expect(
      commit([
        { type: 'agreement.called', at, waveId: 'W1', agreementIds: ['K-001'], waveNumber: 1 },
        {
          type: 'signature.recorded',
          at,
          // A drawn signature without its image must not be stored.
          signature: { agreementId: 'K-001', partyId: 'pma-01', kind: 'drawn', signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB', signedAt: at, imageSha256: 'x' },
          evidence,
        },
      ]),
    ).rejects.toThrow(/missing image/);
    expect((await store.listAudit('uji'))).toHaveLength(before);
    expect((await store.loadCeremony('uji'))!.ceremony.agreements[0].status).toBe('pending');
    expect((await store.getSignatures('uji', 'K-001'))).toEqual([]);
  });

  it('refuses to store a second signature for the same party and a second stamp', async () => {
    const signature = { agreementId: 'K-001', partyId: 'pma-01', kind: 'typed' as const, signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: at, typedText: 'B' };
    await openSigning();
    await commit([{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001'], waveNumber: 1 }, { type: 'signature.recorded', at, signature, evidence }]);
    await expect(commit([{ type: 'signature.recorded', at, signature, evidence }])).rejects.toThrow();
    await expect(commit([{ type: 'agreement.stamped', at, agreementId: 'K-001', documentSha256: 'x' }], { documents: new Map([['K-001', new Uint8Array([1])]]) })).rejects.toThrow(/not awaiting/);
    expect((await store.getSignatures('uji', 'K-001'))).toHaveLength(1);
  });

  it('chains audit events and keeps the head', async () => {
    await commit([{ type: 'ceremony.lobbyOpened', at }, { type: 'room.joined', at, roomId: 'pandeglang', connections: 1 }]);
    const rows = (await store.listAudit('uji'));
    expect(rows.map((r) => r.type)).toEqual(['ceremony.created', 'ceremony.lobbyOpened', 'room.joined']);
    expect(verifyAuditChain('uji', rows, (await store.auditHead('uji'))).ok).toBe(true);
    const edited = rows.map((r, i) => (i === 1 ? { ...r, payload: '{"forged":true}' } : r));
    expect(verifyAuditChain('uji', edited, (await store.auditHead('uji')))).toMatchObject({ ok: false, brokenAt: { n: 2 } });
    const truncated = rows.slice(0, 2);
    expect(verifyAuditChain('uji', truncated, (await store.auditHead('uji')))).toMatchObject({ ok: false, brokenAt: { n: 3 } });
    const deleted = [rows[0], rows[2]];
    expect(verifyAuditChain('uji', deleted, (await store.auditHead('uji')))).toMatchObject({ ok: false, brokenAt: { n: 2 } });
  });

  it('projects audit events into the console feed', async () => {
    await openSigning();
    await commit([{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001', 'K-002'], waveNumber: 1 }]);
    const feed = (await store.recentActivity('uji', 10));
    expect(feed.at(-1)).toMatchObject({ type: 'agreement.called', agreementIds: ['K-001', 'K-002'] });
    expect(feed.some((f) => (f.type as string) === 'ceremony.created')).toBe(false);
  });

  it('refuses to mark an agreement signed or stamped unless its stored signatures are exactly its parties', async () => {
    const signature = (partyId: string) => ({
      type: 'signature.recorded' as const,
      at,
      signature: { agreementId: 'K-001', partyId, kind: 'typed' as const, signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: at, typedText: 'B' },
      evidence,
    });
    await openSigning();
    await commit([{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001'], waveNumber: 1 }, signature('pma-01')]);
    const head = (await store.auditHead('uji'));
    // Whatever the caller believes, one of two parties is not a signed agreement.
    await expect(commit([{ type: 'agreement.signed', at, agreementId: 'K-001' }])).rejects.toThrow(/unsigned: umkm-001/);
    // A row for someone who is not a party does not stand in for a missing one.
    await expect(commit([signature('umkm-002'), { type: 'agreement.signed', at, agreementId: 'K-001' }])).rejects.toThrow(/not parties: umkm-002/);
    expect((await store.auditHead('uji'))).toEqual(head);
    expect((await store.loadCeremony('uji'))!.ceremony.agreements[0].status).toBe('called');
    expect((await store.getSignatures('uji', 'K-001')).map((s) => s.record.partyId)).toEqual(['pma-01']);

    await commit([signature('umkm-001'), { type: 'agreement.signed', at, agreementId: 'K-001' }]);
    expect((await store.loadCeremony('uji'))!.ceremony.agreements[0].status).toBe('signed');
  });

  it('keeps prototype-named party ids as own keys when loading signatures', async () => {
    const other = openSqliteStore(':memory:');
    try {
      // Stored ids straight from storage (no roster validation in between), `__proto__` included.
      const roster = tinyRoster('proto');
      roster.parties[0].id = '__proto__';
      roster.parties[2].id = 'toString';
      roster.agreements[0].parties = ['__proto__', 'toString'];
      const ceremony = rosterToCeremony(roster, 'proto', at);
      const originals = new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([37]), sha256: a.id }]));
      await other.createCeremony(ceremony, { originals });
      const record = { agreementId: 'K-001', partyId: '__proto__', kind: 'typed' as const, signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: at, typedText: 'B' };
      await openSigning(other, 'proto');
      await commit([{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001'], waveNumber: 1 }, { type: 'signature.recorded', at, signature: record, evidence }], undefined, other, 'proto');
      await expect(commit([{ type: 'agreement.signed', at, agreementId: 'K-001' }], undefined, other, 'proto')).rejects.toThrow(/unsigned: toString/);
      const loaded = (await other.loadCeremony('proto'))!.ceremony.agreements[0];
      expect(Object.getPrototypeOf(loaded.signatures)).toBe(Object.prototype);
      expect(Object.keys(loaded.signatures)).toEqual(['__proto__']);
      expect(Object.hasOwn(loaded.signatures, 'toString')).toBe(false);
    } finally {
      other.close();
    }
  });

  it('reads waves, phase times and a recalled wave back after a restart', async () => {
    const later = '2021-01-18T02:10:00.000Z';
    await commit([{ type: 'ceremony.lobbyOpened', at }, { type: 'ceremony.signingStarted', at: later }]);
    await commit([{ type: 'agreement.called', at: later, waveId: 'W-a', agreementIds: ['K-001', 'K-003'], waveNumber: 1, waveName: 'Banten' }]);
    await commit([{ type: 'agreement.called', at: later, waveId: 'W-b', agreementIds: ['K-002'], waveNumber: 2 }]);
    await commit([{ type: 'wave.recalled', at: later, waveId: 'W-a', agreementIds: ['K-001', 'K-003'] }]);
    const { ceremony } = (await store.loadCeremony('uji'))!;
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
    expect((await store.recentActivity('uji', 1))[0]).toMatchObject({ type: 'wave.recalled', waveId: 'W-a', agreementIds: ['K-001', 'K-003'] });
  });

  it('keeps the organizers\' contact, and adds its column to a database made before it existed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saksi-store-'));
    try {
      const file = join(dir, 'old.db');
      const old = new Database(file);
      old.exec('CREATE TABLE ceremonies (id TEXT PRIMARY KEY, title TEXT NOT NULL, starts_at TEXT NOT NULL, phase TEXT NOT NULL, created_at TEXT NOT NULL, audit_head_n INTEGER NOT NULL DEFAULT 0, audit_head_hash TEXT NOT NULL DEFAULT \'\')');
      old.close();
      const upgraded = openSqliteStore(file);
      const ceremony = { ...rosterToCeremony(tinyRoster('baru'), 'baru', at), contact: { name: 'Sekretariat Panitia', phone: '+62 21 3456 7890' } };
      await upgraded.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([1]), sha256: 's' }])) });
      expect((await upgraded.loadCeremony('baru'))!.ceremony.contact).toEqual({ name: 'Sekretariat Panitia', phone: '+62 21 3456 7890' });
      upgraded.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
