// npm run bench:postgres — the PostgreSQL store on a throwaway local server (durable settings:
// fsync and synchronous_commit on, as a ceremony would run): importing the demo and a 1,000-
// agreement roster, signing the demo with one commit per signature (as the service commits),
// loading it back, and claiming its stamp jobs with 1 and 4 claimers. Raw baseline measured in the
// same run on the same server: a transaction that inserts one row.
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { rosterToCeremony } from '../server/ceremony/import-ceremony';
import { startLocalPostgres } from '../server/cluster/local-postgres';
import { apply } from '../server/domain/apply';
import type { Command } from '../server/domain/commands';
import { createState } from '../server/domain/state';
import { openPostgresStore } from '../server/persistence/postgres/postgres-store';
import type { CeremonyStore } from '../server/persistence/store-contract';
import { buildDemoRoster } from '../server/seed/demo-roster';
import { sha256Hex } from '../server/security/sha256';
import type { TRoster } from '../shared/protocol/schemas';
import { largeRoster } from '../tests/support/large-roster';

const T0 = '2021-01-18T02:00:00.000Z';
const organizer = { role: 'organizer', ceremonyId: 'bench' } as const;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const line = (label: string, value: string) => console.log(`${label.padEnd(58)} ${value}`);
const latency = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  return `${(ms.length / (total / 1000)).toFixed(0).padStart(6)}/s   p50 ${pct(s, 50).toFixed(2)} ms   p99 ${pct(s, 99).toFixed(2)} ms`;
};

async function create(store: CeremonyStore, roster: TRoster, id: string): Promise<number> {
  const ceremony = rosterToCeremony(roster, id, T0);
  const pdf = new Uint8Array(40_000).fill(37); // about the size of a rendered agreement
  const originals = new Map(ceremony.agreements.map((a) => [a.id, { pdf, sha256: sha256Hex(pdf) }]));
  const start = performance.now();
  await store.createCeremony(ceremony, { originals });
  return performance.now() - start;
}

/** Signs every agreement, one commit per signature; returns each commit's latency. */
async function signAll(store: CeremonyStore, id: string): Promise<number[]> {
  const loaded = (await store.loadCeremony(id))!;
  let state = createState(loaded.ceremony, { now: T0 });
  let version = loaded.version;
  let tick = 0;
  const step = async (command: Command) => {
    const r = apply(state, command, { now: new Date(Date.parse(T0) + ++tick * 1000).toISOString() });
    if (!r.ok) throw r.error;
    const start = performance.now();
    version = (await store.commit(id, version, r.value.events)).version;
    state = r.value.state;
    return performance.now() - start;
  };
  await step({ type: 'openLobby', actor: organizer });
  await step({ type: 'startSigning', actor: organizer });
  const times: number[] = [];
  const ids = state.ceremony.agreements.map((a) => a.id);
  for (let w = 0; w < ids.length; w += 25) {
    const wave = ids.slice(w, w + 25);
    await step({ type: 'call', actor: organizer, agreementIds: wave, waveId: `W${w}` });
    for (const agreementId of wave) {
      for (const partyId of state.ceremony.agreements.find((a) => a.id === agreementId)!.parties) {
        const party = state.index.party.get(partyId)!;
        times.push(
          await step({
            type: 'sign',
            actor: { role: 'official', ceremonyId: id, roomId: party.room },
            agreementId,
            partyId,
            signature: { kind: 'typed', typedText: party.representative.name },
            evidence: { ipHmac: 'h', userAgentHash: 'u', tokenId: 't' },
          }),
        );
      }
    }
  }
  return times;
}

async function rawInserts(url: string, n: number): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE raw_bench (id SERIAL PRIMARY KEY, at TEXT NOT NULL, payload TEXT NOT NULL)');
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await client.query('BEGIN');
    await client.query('INSERT INTO raw_bench (at, payload) VALUES ($1, $2)', [T0, `{"n":${i}}`]);
    await client.query('COMMIT');
    times.push(performance.now() - start);
  }
  await client.end();
  return times;
}

async function claimAll(stores: CeremonyStore[]): Promise<{ jobs: number; ms: number }> {
  const now = '2021-01-18T09:00:00.000Z';
  const start = performance.now();
  const counts = await Promise.all(
    stores.map(async (store, i) => {
      let n = 0;
      for (;;) {
        const jobs = await store.claimStampJobs(`node-${i}-${start}`, 1, 60_000, now);
        if (!jobs.length) return n;
        n += jobs.length;
      }
    }),
  );
  return { jobs: counts.reduce((a, b) => a + b, 0), ms: performance.now() - start };
}

const server = await startLocalPostgres({ fast: false });
try {
  const url = await server.createDatabase('bench');
  const store = await openPostgresStore(url, { migrate: true });
  line('createCeremony, demo (196 agreements, 40 KB PDFs)', `${(await create(store, buildDemoRoster(), 'demo')).toFixed(0)} ms`);
  line('createCeremony, generated (1,000 agreements in 60 rooms)', `${(await create(store, largeRoster(), 'besar')).toFixed(0)} ms`);
  const commits = await signAll(store, 'demo');
  line(`commit of one signature, demo (${commits.length} commits)`, latency(commits));
  line(`raw baseline: one-row INSERT transaction (${commits.length})`, latency(await rawInserts(url, commits.length)));
  const loads: number[] = [];
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    await store.loadCeremony('demo');
    loads.push(performance.now() - start);
  }
  line('loadCeremony, demo fully signed (10 loads)', `p50 ${pct([...loads].sort((a, b) => a - b), 50).toFixed(1)} ms`);
  const one = await claimAll([store]);
  line(`claim stamp jobs one at a time, 1 claimer (${one.jobs} jobs)`, `${(one.jobs / (one.ms / 1000)).toFixed(0)} claims/s`);
  // Claims expire only after 60 s; a fresh database for the second round.
  const url2 = await server.createDatabase('bench2');
  const store2 = await openPostgresStore(url2, { migrate: true });
  await create(store2, buildDemoRoster(), 'demo');
  await signAll(store2, 'demo');
  const peers = [store2, ...(await Promise.all([1, 2, 3].map(() => openPostgresStore(url2))))];
  const four = await claimAll(peers);
  line(`claim stamp jobs one at a time, 4 claimers (${four.jobs} jobs)`, `${(four.jobs / (four.ms / 1000)).toFixed(0)} claims/s`);
  await Promise.all([store, ...peers].map((s) => s.close()));
} finally {
  await server.stop();
}
