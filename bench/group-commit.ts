// Benchmark: the commit path of a signing burst, in process, on a real SQLite file (WAL,
// synchronous=FULL, in the OS temp dir): CeremonyService + SqliteStore, every signature of the
// demo (196 agreements, 392 signatures, 16 rooms) and of the generated roster (1,000 agreements,
// 60 rooms), each room signing one agreement after another as fast as its acks come back (plus
// "all at once"); each signed agreement is then marked stamped with a 120 KB PDF, as the stamp
// workers would. Group commit (the default) next to one commit per command (GROUP_COMMIT=0), and
// the raw better-sqlite3 cost of one FULL (and NORMAL) commit measured in the same run.
// Printed: transactions, commits/s, signatures/s, first signature → last stamp, and the main
// loop delay (monitorEventLoopDelay) p99/max: better-sqlite3 is synchronous, so every fsync holds
// it — unless the writes run in the SQLite writer thread (the server's default, the third mode).
// Run: npx tsx bench/group-commit.ts [--runs 3] [--rounds 200]
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { numberFlag, parseArgs } from '../server/cli/args';
import { CeremonyService } from '../server/ceremony/ceremony-service';
import { DEFAULT_COMMIT_BATCH, SERIAL_COMMITS, type CommitBatchLimits } from '../server/ceremony/commit-batch';
import { rosterToCeremony } from '../server/ceremony/import-ceremony';
import type { Actor, Command } from '../server/domain/commands';
import { openSqliteStore } from '../server/persistence/sqlite-store';
import { openThreadedSqliteStore } from '../server/persistence/sqlite-threaded-store';
import type { Attachments, CeremonyStore } from '../server/persistence/store-contract';
import { buildDemoRoster } from '../server/seed/demo-roster';
import { sha256Hex } from '../server/security/sha256';
import type { TRoster } from '../shared/protocol/schemas';
import { largeRoster } from '../tests/support/large-roster';

const { flags } = parseArgs(process.argv.slice(2));
const runs = numberFlag(flags, 'runs', 3);
const rounds = numberFlag(flags, 'rounds', 200);
const dir = mkdtempSync(join(tmpdir(), 'saksi-bench-commit-'));
const T0 = '2021-01-18T02:00:00.000Z';
const PNG = new Uint8Array(6 * 1024).fill(7);
const PDF = new Uint8Array(120 * 1024).fill(37);

/** ms per commit of a one-row INSERT transaction, the raw driver on a file beside the bench's. */
function rawCommitMs(synchronous: 'FULL' | 'NORMAL'): number {
  const file = join(dir, `raw-${synchronous}-${Date.now()}.db`);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB)');
  const insert = db.prepare('INSERT INTO t (payload) VALUES (?)');
  const row = Buffer.alloc(512, 1);
  const started = performance.now();
  for (let i = 0; i < rounds; i++) db.transaction(() => insert.run(row)).immediate();
  const ms = (performance.now() - started) / rounds;
  db.close();
  return ms;
}

interface Result {
  transactions: number;
  signatures: number;
  signingMs: number;
  totalMs: number;
  p99: number;
  max: number;
  ok: boolean;
}

/** Counts the store's commits (transactions) without changing them. */
function counting(store: CeremonyStore): { store: CeremonyStore; commits: () => number } {
  let commits = 0;
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      if (name !== 'commit') return value.bind(target);
      return (...args: Parameters<CeremonyStore['commit']>) => {
        commits += 1;
        return target.commit(...args);
      };
    },
  });
  return { store: wrapped, commits: () => commits };
}

async function burst(roster: TRoster & { id: string }, limits: CommitBatchLimits, concurrency: 'rooms' | 'all', writerThread: boolean): Promise<Result> {
  const { id } = roster;
  const file = join(dir, `${id}-${limits.maxCommands}-${concurrency}-${Date.now()}.db`);
  const threaded = writerThread ? openThreadedSqliteStore(file) : undefined;
  if (threaded && !(await threaded.ready)) throw new Error('the SQLite writer thread did not start');
  const raw = threaded ?? openSqliteStore(file);
  const ceremony = rosterToCeremony(roster, id, T0);
  await raw.createCeremony(ceremony, { originals: new Map(ceremony.agreements.map((a) => [a.id, { pdf: PDF.subarray(0, 1024), sha256: `sha-${a.id}` }])) });
  const { store, commits } = counting(raw);
  let clock = Date.parse(T0);
  const service = new CeremonyService({ store, now: () => new Date((clock += 10)).toISOString(), commitBatch: limits });
  const organizer: Actor = { role: 'organizer', ceremonyId: id };
  for (const command of [
    { type: 'openLobby', actor: organizer },
    { type: 'startSigning', actor: organizer },
    { type: 'call', actor: organizer, agreementIds: ceremony.agreements.map((a) => a.id), waveId: 'W-1' },
  ] as const) {
    if (!(await service.execute(id, command)).ok) throw new Error(`${command.type} refused`);
  }
  const before = commits();

  // Each room signs its parties' signatures one after another; 'all' sends every one at once.
  const roomOf = new Map(roster.parties.map((p) => [p.id, p.room]));
  const lanes = new Map<string, Array<{ agreementId: string; partyId: string }>>();
  for (const a of roster.agreements) {
    for (const partyId of a.parties) {
      const lane = concurrency === 'all' ? `${a.id}/${partyId}` : (roomOf.get(partyId) ?? '');
      lanes.set(lane, [...(lanes.get(lane) ?? []), { agreementId: a.id, partyId }]);
    }
  }
  let ok = true;
  let n = 0;
  const stamps: Promise<unknown>[] = [];
  const signOne = async (agreementId: string, partyId: string) => {
    const key = `${agreementId}/${partyId}`;
    const drawn = (n += 1) % 2 === 0;
    const command: Command = {
      type: 'sign',
      actor: { role: 'official', ceremonyId: id, roomId: roomOf.get(partyId) ?? '' },
      agreementId,
      partyId,
      signature: drawn ? { kind: 'drawn', imageSha256: sha256Hex(PNG) } : { kind: 'typed', typedText: 'Tanda Tangan' },
      evidence: { ipHmac: 'i', userAgentHash: 'u', tokenId: `t-${n}` },
    };
    const attachments: Attachments = { signerAddresses: new Map([[key, '10.0.0.1']]), ...(drawn ? { signatureImages: new Map([[key, PNG]]) } : {}) };
    const r = await service.execute(id, command, attachments);
    if (!r.ok) ok = false;
    else if (r.value.events.some((e) => e.type === 'agreement.signed')) {
      // The stamp worker's result comes back later, as another command of the same ceremony.
      stamps.push(
        new Promise((resolve) => setImmediate(resolve)).then(() =>
          service.execute(id, { type: 'markStamped', actor: { role: 'system' }, agreementId, documentSha256: sha256Hex(PDF) }, { documents: new Map([[agreementId, PDF]]) }),
        ).then((s) => (ok &&= s.ok)),
      );
    }
  };
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  await Promise.all([...lanes.values()].map(async (lane) => {
    for (const { agreementId, partyId } of lane) await signOne(agreementId, partyId);
  }));
  const signingMs = performance.now() - started;
  await Promise.all(stamps);
  const totalMs = performance.now() - started;
  loop.disable();
  await service.idle();
  await raw.close();
  rmSync(file, { force: true });
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  return { transactions: commits() - before, signatures: n, signingMs, totalMs, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, ok };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const f = (x: number, digits = 1) => x.toFixed(digits);

console.log(`Saksi group commit benchmark, median of ${runs} runs; load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const rawFull = Array.from({ length: runs }, () => rawCommitMs('FULL'));
const rawNormal = Array.from({ length: runs }, () => rawCommitMs('NORMAL'));
console.log(`  raw better-sqlite3 commit (WAL, one-row INSERT), synchronous=FULL:   ${f(median(rawFull), 2)} ms  → ${f(1000 / median(rawFull), 0)} commits/s`);
console.log(`  raw better-sqlite3 commit (WAL, one-row INSERT), synchronous=NORMAL: ${f(median(rawNormal), 2)} ms`);

const demo = { ...buildDemoRoster(), id: 'demo-bench' };
const large = { ...largeRoster(), id: 'large-bench' };
let allOk = true;
for (const [name, roster] of [['demo (196 agreements, 16 rooms)', demo], ['roster (1,000 agreements, 60 rooms)', large]] as const) {
  for (const concurrency of ['rooms', 'all'] as const) {
    console.log(`\n  ${name}, ${concurrency === 'rooms' ? 'each room signing one after another' : 'every signature sent at once'}:`);
    console.log(`    ${'mode'.padEnd(22)} ${'transactions'.padStart(12)} ${'commits/s'.padStart(10)} ${'sigs/s'.padStart(8)} ${'signing'.padStart(9)} ${'→ last stamp'.padStart(13)} ${'loop p99'.padStart(9)} ${'loop max'.padStart(9)}`);
    const modes = [
      ['one commit per command', SERIAL_COMMITS, false],
      ['group commit', DEFAULT_COMMIT_BATCH, false],
      ['group, writer thread', DEFAULT_COMMIT_BATCH, true],
    ] as const;
    for (const [mode, limits, writerThread] of modes) {
      const results: Result[] = [];
      for (let i = 0; i < runs; i++) results.push(await burst(roster, limits, concurrency, writerThread));
      allOk &&= results.every((r) => r.ok);
      const m = (pick: (r: Result) => number) => median(results.map(pick));
      console.log(
        `    ${mode.padEnd(22)} ${f(m((r) => r.transactions), 0).padStart(12)} ${f(m((r) => r.transactions / (r.totalMs / 1000)), 0).padStart(10)} ${f(m((r) => r.signatures / (r.signingMs / 1000)), 0).padStart(8)} ${(f(m((r) => r.signingMs / 1000), 2) + ' s').padStart(9)} ${(f(m((r) => r.totalMs / 1000), 2) + ' s').padStart(13)} ${(f(m((r) => r.p99)) + ' ms').padStart(9)} ${(f(m((r) => r.max)) + ' ms').padStart(9)}`,
      );
    }
  }
}
console.log(`\n  load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}; every command answered ok: ${allOk}`);
rmSync(dir, { recursive: true, force: true });
process.exit(allOk ? 0 : 1);
