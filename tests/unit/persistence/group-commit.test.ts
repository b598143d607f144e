// Group commit on a real SQLite file: signatures fired at once for one ceremony are stored in
// fewer transactions than commands, yet each caller gets its own result and the exact version
// right after its own events; a refusal in a batch changes nothing for the others; a stale node
// re-runs its batch on the reloaded state; a failing store answers every command of the batch
// and leaves the state as it was; and every acknowledged signature is in the file when acked.
// All of it twice: with SQLite's writes on the calling thread, and in the writer thread
// (sqlite-threaded-store.ts, the server's default).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { CeremonyService, type Published } from '../../../server/ceremony/ceremony-service';
import { DEFAULT_COMMIT_BATCH, SERIAL_COMMITS, type CommitBatchLimits } from '../../../server/ceremony/commit-batch';
import type { Actor, Command } from '../../../server/domain/commands';
import type { DomainEvent } from '../../../server/domain/events';
import { verifyAuditChain } from '../../../server/persistence/audit-chain';
import { openSqliteStore } from '../../../server/persistence/sqlite-store';
import { openThreadedSqliteStore, ThreadedSqliteStore } from '../../../server/persistence/sqlite-threaded-store';
import type { Attachments, CeremonyStore } from '../../../server/persistence/store-contract';
import { sha256Hex } from '../../../server/security/sha256';
import { demoSlice } from '../../support/demo-slice';

const ID = 'kelompok';
const AGREEMENTS = 24;
const roster = demoSlice(AGREEMENTS, ID);
const organizer: Actor = { role: 'organizer', ceremonyId: ID };
const roomOf = new Map(roster.parties.map((p) => [p.id, p.room]));
const dir = mkdtempSync(join(tmpdir(), 'saksi-group-commit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const opened: CeremonyStore[] = [];
const WRITERS: Array<[string, (file: string) => CeremonyStore]> = [
  ['writes on the calling thread', (file) => openSqliteStore(file)],
  ['writer thread', (file) => openThreadedSqliteStore(file)],
];
let openUnderTest = WRITERS[0][1];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

interface CommitCall {
  events: DomainEvent[];
  attachmentBytes: number;
}

/** The store with every successful commit recorded; `refuse` makes chosen commits throw as a broken disk would. */
function recording(store: CeremonyStore, refuse?: (events: DomainEvent[]) => boolean): { store: CeremonyStore; commits: CommitCall[] } {
  const commits: CommitCall[] = [];
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== 'commit') return typeof value === 'function' ? value.bind(target) : value;
      return async (ceremonyId: string, expected: number, events: DomainEvent[], attachments: Attachments = {}) => {
        if (refuse?.(events)) throw new Error('disk I/O error (uji)');
        const committed = await target.commit(ceremonyId, expected, events, attachments);
        const images = [...(attachments.signatureImages?.values() ?? [])];
        commits.push({ events, attachmentBytes: images.reduce((sum, png) => sum + png.byteLength, 0) });
        return committed;
      };
    },
  });
  return { store: wrapped, commits };
}

let files = 0;
/** A new file with the ceremony in signing and every agreement called. */
async function signingCeremony(): Promise<{ file: string; store: CeremonyStore }> {
  const file = join(dir, `c-${(files += 1)}.db`);
  const store = openUnderTest(file);
  opened.push(store);
  if (store instanceof ThreadedSqliteStore) expect(await store.ready).toBe(true);
  const ceremony = rosterToCeremony(roster, ID, '2021-01-18T02:00:00.000Z');
  await store.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([37]), sha256: `sha-${a.id}` }])) });
  const setup = new CeremonyService({ store, now: clock() });
  for (const command of [
    { type: 'openLobby', actor: organizer },
    { type: 'startSigning', actor: organizer },
    { type: 'call', actor: organizer, agreementIds: roster.agreements.map((a) => a.id), waveId: 'W-1' },
  ] as const) {
    expect((await setup.execute(ID, command)).ok).toBe(true);
  }
  return { file, store };
}

function clock(): () => string {
  let t = Date.parse('2021-01-18T02:00:00.000Z');
  return () => new Date((t += 1000)).toISOString();
}

/** A drawn signature every other one (its PNG bytes travel as an attachment), typed otherwise. */
function sign(agreementId: string, partyId: string, n: number): { command: Command; attachments: Attachments } {
  const key = `${agreementId}/${partyId}`;
  const png = new Uint8Array(512).fill(n % 251);
  const drawn = n % 2 === 0;
  return {
    command: {
      type: 'sign',
      actor: { role: 'official', ceremonyId: ID, roomId: roomOf.get(partyId)! },
      agreementId,
      partyId,
      signature: drawn ? { kind: 'drawn', imageSha256: sha256Hex(png) } : { kind: 'typed', typedText: 'Tanda Tangan' },
      evidence: { ipHmac: 'i', userAgentHash: 'u', tokenId: `t-${n}` },
    },
    attachments: { signerAddresses: new Map([[key, '10.0.0.1']]), ...(drawn ? { signatureImages: new Map([[key, png]]) } : {}) },
  };
}

const everySignature = () => roster.agreements.flatMap((a) => a.parties.map((partyId) => ({ agreementId: a.id, partyId })));

async function burst(commitBatch: CommitBatchLimits, refuse?: (events: DomainEvent[]) => boolean) {
  const { file, store } = await signingCeremony();
  const recorder = recording(store, refuse);
  const service = new CeremonyService({ store: recorder.store, now: clock(), commitBatch });
  const published: Published[] = [];
  service.subscribe((p) => published.push(p));
  const before = service.version(ID) ?? (await service.ensure(ID), service.version(ID)!);
  const signatures = everySignature();
  const results = await Promise.all(signatures.map(({ agreementId, partyId }, n) => {
    const { command, attachments } = sign(agreementId, partyId, n);
    return service.execute(ID, command, attachments);
  }));
  return { file, store, service, published, results, signatures, before, commits: recorder.commits };
}

describe.each(WRITERS)('group commit, %s', (_writer, open) => {
  beforeAll(() => {
    openUnderTest = open;
  });

  it('stores a burst of signatures in fewer commits, each caller with its own exact version', async () => {
    const { store, published, results, signatures, before, commits } = await burst(DEFAULT_COMMIT_BATCH);
    expect(results.every((r) => r.ok)).toBe(true);
    // 48 commands fired in one turn: they wait together and ride in one or a few commits.
    expect(commits.length).toBeLessThan(signatures.length / 4);
    const rows = await store.listAudit(ID);
    expect(verifyAuditChain(ID, rows, await store.auditHead(ID)).ok).toBe(true);
    const versions = results.map((r) => (r.ok ? r.value.version : -1));
    expect(new Set(versions).size).toBe(versions.length);
    signatures.forEach(({ agreementId, partyId }, i) => {
      const r = results[i];
      if (!r.ok) throw r.error;
      // The audit link at the caller's version is its own last event.
      const own = rows[versions[i] - 1];
      expect(own.n).toBe(versions[i]);
      expect(own.type).toBe(r.value.events.at(-1)!.type);
      expect(JSON.parse(own.payload).agreementId ?? JSON.parse(own.payload).signature.agreementId).toBe(agreementId);
      if (own.type === 'signature.recorded') expect(JSON.parse(own.payload).signature.partyId).toBe(partyId);
    });
    // Published in commit order, each with the version and the state right after its own events.
    expect(published.map((p) => p.version)).toEqual([...versions].sort((a, b) => a - b));
    let signed = countSignatures(published[0].state) - 1;
    for (const p of published) {
      expect(countSignatures(p.state)).toBe((signed += 1));
      expect(p.activity.map((a) => [a.seq, a.type])).toEqual(p.events.map((e, k) => [p.version - p.events.length + 1 + k, e.type]));
    }
    expect(Math.min(...versions)).toBeGreaterThan(before);
    expect(Math.max(...versions)).toBe(rows.length);
  });

  it('GROUP_COMMIT=0 (one command per commit) stores the same history in one commit per command', async () => {
    const { results, signatures, commits } = await burst(SERIAL_COMMITS);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(commits.length).toBe(signatures.length);
  });

  it('keeps each batch within its attachment budget (a command larger than it still runs, alone)', async () => {
    const { results, commits } = await burst({ ...DEFAULT_COMMIT_BATCH, maxAttachmentBytes: 1200 });
    expect(results.every((r) => r.ok)).toBe(true);
    for (const c of commits) expect(c.attachmentBytes).toBeLessThanOrEqual(1200);
    expect(commits.some((c) => c.events.filter((e) => e.type === 'signature.recorded').length > 1)).toBe(true);
  });

  it('answers a refusal inside a batch with its refusal, and the others with their results', async () => {
    const { store } = await signingCeremony();
    const recorder = recording(store);
    const service = new CeremonyService({ store: recorder.store, now: clock() });
    await service.ensure(ID);
    const [first, second] = roster.agreements;
    const commands = [
      sign(first.id, first.parties[0], 0),
      // Not a party of this agreement: refused by the rules.
      sign(first.id, roster.parties.find((p) => !first.parties.includes(p.id))!.id, 1),
      sign(second.id, second.parties[0], 2),
      // The same signature again, in the same batch: answered as a duplicate, stores nothing.
      sign(first.id, first.parties[0], 4),
      { command: { type: 'sign', actor: organizer, agreementId: 'toString', partyId: '__proto__', signature: { kind: 'typed', typedText: 'x' }, evidence: { ipHmac: 'i', userAgentHash: 'u', tokenId: 't' } } as Command, attachments: {} },
    ];
    const results = await Promise.all(commands.map(({ command, attachments }) => service.execute(ID, command, attachments)));
    expect(recorder.commits).toHaveLength(1);
    expect(recorder.commits[0].events.map((e) => e.type)).toEqual(['signature.recorded', 'signature.recorded']);
    const [a, refused, b, duplicate, hostile] = results;
    if (!a.ok || !b.ok || !duplicate.ok) throw new Error('the valid commands were refused');
    expect(refused.ok ? 'ok' : refused.error.code).not.toBe('ok');
    expect(hostile.ok).toBe(false);
    expect(b.value.version).toBe(a.value.version + 1);
    expect(duplicate.value.duplicate).toBe(true);
    expect(duplicate.value.version).toBe(b.value.version);
    expect(await store.version(ID)).toBe(b.value.version);
    expect((await store.getSignatures(ID, first.id)).map((s) => s.record.partyId)).toEqual([first.parties[0]]);
  });

  it('re-runs a batch on the reloaded state when another node committed first', async () => {
    const { file, store } = await signingCeremony();
    const other = openSqliteStore(file);
    opened.push(other);
    const recorder = recording(store);
    const stale = new CeremonyService({ store: recorder.store, now: clock() });
    await stale.ensure(ID);
    const elsewhere = new CeremonyService({ store: other, now: clock() });
    const [first, second] = roster.agreements;
    const theirs = await elsewhere.execute(ID, sign(first.id, first.parties[0], 0).command, sign(first.id, first.parties[0], 0).attachments);
    if (!theirs.ok) throw theirs.error;
    // This node has not heard of it: its first commit is refused as stale, then it reloads.
    const ours = await Promise.all(
      [sign(first.id, first.parties[0], 2), sign(first.id, first.parties[1], 3), sign(second.id, second.parties[0], 4)].map(({ command, attachments }) =>
        stale.execute(ID, command, attachments),
      ),
    );
    if (!ours.every((r) => r.ok)) throw new Error('a command failed after the retry');
    const [again, completes, third] = ours.map((r) => (r.ok ? r.value : undefined)!);
    expect(again.duplicate).toBe(true);
    expect(again.version).toBe(theirs.value.version);
    expect(completes.events.map((e) => e.type)).toEqual(['signature.recorded', 'agreement.signed']);
    expect(completes.version).toBe(theirs.value.version + 2);
    expect(third.version).toBe(theirs.value.version + 3);
    expect(recorder.commits).toHaveLength(1);
    expect(await store.version(ID)).toBe(third.version);
    const rows = await store.listAudit(ID);
    expect(verifyAuditChain(ID, rows, await store.auditHead(ID)).ok).toBe(true);
  });

  it('answers every command of a batch the store refuses, and advances nothing', async () => {
    const { store } = await signingCeremony();
    const recorder = recording(store, () => true);
    const service = new CeremonyService({ store: recorder.store, now: clock(), log: () => {} });
    await service.ensure(ID);
    const published: Published[] = [];
    service.subscribe((p) => published.push(p));
    const version = service.version(ID)!;
    const state = service.get(ID);
    const results = await Promise.all(everySignature().slice(0, 8).map(({ agreementId, partyId }, n) => {
      const { command, attachments } = sign(agreementId, partyId, n);
      return service.execute(ID, command, attachments);
    }));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(8).fill('INTERNAL'));
    expect(published).toEqual([]);
    expect(service.version(ID)).toBe(version);
    expect(service.get(ID)).toBe(state);
    expect(await store.version(ID)).toBe(version);
  });

  it('fails only the command whose write the store refuses; the rest of its batch is stored', async () => {
    const [poisoned] = roster.agreements;
    const refuse = (events: DomainEvent[]) => events.some((e) => e.type === 'signature.recorded' && e.signature.agreementId === poisoned.id);
    const { store, results, signatures, commits } = await burst(DEFAULT_COMMIT_BATCH, refuse);
    signatures.forEach(({ agreementId }, i) => expect(results[i].ok, agreementId).toBe(agreementId !== poisoned.id));
    expect(commits.length).toBeLessThan(signatures.length);
    expect(await store.getSignatures(ID, poisoned.id)).toEqual([]);
    expect(await store.version(ID)).toBe(Math.max(...results.map((r) => (r.ok ? r.value.version : 0))));
  });

  it('has every acknowledged signature in the file when the caller is answered', async () => {
    const { file, store } = await signingCeremony();
    const reader = new Database(file, { readonly: true });
    const inFile = reader.prepare('SELECT 1 FROM signatures WHERE ceremony_id = ? AND agreement_id = ? AND party_id = ?');
    const service = new CeremonyService({ store, now: clock() });
    const missing: string[] = [];
    try {
      await Promise.all(everySignature().map(({ agreementId, partyId }, n) => {
        const { command, attachments } = sign(agreementId, partyId, n);
        return service.execute(ID, command, attachments).then((r) => {
          // Read through another connection at the moment of the answer: committed, not just cached.
          if (!r.ok || !inFile.get(ID, agreementId, partyId)) missing.push(`${agreementId}/${partyId}`);
        });
      }));
    } finally {
      reader.close();
    }
    expect(missing).toEqual([]);
  });
});

function countSignatures(state: Published['state']): number {
  return state.ceremony.agreements.reduce((sum, a) => sum + Object.keys(a.signatures).length, 0);
}

describe('a version reported while a commit is in flight', () => {
  /** Storage reports `reported(version)` to the service (as the stamp queue or a cluster notice does) after each commit landed, before the service hears of it. */
  async function serviceWithReports(reported: (committedVersion: number) => number) {
    openUnderTest = WRITERS[0][1];
    const { store } = await signingCeremony();
    let loads = 0;
    const told: { service?: CeremonyService } = {};
    const wrapped = new Proxy(store, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver);
        if (name === 'loadCeremony') return (id: string) => ((loads += 1), target.loadCeremony(id));
        if (name !== 'commit') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: Parameters<CeremonyStore['commit']>) => {
          const committed = await target.commit(...args);
          told.service!.markStale(ID, reported(await target.version(ID)));
          return committed;
        };
      },
    });
    const service = (told.service = new CeremonyService({ store: wrapped, now: clock() }));
    await service.ensure(ID);
    return { service, loads: () => loads };
  }

  it('is no reason to reload when it is the commit itself', async () => {
    const { service, loads } = await serviceWithReports((version) => version);
    const before = loads();
    for (const [n, { agreementId, partyId }] of everySignature().slice(0, 4).entries()) {
      const { command, attachments } = sign(agreementId, partyId, n);
      expect((await service.execute(ID, command, attachments)).ok).toBe(true);
    }
    expect(loads()).toBe(before);
  });

  it('marks the state stale after the commit when storage is newer than it', async () => {
    const { service, loads } = await serviceWithReports((version) => version + 1);
    const before = loads();
    const [first] = everySignature();
    const { command, attachments } = sign(first.agreementId, first.partyId, 0);
    expect((await service.execute(ID, command, attachments)).ok).toBe(true);
    expect(loads()).toBe(before);
    await service.ensure(ID);
    expect(loads()).toBe(before + 1);
  });
});
