// The one store suite every CeremonyStore implementation runs (SQLite, PostgreSQL): what the
// layers above rely on, checked through the contract only. Each `it` opens a fresh, empty store.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../server/persistence/audit-chain';
import type { CeremonyStore } from '../../server/persistence/store-contract';
import { VersionConflictError } from '../../server/persistence/store-errors';
import { rosterToCeremony } from '../../server/ceremony/import-ceremony';
import { sha256Hex } from '../../server/security/sha256';
import { demoSlice } from '../support/demo-slice';
import { prototypeRoster } from '../support/prototype-roster';
import { tinyRoster } from '../support/tiny-roster';
import { at, CeremonyRun, documentsFor, evidence, organizer, pdfBytes, T0 } from './store-fixture';
import type { Command } from '../../server/domain/commands';
import type { DomainEvent } from '../../server/domain/events';
import { describeStampJobContract } from './stamp-job-contract';
import { describeRaceContract } from './race-contract';

export interface StoreUnderTest {
  store: CeremonyStore;
  /**
   * Another connection to the same database, as a second node holds it. Absent where only one
   * connection can exist (SQLite `:memory:`): the suite then races on the one store.
   */
  openPeer?: () => Promise<CeremonyStore>;
  /** Deletes a ceremony's stamp jobs behind the store's back, as a restored backup would lose them. */
  loseStampJobs(ceremonyId: string): Promise<void>;
  /** Closes the store and any peers, and frees what the fresh store took. */
  close(): Promise<void>;
}

export type OpenFreshStore = () => Promise<StoreUnderTest>;

/** Runs `test` with a fresh store, closing it whatever happens. */
export async function withStore<T>(open: OpenFreshStore, test: (s: StoreUnderTest) => Promise<T>): Promise<T> {
  const s = await open();
  try {
    return await test(s);
  } finally {
    await s.close();
  }
}

/** `n` stores on one database: peers where the implementation has them, else the one store. */
export async function nodes(s: StoreUnderTest, n: number): Promise<CeremonyStore[]> {
  const out = [s.store];
  while (out.length < n) out.push(s.openPeer ? await s.openPeer() : s.store);
  return out;
}

export function describeStoreContract(name: string, open: OpenFreshStore): void {
  const test = (title: string, body: (s: StoreUnderTest) => Promise<void>) => it(title, () => withStore(open, body));

  describe(`${name}: store contract`, () => {
    test('round-trips a ceremony exactly, with its documents, officials, contact and e-Meterai serials', async ({ store }) => {
      const roster = tinyRoster();
      roster.agreements[1].eMeteraiSerial = '10000000000000A1B2C3';
      roster.officials = [{ name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'BKPM' }];
      roster.contact = { name: 'Sekretariat', phone: '+62 21 525 2008' };
      const ceremony = rosterToCeremony(roster, 'uji', T0);
      const documents = documentsFor(ceremony);
      expect(await store.createCeremony(ceremony, documents)).toBe(1);
      const loaded = (await store.loadCeremony('uji'))!;
      expect(loaded.ceremony).toEqual(ceremony);
      expect(loaded.ceremony.agreements[0]).not.toHaveProperty('eMeteraiSerial');
      expect(loaded.version).toBe(1);
      expect(await store.version('uji')).toBe(1);
      expect(loaded.inviteEpochs).toEqual(new Map([['istana', 0], ['pandeglang', 0], ['makassar', 0]]));
      expect(await store.getOriginal('uji', 'K-002')).toEqual(documents.originals.get('K-002'));
      expect(await store.getDocument('uji', 'K-002')).toEqual({ ...documents.originals.get('K-002'), final: false, originalSha256: documents.originals.get('K-002')!.sha256 });
      expect(await store.findDocumentBySha256(documents.originals.get('K-003')!.sha256)).toEqual({ ceremonyId: 'uji', agreementId: 'K-003' });
      expect(await store.listCeremonies()).toEqual([
        { id: 'uji', title: ceremony.title, startsAt: ceremony.startsAt, phase: 'draft', createdAt: T0, agreements: 4 },
      ]);
      // Rupiah are numbers, not strings, and exact.
      expect(loaded.ceremony.agreements.map((a) => a.valueIdr)).toEqual([12_500_000_000, 7_250_000_000, 3_000_000_000, 1_750_000_000]);
    });

    test('keeps ids like __proto__ and toString as plain data', async ({ store }) => {
      const ceremony = rosterToCeremony(prototypeRoster(), '__proto__', T0);
      await store.createCeremony(ceremony, documentsFor(ceremony));
      expect((await store.loadCeremony('__proto__'))!.ceremony).toEqual(ceremony);
      expect(await store.hasCeremony('__proto__')).toBe(true);
      for (const id of ['toString', 'constructor', 'hasOwnProperty', 'valueOf']) {
        expect(await store.hasCeremony(id)).toBe(false);
        expect(await store.loadCeremony(id)).toBeUndefined();
        expect(await store.version(id)).toBe(0);
        expect(await store.getOriginal(id, 'toString')).toBeUndefined();
      }
      expect(await store.findAgreementCeremonies('toString')).toEqual(['__proto__']);
      const run = await CeremonyRun.load(store, '__proto__');
      await run.open();
      await run.call(['toString']);
      await run.signAll(['toString']);
      const reloaded = (await store.loadCeremony('__proto__'))!;
      expect(reloaded.ceremony).toEqual(run.state.ceremony);
      expect(Object.keys(reloaded.ceremony.agreements[0].signatures).sort()).toEqual(['constructor', 'toString']);
    });

    test('a committed ceremony loads back as the core left it, and its chain verifies', async ({ store }) => {
      const run = await CeremonyRun.create(store, tinyRoster());
      await run.open();
      await run.call(['K-001', 'K-002'], 'W-pagi');
      // One drawn signature with its image and the signer's address, kept beside the row.
      const image = pdfBytes('png');
      const [first, second] = run.signCommands('K-001');
      const drawn = { ...first, signature: { kind: 'drawn' as const, imageSha256: sha256Hex(image) } };
      const key = `K-001/${(first as { partyId: string }).partyId}`;
      await run.run([drawn], { signatureImages: new Map([[key, image]]), signerAddresses: new Map([[key, '203.0.113.7']]) });
      await run.run([second]);
      await run.stamp('K-001');
      await run.run([{ type: 'recall', actor: organizer, agreementId: 'K-002' }]);
      await run.run([{ type: 'reissueInvite', actor: organizer, roomId: 'makassar' }]);
      await run.run([{ type: 'close', actor: organizer }]);

      const loaded = (await store.loadCeremony(run.id))!;
      expect(loaded.ceremony).toEqual(run.state.ceremony);
      expect(loaded.version).toBe(run.version);
      expect(loaded.inviteEpochs.get('makassar')).toBe(1);
      expect(loaded.ceremony.waves).toEqual([expect.objectContaining({ id: 'W-pagi', number: 1, size: 2 })]);
      expect(Object.keys(loaded.ceremony.timeline).sort()).toEqual(['closedAt', 'lobbyOpenedAt', 'signingStartedAt']);

      const signatures = await store.getSignatures(run.id, 'K-001');
      expect(signatures).toHaveLength(2);
      const stored = signatures.find((s) => s.record.kind === 'drawn')!;
      expect(stored.image).toEqual(image);
      expect(stored.ipAddress).toBe('203.0.113.7');
      expect(stored.evidence).toEqual(evidence);
      const final = (await store.getDocument(run.id, 'K-001'))!;
      expect(final).toMatchObject({ final: true, pdf: pdfBytes('final K-001'), sha256: run.agreement('K-001').documentSha256 });
      expect(await store.findDocumentBySha256(final.sha256)).toEqual({ ceremonyId: run.id, agreementId: 'K-001' });

      const rows = await store.listAudit(run.id);
      const head = await store.auditHead(run.id);
      expect(head.n).toBe(run.version);
      expect(rows.map((r) => r.n)).toEqual(Array.from({ length: run.version }, (_, i) => i + 1));
      expect(verifyAuditChain(run.id, rows, head)).toMatchObject({ ok: true, events: run.version });
      const edited = rows.map((r) => (r.type === 'signature.recorded' ? { ...r, payload: r.payload.replace('typed', 'drawn') } : r));
      expect(verifyAuditChain(run.id, edited, head).ok).toBe(false);
      expect(verifyAuditChain(run.id, rows.slice(0, -1), head).ok).toBe(false);
    });

    test('commit returns the new version and the feed items; recentActivity reads them back', async ({ store }) => {
      const run = await CeremonyRun.create(store, tinyRoster());
      const opened = await run.open();
      expect(opened.version).toBe(3);
      expect(opened.activity.map((a) => [a.seq, a.type])).toEqual([[2, 'ceremony.lobbyOpened'], [3, 'ceremony.signingStarted']]);
      const called = await run.call(['K-003']);
      expect(called.activity).toEqual([{ seq: 4, at: called.activity[0].at, type: 'agreement.called', agreementIds: ['K-003'], waveId: 'W1' }]);
      const signed = await run.signAll(['K-003']);
      expect(signed.activity.map((a) => [a.type, a.agreementId, a.partyId ?? null])).toEqual([
        ['signature.recorded', 'K-003', 'pma-01'],
        ['signature.recorded', 'K-003', 'umkm-003'],
        ['agreement.signed', 'K-003', null],
      ]);
      expect(signed.activity[0].roomId).toBe('pandeglang');
      expect(await store.recentActivity(run.id, 4)).toEqual([...called.activity, ...signed.activity]);
      expect(await store.recentActivity(run.id, 100)).toEqual([...opened.activity, ...called.activity, ...signed.activity]);
      // Nothing to write still compares the version.
      expect(await store.commit(run.id, run.version, [])).toEqual({ version: run.version, activity: [] });
      await expect(store.commit(run.id, run.version - 1, [])).rejects.toBeInstanceOf(VersionConflictError);
    });

    test('one commit carries many commands (group commit): each event its own link and feed item, in order, or nothing', async ({ store }) => {
      const run = await CeremonyRun.create(store, demoSlice(6, 'kelompok'));
      await run.open();
      const ids = run.state.ceremony.agreements.map((a) => a.id);
      await run.call(ids);
      const drawn = (c: Command): Command => (c.type === 'sign' ? { ...c, signature: { kind: 'drawn', imageSha256: sha256Hex(pdfBytes(`png ${c.agreementId}/${c.partyId}`)) } } : c);
      const commands = ids.flatMap((id) => run.signCommands(id)).map(drawn);
      const images = new Map(commands.map((c) => (c.type === 'sign' ? [`${c.agreementId}/${c.partyId}`, pdfBytes(`png ${c.agreementId}/${c.partyId}`)] : ['', new Uint8Array()])));
      const { events } = run.plan(commands);
      // The last event cannot be stored (its image is missing): the whole batch is refused.
      const lastKey = [...images.keys()].at(-1)!;
      const withoutLast = new Map([...images].filter(([key]) => key !== lastKey));
      const before = await store.listAudit(run.id);
      await expect(store.commit(run.id, run.version, events, { signatureImages: withoutLast })).rejects.toThrow();
      expect(await store.listAudit(run.id)).toEqual(before);
      expect(await store.getSignatures(run.id, ids[0])).toEqual([]);
      const base = run.version;
      const committed = await run.run(commands, { signatureImages: images });
      expect(committed.version).toBe(base + events.length);
      expect(committed.activity.map((a) => [a.seq, a.type])).toEqual(events.map((e, i) => [base + 1 + i, e.type]));
      const rows = await store.listAudit(run.id);
      expect(rows.slice(base).map((r) => r.type)).toEqual(events.map((e) => e.type));
      for (const id of ids) expect((await store.getSignatures(run.id, id)).map((sig) => sig.image)).toEqual(run.agreement(id).parties.map(() => expect.any(Uint8Array)));
      expect(verifyAuditChain(run.id, rows, await store.auditHead(run.id)).ok).toBe(true);
    });

    test('a commit at a stale version is refused with VersionConflictError and writes nothing', async (s) => {
      const [a, b] = await nodes(s, 2);
      const first = await CeremonyRun.create(a, tinyRoster());
      await first.open();
      const stale = await CeremonyRun.load(b, first.id);
      await first.call(['K-001']);
      const before = await b.listAudit(first.id);
      const { events } = stale.plan([{ type: 'call', actor: organizer, agreementIds: ['K-002'], waveId: 'W-stale' }, { type: 'reissueInvite', actor: organizer, roomId: 'istana' }]);
      const refusal = await b.commit(first.id, stale.version, events).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(VersionConflictError);
      expect(refusal).toMatchObject({ ceremonyId: first.id, expected: stale.version, actual: first.version });
      expect(await b.listAudit(first.id)).toEqual(before);
      const loaded = (await b.loadCeremony(first.id))!;
      expect(loaded.ceremony).toEqual(first.state.ceremony);
      expect(loaded.inviteEpochs.get('istana')).toBe(0);
      // The loser reloads, re-applies and succeeds.
      const retried = await CeremonyRun.load(b, first.id);
      await retried.call(['K-002'], 'W-stale');
      expect((await a.loadCeremony(first.id))!.ceremony.waves.map((w) => w.id)).toEqual(['W1', 'W-stale']);
    });

    test('of many commits racing at one version exactly one wins', async (s) => {
      const stores = await nodes(s, 4);
      const run = await CeremonyRun.create(s.store, demoSlice(8));
      await run.open();
      const ids = run.state.ceremony.agreements.map((a) => a.id);
      const runs = await Promise.all(stores.map((st) => CeremonyRun.load(st, run.id)));
      const outcomes = await Promise.allSettled(runs.map((r, i) => r.call([ids[i]], `W-${i}`)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(VersionConflictError);
      const loaded = (await s.store.loadCeremony(run.id))!;
      expect(loaded.version).toBe(run.version + 1);
      expect(loaded.ceremony.agreements.filter((a) => a.status === 'called')).toHaveLength(1);
      expect(verifyAuditChain(run.id, await s.store.listAudit(run.id), await s.store.auditHead(run.id)).ok).toBe(true);
    });

    test('guards every state change in storage, whatever the caller believed', async ({ store }) => {
      const run = await CeremonyRun.create(store, tinyRoster());
      const refused = async (events: Parameters<CeremonyStore['commit']>[2], attachments?: Parameters<CeremonyStore['commit']>[3]) => {
        const before = await store.listAudit(run.id);
        await expect(store.commit(run.id, run.version, events, attachments)).rejects.toThrow();
        expect(await store.listAudit(run.id)).toEqual(before);
        expect((await store.loadCeremony(run.id))!.ceremony).toEqual(run.state.ceremony);
      };
      // Signing cannot start from draft, and K-001 cannot be signed before it is called.
      await refused([{ type: 'ceremony.signingStarted', at: at(1) }]);
      await run.open();
      const [sig1, sig2] = run.signCommands('K-001');
      // The signature.recorded event the core would produce once K-001 is at the desk.
      const callK001: Command = { type: 'call', actor: organizer, agreementIds: ['K-001'], waveId: 'X' };
      const signatureOf = (c: Command) => run.plan(run.agreement('K-001').status === 'pending' ? [callK001, c] : [c]).events.at(-1)!;
      await refused([signatureOf(sig1)]);
      await run.call(['K-001', 'K-002']);
      // Recalling an agreement that is not at the desk.
      await refused([{ type: 'agreement.recalled', at: at(90), agreementId: 'K-003' }]);
      // Signed with a party missing; a signature of someone who is not a party; a drawn one without its image.
      await refused([signatureOf(sig1), { type: 'agreement.signed', at: at(90), agreementId: 'K-001' }]);
      const stranger = signatureOf(sig1) as Extract<DomainEvent, { type: 'signature.recorded' }>;
      await refused([{ ...stranger, signature: { ...stranger.signature, partyId: 'umkm-004' } }]);
      await refused([{ ...stranger, signature: { ...stranger.signature, kind: 'drawn', typedText: undefined, imageSha256: 'f'.repeat(64) } }]);
      // A batch with one bad event leaves nothing of the batch behind.
      await refused([signatureOf(sig1), signatureOf(sig2), { type: 'agreement.stamped', at: at(90), agreementId: 'K-001', documentSha256: 'x' }]);
      const firstSignature = signatureOf(sig1);
      await run.signAll(['K-001']);
      // Calling a signed agreement; a second signature row for the same party; stamping without the document.
      await refused([{ type: 'agreement.called', at: at(90), waveId: 'W9', agreementIds: ['K-001', 'K-003'], waveNumber: 2 }]);
      await refused([firstSignature]);
      await refused([{ type: 'agreement.stamped', at: at(90), agreementId: 'K-001', documentSha256: 'x' }]);
      await run.stamp('K-001');
      // No second stamp, no stamp failure after the stamp, invite epochs only move up by one.
      await refused([{ type: 'agreement.stamped', at: at(90), agreementId: 'K-001', documentSha256: 'y' }], { documents: new Map([['K-001', pdfBytes('again')]]) });
      await refused([{ type: 'agreement.stampFailed', at: at(90), agreementId: 'K-001', reason: 'timeout', attempts: 3, detail: '' }]);
      await refused([{ type: 'invite.reissued', at: at(90), roomId: 'istana', epoch: 2 }]);
      await run.run([{ type: 'close', actor: organizer }]);
      // A closed ceremony is never reopened.
      await refused([{ type: 'ceremony.lobbyOpened', at: at(90) }]);
      await refused([{ type: 'ceremony.signingStarted', at: at(90) }]);
      await refused([{ type: 'ceremony.closed', at: at(90) }]);
      expect((await store.getSignatures(run.id, 'K-001')).map((s) => s.record.partyId).sort()).toEqual(['pma-01', 'umkm-001']);
      expect(await store.getSignatures(run.id, 'K-002')).toEqual([]);
    });

    test('a ceremony the database cannot hold exactly (a NUL in a name) is stored exactly or not at all', async ({ store }) => {
      const roster = tinyRoster();
      roster.parties[0].name = 'PT A\u0000B';
      const ceremony = rosterToCeremony(roster, 'nul', T0);
      const outcome = await store.createCeremony(ceremony, documentsFor(ceremony)).then(() => 'stored', (e: unknown) => e);
      if (outcome === 'stored') {
        expect((await store.loadCeremony('nul'))!.ceremony).toEqual(ceremony);
      } else {
        // PostgreSQL text cannot hold U+0000: refused whole, nothing half-written.
        expect(outcome).toBeInstanceOf(Error);
        expect(await store.hasCeremony('nul')).toBe(false);
        expect(await store.listCeremonies()).toEqual([]);
        expect(await store.listAudit('nul')).toEqual([]);
      }
    });

    test('a commit of a thousand events lands whole, its chain intact', async ({ store }) => {
      const run = await CeremonyRun.create(store, tinyRoster());
      const events = Array.from({ length: 1_001 }, (_, i) => ({ type: 'room.joined' as const, at: at(i), roomId: 'istana', connections: 1, reconnects: i }));
      expect((await store.commit(run.id, run.version, events)).version).toBe(1_002);
      expect(verifyAuditChain(run.id, await store.listAudit(run.id), await store.auditHead(run.id))).toMatchObject({ ok: true, events: 1_002 });
    });

    test('refuses a second ceremony with the same id and commits to an unknown one', async ({ store }) => {
      const run = await CeremonyRun.create(store, tinyRoster());
      const again = rosterToCeremony(tinyRoster(), run.id, T0);
      await expect(store.createCeremony(again, documentsFor(again))).rejects.toThrow();
      expect((await store.loadCeremony(run.id))!.version).toBe(1);
      await expect(store.commit('tidak-ada', 1, [{ type: 'ceremony.lobbyOpened', at: T0 }])).rejects.toThrow();
      expect(await store.listAudit('tidak-ada')).toEqual([]);
      expect(await store.auditHead('tidak-ada')).toEqual({ n: 0, hash: '' });
    });

    test('builds a record file once, even when nodes race to store it', async (s) => {
      const stores = await nodes(s, 3);
      const run = await CeremonyRun.create(s.store, tinyRoster());
      const built = stores.map((st, i) => st.putRecordFile(run.id, 'berita-acara.pdf', pdfBytes(`ba ${i}`), sha256Hex(pdfBytes(`ba ${i}`)), at(i)));
      const stored = await Promise.all(built);
      expect(stored.filter(Boolean)).toHaveLength(1);
      const winner = stored.indexOf(true);
      for (const st of stores) {
        expect(await st.getRecordFile(run.id, 'berita-acara.pdf')).toEqual({ bytes: pdfBytes(`ba ${winner}`), sha256: sha256Hex(pdfBytes(`ba ${winner}`)) });
      }
      expect(await s.store.putRecordFile(run.id, 'berita-acara.pdf', pdfBytes('late'), 'late', at(9))).toBe(false);
      expect(await s.store.getRecordFile(run.id, 'rekaman.zip')).toBeUndefined();
    });

    test('a shared secret is the first node’s, for every node', async (s) => {
      const stores = await nodes(s, 3);
      const candidates = stores.map((_, i) => Uint8Array.from({ length: 32 }, (_, j) => (i * 32 + j * 7) % 256));
      const values = await Promise.all(stores.map((st, i) => st.sharedSecret('invite-secret', candidates[i])));
      expect(candidates).toContainEqual(values[0]);
      for (const v of values) expect(v).toEqual(values[0]);
      expect(await s.store.sharedSecret('invite-secret', new Uint8Array([1, 2, 3]))).toEqual(values[0]);
      // Another name is another secret; zero bytes survive.
      expect(await s.store.sharedSecret('seal-key', new Uint8Array([0, 0, 255]))).toEqual(new Uint8Array([0, 0, 255]));
    });

    describeStampJobContract(test);
    describeRaceContract(test);
  });
}
