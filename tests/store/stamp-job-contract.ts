// The stamp-job part of the store suite: jobs appear with `agreement.signed`, are claimed as
// leases, taken over when a lease runs out, parked and unparked by events, and swept back when
// lost; nodes claiming at once never share a job.
import { expect } from 'vitest';
import type { StoreUnderTest } from './store-contract';
import { nodes } from './store-contract';
import { demoSlice } from '../support/demo-slice';
import { tinyRoster } from '../support/tiny-roster';
import { CeremonyRun, organizer, system } from './store-fixture';

type Test = (title: string, body: (s: StoreUnderTest) => Promise<void>) => void;

/** Well after every event the fixtures commit. */
const NOW = '2021-01-18T05:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();
const LEASE = 30_000;

async function signed(store: StoreUnderTest['store'], agreementIds: string[]): Promise<CeremonyRun> {
  const run = await CeremonyRun.create(store, tinyRoster());
  await run.open();
  await run.call(['K-001', 'K-002', 'K-003', 'K-004']);
  await run.signAll(agreementIds);
  return run;
}

export function describeStampJobContract(test: Test): void {
  test('signing creates a stamp job; a claim is a lease that another node takes over when it runs out', async (s) => {
    const [a, b, c] = await nodes(s, 3);
    const run = await CeremonyRun.create(a, tinyRoster());
    await run.open();
    await run.call(['K-001', 'K-002']);
    await run.run(run.signCommands('K-001').slice(0, 1));
    expect(await a.claimStampJobs('node-a', 10, LEASE, NOW)).toEqual([]);
    await run.run(run.signCommands('K-001').slice(1));
    expect(await a.claimStampJobs('node-a', 10, LEASE, NOW)).toEqual([
      { ceremonyId: run.id, agreementId: 'K-001', attempt: 1, leaseOwner: 'node-a', leaseUntil: later(LEASE) },
    ]);
    expect(await b.claimStampJobs('node-b', 10, LEASE, later(LEASE - 1))).toEqual([]);
    // Node a died: its lease runs out and node b takes the job over.
    const takenOver = await b.claimStampJobs('node-b', 10, LEASE, later(LEASE));
    expect(takenOver).toEqual([{ ceremonyId: run.id, agreementId: 'K-001', attempt: 2, leaseOwner: 'node-b', leaseUntil: later(2 * LEASE) }]);
    // Node a's late release changes nothing: the job is b's now.
    await a.releaseStampJob(run.id, 'K-001', 'node-a', NOW);
    expect(await c.claimStampJobs('node-c', 10, LEASE, later(LEASE + 1))).toEqual([]);
    // b fails and gives it back with a back-off: not due before retryAt, due from it.
    await b.releaseStampJob(run.id, 'K-001', 'node-b', later(LEASE + 120_000));
    expect(await c.claimStampJobs('node-c', 10, LEASE, later(LEASE + 119_999))).toEqual([]);
    expect(await c.claimStampJobs('node-c', 10, LEASE, later(LEASE + 120_000))).toMatchObject([{ agreementId: 'K-001', attempt: 3, leaseOwner: 'node-c' }]);
    // The stamp removes the job.
    await run.stamp('K-001');
    expect(await a.claimStampJobs('node-a', 10, LEASE, later(3_600_000))).toEqual([]);
    expect(await a.sweepStampJobs(later(3_600_000))).toBe(0);
  });

  test('a renewed lease stays its node\'s; once renewals stop, another node takes the job over', async (s) => {
    const [a, b] = await nodes(s, 2);
    const run = await signed(a, ['K-001', 'K-002']);
    const short = 6_000;
    const claimed = await a.claimStampJobs('node-a', 2, short, NOW);
    expect(claimed.map((j) => j.agreementId).sort()).toEqual(['K-001', 'K-002']);
    const [k1] = claimed.filter((j) => j.agreementId === 'K-001');
    // Node a works on K-001 only (K-002's claim is left to run out): its heartbeats carry K-001 on.
    expect(await a.renewStampJobs('node-a', [k1], short, later(2_000))).toBe(1);
    expect(await a.renewStampJobs('node-a', [k1], short, later(4_000))).toBe(1);
    expect((await b.claimStampJobs('node-b', 10, short, later(short))).map((j) => j.agreementId)).toEqual(['K-002']);
    // Someone else's job (and a job nobody has) is not renewed by a node that does not hold it.
    expect(await a.renewStampJobs('node-a', [{ ceremonyId: run.id, agreementId: 'K-002' }, { ceremonyId: run.id, agreementId: 'toString' }], short, later(short))).toBe(0);
    expect(await b.claimStampJobs('node-b', 10, short, later(4_000 + short - 1))).toEqual([]);
    // Node a died after its last heartbeat: one lease later, K-001 is b's.
    expect(await b.claimStampJobs('node-b', 10, short, later(4_000 + short))).toMatchObject([{ agreementId: 'K-001', attempt: 2, leaseOwner: 'node-b' }]);
    expect(await a.renewStampJobs('node-a', [k1], short, later(4_000 + short))).toBe(0);
    expect(await a.renewStampJobs('node-a', [], short, later(4_000 + short))).toBe(0);
  });

  test('a parked agreement is neither claimed nor swept until an organizer retries it', async (s) => {
    const run = await signed(s.store, ['K-001', 'K-002']);
    const [job] = await s.store.claimStampJobs('node-a', 1, LEASE, NOW);
    expect(job).toMatchObject({ agreementId: 'K-001', attempt: 1 });
    await run.run([{ type: 'markStampFailed', actor: system, agreementId: 'K-001', reason: 'timeout', attempts: 3, detail: 'stamp timed out' }]);
    expect((await s.store.loadCeremony(run.id))!.ceremony).toEqual(run.state.ceremony);
    const due = later(LEASE * 10);
    expect((await s.store.claimStampJobs('node-b', 10, LEASE, due)).map((j) => j.agreementId)).toEqual(['K-002']);
    expect(await s.store.sweepStampJobs(due)).toBe(0);
    // Even with its job row lost, the chain says it is parked: the sweep leaves it parked.
    await s.loseStampJobs(run.id);
    expect(await s.store.sweepStampJobs(due)).toBe(1);
    expect((await s.store.claimStampJobs('node-b', 10, LEASE, due)).map((j) => j.agreementId)).toEqual(['K-002']);
    await run.run([{ type: 'retryStamp', actor: organizer, agreementId: 'K-001' }]);
    expect(await s.store.claimStampJobs('node-c', 10, LEASE, due)).toMatchObject([{ agreementId: 'K-001', attempt: 1, leaseOwner: 'node-c' }]);
  });

  test('the sweep gives a job back to every signed, unstamped agreement that lost its own', async (s) => {
    const run = await signed(s.store, ['K-001', 'K-002', 'K-003']);
    await run.stamp('K-003');
    await s.loseStampJobs(run.id);
    expect(await s.store.claimStampJobs('node-a', 10, LEASE, NOW)).toEqual([]);
    expect(await s.store.sweepStampJobs(NOW)).toBe(2);
    expect(await s.store.sweepStampJobs(NOW)).toBe(0);
    const claimed = await s.store.claimStampJobs('node-a', 10, LEASE, NOW);
    expect(claimed.map((j) => j.agreementId).sort()).toEqual(['K-001', 'K-002']);
    expect(claimed.every((j) => j.attempt === 1)).toBe(true);
  });

  test('nodes claiming at the same moment never get the same job', async (s) => {
    const stores = await nodes(s, 4);
    const run = await CeremonyRun.create(s.store, demoSlice(30));
    await run.open();
    const ids = run.state.ceremony.agreements.map((a) => a.id);
    await run.call(ids);
    await run.signAll(ids);
    const claimedBy = await Promise.all(
      stores.map(async (store, i) => {
        const mine: string[] = [];
        for (;;) {
          const jobs = await store.claimStampJobs(`node-${i}`, 2, 60_000, NOW);
          if (jobs.length === 0) return mine;
          for (const j of jobs) expect(j.leaseOwner).toBe(`node-${i}`);
          mine.push(...jobs.map((j) => j.agreementId));
        }
      }),
    );
    const all = claimedBy.flat();
    expect(all.sort()).toEqual([...ids].sort());
    expect(new Set(all).size).toBe(ids.length);
  });
}
