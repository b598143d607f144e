// Two CeremonyService instances (two nodes) on the same SQLite file through two handles, racing
// on calls, recalls, signatures, stamps, parking and closing in seeded random interleavings: every
// commit is a compare-and-set on the ceremony's version, so there is only ever one history. After
// each run: the audit chain verifies, every signature and stamp is stored exactly once, no two
// commits share a version, and a node's state equals a fresh load of what is stored.
// Reproduce a run with RACE_SEED=<seed>.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { CeremonyService } from '../../../server/ceremony/ceremony-service';
import type { Actor, Command } from '../../../server/domain/commands';
import { createState } from '../../../server/domain/state';
import { verifyAuditChain } from '../../../server/persistence/audit-chain';
import { openSqliteStore } from '../../../server/persistence/sqlite-store';
import { VersionConflictError } from '../../../server/persistence/store-errors';
import type { CeremonyStore } from '../../../server/persistence/store-contract';
import { createSeededRandom, type SeededRandom } from '../../../server/seed/seeded-random';
import { sha256Hex } from '../../../server/security/sha256';
import { tinyRoster } from '../../support/tiny-roster';

const seed = Number(process.env.RACE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = 25;
const STEPS = 24;
const ID = 'balapan';
const organizer: Actor = { role: 'organizer', ceremonyId: ID };
const system: Actor = { role: 'system' };
// tmpfs when there is one: the runs measure interleavings, not fsync.
const dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'saksi-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Commits refused as stale, over all runs: the race must actually happen for the test to mean anything. */
let conflicts = 0;

/** Each store call waits a random number of event-loop turns first: loads and commits of the two nodes interleave. */
function jittered(store: CeremonyStore, r: SeededRandom): CeremonyStore {
  const wait = async () => {
    for (let i = r.int(0, 2); i > 0; i -= 1) await new Promise((resolve) => setImmediate(resolve));
  };
  return new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        await wait();
        try {
          return await value.apply(target, args);
        } catch (error) {
          if (error instanceof VersionConflictError) conflicts += 1;
          throw error;
        }
      };
    },
  });
}

function randomCommand(r: SeededRandom, step: number): { command: Command; pdf?: Uint8Array } {
  const roster = tinyRoster(ID);
  const agreement = r.pick(roster.agreements);
  const kind = r.weightedIndex([3, 1, 1, 6, 2, 1, 1, step > STEPS * 0.8 ? 1 : 0]);
  switch (kind) {
    case 0: {
      const agreementIds = roster.agreements.filter(() => r.next() < 0.5).map((a) => a.id);
      return { command: { type: 'call', actor: organizer, agreementIds: agreementIds.length ? agreementIds : [agreement.id], waveId: `W-${step}` } };
    }
    case 1:
      return { command: { type: 'recall', actor: organizer, agreementId: agreement.id } };
    case 2:
      return { command: { type: 'retryStamp', actor: organizer, agreementId: agreement.id } };
    case 3: {
      const partyId = r.pick(agreement.parties);
      const roomId = roster.parties.find((p) => p.id === partyId)!.room;
      return {
        command: {
          type: 'sign',
          actor: { role: 'official', ceremonyId: ID, roomId },
          agreementId: agreement.id,
          partyId,
          signature: { kind: 'typed', typedText: 'Tanda Tangan' },
          evidence: { ipHmac: 'i', userAgentHash: 'u', tokenId: `t-${step}` },
        },
      };
    }
    case 4: {
      const pdf = new Uint8Array([37, 80, 68, 70, step, r.int(0, 255)]);
      return { command: { type: 'markStamped', actor: system, agreementId: agreement.id, documentSha256: sha256Hex(pdf) }, pdf };
    }
    case 5:
      return { command: { type: 'markStampFailed', actor: system, agreementId: agreement.id, reason: 'error', attempts: 3, detail: 'uji' } };
    case 6:
      return { command: { type: 'reissueInvite', actor: organizer, roomId: r.pick(roster.rooms).id } };
    default:
      return { command: { type: 'close', actor: organizer } };
  }
}

async function raceOnce(runSeed: number): Promise<void> {
  const r = createSeededRandom(runSeed);
  const file = join(dir, `run-${runSeed}.db`);
  const handles = [openSqliteStore(file), openSqliteStore(file)];
  try {
    const ceremony = rosterToCeremony(tinyRoster(ID), ID, '2021-01-18T02:00:00.000Z');
    await handles[0].createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: new Uint8Array([37]), sha256: `sha-${a.id}` }])) });
    let clock = Date.parse('2021-01-18T02:00:00.000Z');
    const now = () => new Date((clock += 1000)).toISOString();
    const nodes = handles.map((h) => new CeremonyService({ store: jittered(h, r), now }));
    for (const type of ['openLobby', 'startSigning'] as const) expect((await nodes[r.int(0, 1)].execute(ID, { type, actor: organizer })).ok).toBe(true);

    const committedVersions: number[] = [];
    for (let step = 0; step < STEPS; ) {
      // A burst of 1–4 commands, each on a random node, all in flight at once.
      const burst = Array.from({ length: r.int(1, 4) }, () => {
        const { command, pdf } = randomCommand(r, step++);
        const node = nodes[r.int(0, 1)];
        return node.execute(ID, command, pdf ? { documents: new Map([[(command as { agreementId: string }).agreementId, pdf]]) } : undefined);
      });
      for (const result of await Promise.all(burst)) {
        // A command refused by the rules is fine; storage must never have refused one (INTERNAL).
        if (!result.ok) expect(result.error.code, result.error.message).not.toBe('INTERNAL');
        else if (result.value.events.length) committedVersions.push(result.value.version);
      }
    }

    const store = handles[0];
    const rows = await store.listAudit(ID);
    const head = await store.auditHead(ID);
    expect(verifyAuditChain(ID, rows, head).ok).toBe(true);
    expect(new Set(committedVersions).size).toBe(committedVersions.length);
    expect(Math.max(2, ...committedVersions)).toBeLessThanOrEqual(head.n);

    const count = (type: string, key: (p: any) => string) => {
      const seen = new Map<string, number>();
      for (const row of rows.filter((x) => x.type === type)) {
        const k = key(JSON.parse(row.payload));
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      return seen;
    };
    const signatures = count('signature.recorded', (p) => `${p.signature.agreementId}/${p.signature.partyId}`);
    expect([...signatures.values()].every((n) => n === 1)).toBe(true);
    expect([...count('agreement.signed', (p) => p.agreementId).values()].every((n) => n === 1)).toBe(true);
    expect([...count('agreement.stamped', (p) => p.agreementId).values()].every((n) => n === 1)).toBe(true);
    expect(count('ceremony.closed', () => '').get('') ?? 0).toBeLessThanOrEqual(1);
    let stored = 0;
    for (const a of ceremony.agreements) stored += (await store.getSignatures(ID, a.id)).length;
    expect(stored).toBe(signatures.size);

    const fresh = (await store.loadCeremony(ID))!;
    expect(fresh.version).toBe(head.n);
    const freshState = createState(fresh.ceremony, { inviteEpochs: fresh.inviteEpochs, now: now() });
    for (const node of nodes) {
      // The node that committed last holds exactly what storage holds; the other catches up on its next access.
      if (node.version(ID) !== head.n) {
        node.markStale(ID, head.n);
        await node.ensure(ID);
      }
      const state = node.get(ID)!;
      expect(state.ceremony).toEqual(fresh.ceremony);
      expect(state.inviteEpochs).toEqual(freshState.inviteEpochs);
      expect({ ...state.tally, updatedAt: '' }).toEqual({ ...freshState.tally, updatedAt: '' });
    }
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
}

describe('two nodes racing on one SQLite file', () => {
  it(`never produce two versions of the ceremony (seed ${seed}, ${RUNS} runs)`, async () => {
    console.log(`version race seed: ${seed} (reproduce with RACE_SEED=${seed})`);
    const seeds = createSeededRandom(seed);
    for (let run = 0; run < RUNS; run += 1) {
      const runSeed = seeds.int(0, 2 ** 31 - 1);
      try {
        await raceOnce(runSeed);
      } catch (error) {
        console.error(`version race failed: seed ${seed}, run ${run} (run seed ${runSeed})`);
        throw error;
      }
    }
    expect(conflicts).toBeGreaterThan(RUNS);
  }, 120_000);
});
