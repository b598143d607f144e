// The stamping queue frees a stamping worker as soon as its document is made: the next job's
// document is being made while the previous job's commit still waits for storage (the SQLite
// writer thread or PostgreSQL), and the queue is idle only when both are done. Real SQLite file
// (writer thread), real service; the documents are small stand-in PDFs so the test can hold a
// commit and watch what the queue does meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CeremonyService } from '../../../server/ceremony/ceremony-service';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { StampQueue } from '../../../server/ceremony/stamp-queue';
import type { Actor } from '../../../server/domain/commands';
import { openThreadedSqliteStore } from '../../../server/persistence/sqlite-threaded-store';
import type { CeremonyStore } from '../../../server/persistence/store-contract';
import { sha256Hex } from '../../../server/security/sha256';
import { demoSlice } from '../../support/demo-slice';

const ID = 'antrian';
const roster = demoSlice(2, ID);
const dir = mkdtempSync(join(tmpdir(), 'saksi-stamp-queue-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};

it("starts the next job's document while the previous job's commit is still in flight", async () => {
  const store = openThreadedSqliteStore(join(dir, 'stamps.db'));
  expect(await store.ready).toBe(true);
  const ceremony = rosterToCeremony(roster, ID, '2021-01-18T02:00:00.000Z');
  const original = new Uint8Array([37, 80, 68, 70]);
  await store.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: original, sha256: sha256Hex(original) }])) });

  // Commits of `agreement.stamped` wait at this gate until the test opens it.
  let gate: (() => void) | undefined;
  const held: string[] = [];
  const gated = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (name !== 'commit') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: Parameters<CeremonyStore['commit']>) => {
        if (args[2].some((e) => e.type === 'agreement.stamped')) {
          held.push(...args[2].map((e) => e.type));
          await new Promise<void>((resolve) => (gate = resolve));
        }
        return target.commit(...args);
      };
    },
  }) as CeremonyStore;
  let clock = Date.parse('2021-01-18T03:00:00.000Z');
  const service = new CeremonyService({ store: gated, now: () => new Date((clock += 1000)).toISOString() });
  const organizer: Actor = { role: 'organizer', ceremonyId: ID };
  for (const command of [
    { type: 'openLobby', actor: organizer },
    { type: 'startSigning', actor: organizer },
    { type: 'call', actor: organizer, agreementIds: roster.agreements.map((a) => a.id), waveId: 'W-1' },
  ] as const) {
    expect((await service.execute(ID, command)).ok).toBe(true);
  }
  const roomOf = new Map(roster.parties.map((p) => [p.id, p.room]));
  for (const [n, a] of roster.agreements.entries()) {
    for (const partyId of a.parties) {
      const r = await service.execute(ID, {
        type: 'sign',
        actor: { role: 'official', ceremonyId: ID, roomId: roomOf.get(partyId)! },
        agreementId: a.id,
        partyId,
        signature: { kind: 'typed', typedText: 'Tanda Tangan' },
        evidence: { ipHmac: 'i', userAgentHash: 'u', tokenId: `t-${n}-${partyId}` },
      });
      expect(r.ok).toBe(true);
    }
  }

  const made: string[] = [];
  const queue = new StampQueue({
    service,
    store: gated,
    documents: {
      finalizeAgreement: async (input) => {
        made.push(input.document.agreement.id);
        return new TextEncoder().encode(`%PDF-1.7 stamped ${input.document.agreement.id}\n`);
      },
    },
    publicUrl: () => 'https://saksi.example.id',
    concurrency: 1,
    log: () => {},
  });
  queue.resume(ID);
  // One worker: the first document is made and its commit held; the second is made meanwhile.
  await until(() => held.length > 0 && made.length === 2);
  expect(service.ceremony(ID)!.agreements.filter((a) => a.status === 'stamped')).toEqual([]);
  const idle = queue.whenIdle();
  let isIdle = false;
  void idle.then(() => (isIdle = true));
  while (service.ceremony(ID)!.agreements.some((a) => a.status !== 'stamped')) {
    await until(() => gate !== undefined);
    const open = gate!;
    gate = undefined;
    open();
    await until(() => gate !== undefined || service.ceremony(ID)!.agreements.every((a) => a.status === 'stamped'));
  }
  await idle;
  expect(isIdle).toBe(true);
  expect(made.sort()).toEqual(roster.agreements.map((a) => a.id).sort());
  await queue.close();
  await service.idle();
  await store.close();
});
