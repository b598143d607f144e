import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { verifyAuditChain } from '../../../server/persistence/audit-chain';
import { openSqliteStore } from '../../../server/persistence/sqlite-store';
import { VersionConflictError } from '../../../server/persistence/store-errors';
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
    // The roster's officials (who sign the Berita Acara) survive a reload too, numbered and seated on the stage.
    expect((await store.loadCeremony('meterai'))!.ceremony.officials).toEqual([
      { id: 'pejabat-1', name: 'Pratikno', title: 'Menteri Sekretaris Negara', room: 'istana' },
      { id: 'pejabat-2', name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'BKPM', room: 'istana' },
    ]);
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
    // A row for someone who is not a party is refused at once, so it cannot stand in for a missing one.
    await expect(commit([signature('umkm-002'), { type: 'agreement.signed', at, agreementId: 'K-001' }])).rejects.toThrow(/umkm-002 is not its party/);
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
      await other.close();
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
      await upgraded.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite store: versions, guards, jobs, secrets', () => {
  const stamped = (agreementId: string) => ({ documents: new Map([[agreementId, new Uint8Array([37, 80, 68, 70, 1])]]) });
  const sign = async (agreementId: string, parties: string[]) =>
    commit([
      ...parties.map((partyId) => ({
        type: 'signature.recorded' as const,
        at,
        signature: { agreementId, partyId, kind: 'typed' as const, signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: at, typedText: 'B' },
        evidence,
      })),
      { type: 'agreement.signed', at, agreementId },
    ]);

  it('commits only at the expected version: a stale one is refused and writes nothing', async () => {
    expect(await store.version('uji')).toBe(1);
    expect(await store.version('tidak-ada')).toBe(0);
    expect(await store.commit('uji', 1, [{ type: 'ceremony.lobbyOpened', at }])).toMatchObject({ version: 2 });
    const stale = store.commit('uji', 1, [{ type: 'ceremony.signingStarted', at }]);
    await expect(stale).rejects.toBeInstanceOf(VersionConflictError);
    await expect(stale).rejects.toMatchObject({ expected: 1, actual: 2 });
    expect(await store.auditHead('uji')).toMatchObject({ n: 2 });
    expect((await store.loadCeremony('uji'))!).toMatchObject({ version: 2, ceremony: { phase: 'lobby' } });
  });

  it('guards every state change by the stored state: a closed ceremony is never reopened, nor anything called after', async () => {
    await openSigning();
    await commit([{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001'], waveNumber: 1 }]);
    // Recalling what is not at the desk, signing what is not called: refused whole.
    await expect(commit([{ type: 'agreement.recalled', at, agreementId: 'K-002' }])).rejects.toThrow(/not at the desk/);
    await expect(sign('K-002', ['pmdn-01', 'umkm-002'])).rejects.toThrow(/not at the desk/);
    await commit([{ type: 'ceremony.closed', at }]);
    const head = await store.auditHead('uji');
    // A node whose state is stale but whose version is current (e.g. a bug) still cannot reopen or call.
    await expect(commit([{ type: 'ceremony.lobbyOpened', at }])).rejects.toThrow(/cannot move to lobby/);
    await expect(commit([{ type: 'ceremony.signingStarted', at }])).rejects.toThrow(/cannot move to signing/);
    await expect(commit([{ type: 'ceremony.closed', at }])).rejects.toThrow(/cannot move to closed/);
    await expect(commit([{ type: 'agreement.called', at, waveId: 'W2', agreementIds: ['K-003'], waveNumber: 2 }])).rejects.toThrow(/cannot be called/);
    await expect(commit([{ type: 'invite.reissued', at, roomId: 'pandeglang', epoch: 5 }])).rejects.toThrow(/epoch/);
    expect(await store.auditHead('uji')).toEqual(head);
    expect((await store.loadCeremony('uji'))!.ceremony.phase).toBe('closed');
  });

  it('keeps a stamp job from signature to stamp: claimed under a lease, given back, parked, unparked, swept', async () => {
    await openSigning();
    await commit([{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001', 'K-003'], waveNumber: 1 }]);
    await sign('K-001', ['pma-01', 'umkm-001']);
    const t0 = '2021-01-18T03:00:00.000Z';
    const [job] = await store.claimStampJobs('node-a', 5, 60_000, t0);
    expect(job).toMatchObject({ ceremonyId: 'uji', agreementId: 'K-001', attempt: 1, leaseOwner: 'node-a', leaseUntil: '2021-01-18T03:01:00.000Z' });
    // Leased: no other node gets it until the lease runs out; then it is claimed again.
    expect(await store.claimStampJobs('node-b', 5, 60_000, '2021-01-18T03:00:59.000Z')).toEqual([]);
    expect(await store.claimStampJobs('node-b', 5, 60_000, '2021-01-18T03:01:00.000Z')).toMatchObject([{ agreementId: 'K-001', attempt: 2, leaseOwner: 'node-b' }]);
    // Given back by its holder (only), due again at the retry time.
    await store.releaseStampJob('uji', 'K-001', 'node-a', t0);
    expect(await store.claimStampJobs('node-c', 5, 60_000, '2021-01-18T03:01:30.000Z')).toEqual([]);
    await store.releaseStampJob('uji', 'K-001', 'node-b', '2021-01-18T03:05:00.000Z');
    expect(await store.claimStampJobs('node-c', 5, 60_000, '2021-01-18T03:04:59.000Z')).toEqual([]);
    // Parked: never claimed; unparked by a retry: due at once, attempts from zero.
    await commit([{ type: 'agreement.stampFailed', at, agreementId: 'K-001', reason: 'error', attempts: 3, detail: 'x' }]);
    expect(await store.claimStampJobs('node-c', 5, 60_000, '2021-01-18T04:00:00.000Z')).toEqual([]);
    expect(await store.sweepStampJobs('2021-01-18T04:00:00.000Z')).toBe(0);
    await commit([{ type: 'agreement.stampRetried', at: '2021-01-18T04:00:00.000Z', agreementId: 'K-001' }]);
    expect(await store.claimStampJobs('node-c', 5, 60_000, '2021-01-18T04:00:01.000Z')).toMatchObject([{ agreementId: 'K-001', attempt: 1 }]);
    // The stamp removes the job; a second stamp is refused by the status guard.
    await commit([{ type: 'agreement.stamped', at, agreementId: 'K-001', documentSha256: 'd' }], stamped('K-001'));
    await expect(commit([{ type: 'agreement.stamped', at, agreementId: 'K-001', documentSha256: 'e' }], stamped('K-001'))).rejects.toThrow(/not awaiting/);
    expect(await store.claimStampJobs('node-c', 5, 60_000, '2021-01-18T05:00:00.000Z')).toEqual([]);
    expect(await store.sweepStampJobs('2021-01-18T05:00:00.000Z')).toBe(0);
  });

  it('gives a data directory from before stamp jobs a job for each signed, unstamped agreement (parked ones stay parked)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'saksi-jobs-'));
    try {
      const file = join(dir, 'saksi.db');
      const before = openSqliteStore(file);
      const ceremony = rosterToCeremony(tinyRoster('lama'), 'lama', at);
      await before.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([1]), sha256: 's' }])) });
      await openSigning(before, 'lama');
      const signature = (agreementId: string, partyId: string) => ({ type: 'signature.recorded' as const, at, signature: { agreementId, partyId, kind: 'typed' as const, signerName: 'B', signerTitle: 'D', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: at, typedText: 'B' }, evidence });
      await commit([{ type: 'agreement.called', at, waveId: 'W', agreementIds: ['K-001', 'K-003'], waveNumber: 1 }, signature('K-001', 'pma-01'), signature('K-001', 'umkm-001'), { type: 'agreement.signed', at, agreementId: 'K-001' }, signature('K-003', 'pma-01'), signature('K-003', 'umkm-003'), { type: 'agreement.signed', at, agreementId: 'K-003' }, { type: 'agreement.stampFailed', at, agreementId: 'K-003', reason: 'error', attempts: 3, detail: 'x' }], undefined, before, 'lama');
      await before.close();
      // What an older release left: the same rows without the jobs table.
      const old = new Database(file);
      old.exec('DROP TABLE stamp_jobs');
      old.close();
      const reopened = openSqliteStore(file);
      try {
        expect(await reopened.claimStampJobs('n', 5, 1000, '2030-01-01T00:00:00.000Z')).toMatchObject([{ ceremonyId: 'lama', agreementId: 'K-001' }]);
        expect(await reopened.sweepStampJobs('2030-01-01T00:00:00.000Z')).toBe(0);
      } finally {
        await reopened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores a record file once and shares a secret with whoever asks first', async () => {
    expect(await store.putRecordFile('uji', 'berita-acara.pdf', new Uint8Array([1]), 'a', at)).toBe(true);
    expect(await store.putRecordFile('uji', 'berita-acara.pdf', new Uint8Array([2]), 'b', at)).toBe(false);
    expect(await store.getRecordFile('uji', 'berita-acara.pdf')).toEqual({ bytes: new Uint8Array([1]), sha256: 'a' });
    expect(await store.sharedSecret('invite', new Uint8Array([7, 7]))).toEqual(new Uint8Array([7, 7]));
    expect(await store.sharedSecret('invite', new Uint8Array([9]))).toEqual(new Uint8Array([7, 7]));
  });
});
