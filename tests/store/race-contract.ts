// Nodes racing on one ceremony (call, recall, sign, stamp, close…), seeded: whatever the
// interleaving, each version is made by exactly one commit, the losers change nothing, and the
// stored ceremony is exactly the state of the last node that won.
import { expect } from 'vitest';
import type { Command } from '../../server/domain/commands';
import type { CeremonyState } from '../../server/domain/state';
import { verifyAuditChain } from '../../server/persistence/audit-chain';
import type { Attachments, CeremonyStore } from '../../server/persistence/store-contract';
import { VersionConflictError } from '../../server/persistence/store-errors';
import { sha256Hex } from '../../server/security/sha256';
import { createSeededRandom, type SeededRandom } from '../../server/seed/seeded-random';
import { demoSlice } from '../support/demo-slice';
import type { StoreUnderTest } from './store-contract';
import { nodes } from './store-contract';
import { CeremonyRun, organizer, pdfBytes, system } from './store-fixture';

type Test = (title: string, body: (s: StoreUnderTest) => Promise<void>) => void;

const BASE_SEED = Number(process.env.STORE_RACE_SEED ?? 20210118);
const RUNS = 3;
const NODES = 3;
const STEPS = 25;

/** A command a node might send from what it believes, with the attachments it needs. */
function randomCommand(rng: SeededRandom, state: CeremonyState, run: CeremonyRun): { command: Command; attachments?: Attachments } | undefined {
  const { phase, agreements, rooms } = state.ceremony;
  if (phase === 'draft') return { command: { type: 'openLobby', actor: organizer } };
  if (phase === 'lobby') return { command: { type: 'startSigning', actor: organizer } };
  if (phase === 'closed') return undefined;
  const open = agreements.filter((a) => a.status === 'pending' || a.status === 'called');
  const called = agreements.filter((a) => a.status === 'called');
  const signed = agreements.filter((a) => a.status === 'signed');
  switch (rng.weightedIndex([3, 1, 8, 2, 1, 1, 0.3])) {
    case 0:
      if (!open.length) return undefined;
      return { command: { type: 'call', actor: organizer, agreementIds: [rng.pick(open).id, rng.pick(open).id], waveId: `W${rng.int(0, 1e9)}` } };
    case 1:
      return called.length ? { command: { type: 'recall', actor: organizer, agreementId: rng.pick(called).id } } : undefined;
    case 2: {
      if (!called.length) return undefined;
      const agreement = rng.pick(called);
      return { command: rng.pick(run.signCommands(agreement.id, agreement.parties)) };
    }
    case 3: {
      if (!signed.length) return undefined;
      const agreementId = rng.pick(signed).id;
      const pdf = pdfBytes(`final ${agreementId} ${rng.int(0, 1e9)}`);
      return {
        command: { type: 'markStamped', actor: system, agreementId, documentSha256: sha256Hex(pdf) },
        attachments: { documents: new Map([[agreementId, pdf]]) },
      };
    }
    case 4:
      return { command: { type: 'reissueInvite', actor: organizer, roomId: rng.pick(rooms).id } };
    case 5: {
      if (!signed.length) return undefined;
      const a = rng.pick(signed);
      return a.stampFailure
        ? { command: { type: 'retryStamp', actor: organizer, agreementId: a.id } }
        : { command: { type: 'markStampFailed', actor: system, agreementId: a.id, reason: 'timeout', attempts: 3, detail: 'x' } };
    }
    default:
      return { command: { type: 'close', actor: organizer } };
  }
}

async function race(stores: CeremonyStore[], seed: number): Promise<{ conflicts: number }> {
  const creator = await CeremonyRun.create(stores[0], demoSlice(10), `balapan-${seed}`);
  // The state at the highest version committed so far. Each node's commits resolve in its own
  // order: two nodes' commits can resolve in the other order than they were made (separate
  // connections, writer threads), so "newest" is by version, not by which resolved last.
  let last = { state: creator.state, version: creator.version };
  const versions = new Set<number>([creator.version]);
  let conflicts = 0;
  let committedEvents = 0;
  await Promise.all(
    stores.map(async (store, i) => {
      const rng = createSeededRandom(seed * 31 + i);
      let run = await CeremonyRun.load(store, creator.id);
      for (let step = 0; step < STEPS; step++) {
        const next = randomCommand(rng, run.state, run);
        if (!next) continue;
        let planned;
        try {
          planned = run.plan([next.command]);
        } catch {
          continue; // the core refused (e.g. signed twice): nothing to commit
        }
        if (planned.events.length === 0) continue;
        try {
          const committed = await store.commit(run.id, run.version, planned.events, next.attachments);
          // Built on the version it was planned from, and no other commit got the same version.
          expect(committed.version).toBe(run.version + planned.events.length);
          expect(versions.has(committed.version)).toBe(false);
          versions.add(committed.version);
          run.state = planned.state;
          run.version = committed.version;
          committedEvents += planned.events.length;
          if (committed.version > last.version) last = { state: run.state, version: committed.version };
        } catch (error) {
          if (!(error instanceof VersionConflictError)) throw error;
          conflicts += 1;
          run = await CeremonyRun.load(store, run.id);
        }
      }
    }),
  );
  const loaded = (await stores[0].loadCeremony(creator.id))!;
  expect(loaded.version).toBe(last.version);
  expect(loaded.version).toBe(1 + committedEvents);
  expect(loaded.ceremony).toEqual(last.state.ceremony);
  expect(loaded.inviteEpochs).toEqual(last.state.inviteEpochs);
  const rows = await stores[0].listAudit(creator.id);
  expect(verifyAuditChain(creator.id, rows, await stores[0].auditHead(creator.id)).ok).toBe(true);
  // Every stored signature was recorded once, and only the complete agreements count as signed.
  const signatureRows = rows.filter((r) => r.type === 'signature.recorded').length;
  const stored = (await Promise.all(loaded.ceremony.agreements.map((a) => stores[0].getSignatures(creator.id, a.id)))).flat();
  expect(stored).toHaveLength(signatureRows);
  return { conflicts };
}

export function describeRaceContract(test: Test): void {
  test(`nodes racing on the same commands never make two versions of the state (seeded, ${RUNS} runs)`, async (s) => {
    const stores = await nodes(s, NODES);
    let conflicts = 0;
    for (let r = 0; r < RUNS; r++) {
      const seed = BASE_SEED + r;
      try {
        conflicts += (await race(stores, seed)).conflicts;
      } catch (error) {
        console.error(`store race failed with seed ${seed} (STORE_RACE_SEED=${seed} replays it)`);
        throw error;
      }
    }
    console.log(`store race: seeds ${BASE_SEED}…${BASE_SEED + RUNS - 1}, ${conflicts} version conflicts resolved by reloading`);
    // The race must actually have raced.
    expect(conflicts).toBeGreaterThan(0);
  });
}
