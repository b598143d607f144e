// Three Saksi nodes on one PostgreSQL and one Redis, started together. A 60-agreement ceremony is
// rehearsed with its rooms, the organizer and observers spread over the nodes; when half the
// signatures are acknowledged one node is SIGKILLed, and its clients fail over to the others (as
// behind a load balancer). Afterwards: every acknowledged signature is stored exactly once, every
// agreement stamped exactly once, the tally is the same on every node (the killed one restarted
// too), the audit chain verifies, and a revoked invite link is refused by every node.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tally } from '../../shared/domain/types';
import type { CeremonyLinks } from '../../shared/protocol/views';
import { FailoverSocket } from '../../server/cli/failover-socket';
import { runRehearsal } from '../../server/cli/rehearsal';
import { startLocalCluster, type LocalCluster } from '../../server/cluster/local-cluster';
import { openPostgresStore } from '../../server/persistence/postgres/postgres-store';
import { connect } from '../support/ceremony-driver';
import { largeRoster } from '../support/large-roster';
import { POSTGRES_MISSING } from '../support/postgres';
import { tokenFromLink } from '../support/test-server';

const SEED = 20261130;
const AGREEMENTS = 60;
const ROOMS = 12;
const OBSERVERS_PER_NODE = 4;
/** See connect(): a snapshot on a loaded node of the cluster can take longer than on one server. */
const CONNECT_TIMEOUT_MS = 30_000;
const run = promisify(execFile);

const getJson = async <T>(url: string, token?: string): Promise<T> =>
  (await (await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {})).json()) as T;

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!!POSTGRES_MISSING)('three nodes on PostgreSQL + Redis', () => {
  let cluster: LocalCluster;
  const sockets: FailoverSocket[] = [];

  beforeAll(async () => {
    console.log(`cluster test seed ${SEED}`);
    cluster = await startLocalCluster({
      ports: [0, 0, 0],
      // Two cores for three nodes: one stamping worker each, and a generous stamp time limit (a
      // short one parks stamps on a loaded machine). A dead node's jobs wait for its stamp lease
      // (STAMP_LEASE_MS, renewed while a node lives), not for that limit.
      env: { SEED_DEMO: '0', STAMP_WORKERS: '1', STAMP_TIMEOUT_MS: '30000', TALLY_INTERVAL_MS: '100' },
    });
  }, 400_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await cluster?.stop();
  });

  it('survives a SIGKILLed node mid-signing: nothing lost, nothing twice, one tally everywhere', async () => {
    const roster = largeRoster(SEED, AGREEMENTS, ROOMS);
    const ceremonyId = roster.id!;
    const [n1, n2] = cluster.nodes;
    const imported = await fetch(`${n2.url}/api/ceremonies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${cluster.organizerToken}` },
      body: JSON.stringify(roster),
    });
    expect(imported.status).toBe(201);

    // Observers on every node, each failing over like the rest; they keep the last tally they saw.
    const observed: Array<{ tally?: Tally }> = [];
    for (let i = 0; i < OBSERVERS_PER_NODE * cluster.nodes.length; i++) {
      const seen: { tally?: Tally } = {};
      observed.push(seen);
      const s = new FailoverSocket({
        urls: cluster.urls(),
        start: i,
        ceremonyId,
        onConnected: (socket, first) => {
          seen.tally = first.view.tally;
          socket.on('tally:updated', (t) => (seen.tally = t));
        },
      });
      await s.connection();
      sockets.push(s);
    }

    const totalSignatures = roster.agreements.reduce((n, a) => n + a.parties.length, 0);
    const acknowledged = new Set<string>();
    let killedAt = 0;
    const killing: Promise<void>[] = [];
    const summary = await runRehearsal({
      url: n1.url,
      urls: cluster.urls(),
      ceremonyId,
      token: cluster.organizerToken,
      waveSize: 15,
      concurrency: 6,
      paceMs: 0,
      drawnRatio: 0.3,
      timeoutMs: 400_000,
      close: false,
      log: (line) => console.log(`rehearsal: ${line}`),
      onAcknowledged: (agreementId, partyId) => {
        acknowledged.add(`${agreementId}/${partyId}`);
        // Node 1 holds the organizer and a third of the rooms and observers.
        if (!killedAt && acknowledged.size >= totalSignatures / 2) {
          killedAt = Date.now();
          killing.push(n1.kill('SIGKILL'));
        }
      },
    });
    await Promise.all(killing);
    console.log(`rehearsal summary ${JSON.stringify(summary)}`);
    expect(killedAt).toBeGreaterThan(0);
    expect(summary.failovers).toBeGreaterThan(0);
    expect(summary.ok).toBe(true);

    // The killed node comes back and serves the same ceremony.
    const restarted = await cluster.restart(0);
    const urls = cluster.urls();
    let tallies: Tally[] = [];
    await until(async () => {
      tallies = await Promise.all(urls.map((u) => getJson<Tally>(`${u}/api/ceremonies/${ceremonyId}/tally`)));
      return tallies.every((t) => t.agreementsStamped === AGREEMENTS);
    }, 'every node to count every agreement stamped');
    // Every figure is the same everywhere; `updatedAt` is when that node last recomputed its tally
    // (a node that reloaded after another node's commit recomputes later), so it is not compared.
    const figures = ({ updatedAt: _updatedAt, ...rest }: Tally) => rest;
    for (const t of tallies.slice(1)) expect(figures(t)).toEqual(figures(tallies[0]));
    expect(tallies[0].agreementsSigned).toBe(AGREEMENTS);
    await until(() => observed.every((o) => o.tally?.agreementsStamped === AGREEMENTS), 'every observer to see the final tally');
    for (const o of observed) expect(figures(o.tally!)).toEqual(figures(tallies[0]));

    const store = await openPostgresStore(cluster.databaseUrl);
    try {
      const audit = await store.listAudit(ceremonyId);
      const count = (type: string, key: (p: Record<string, unknown>) => string) => {
        const seen = new Map<string, number>();
        for (const row of audit.filter((r) => r.type === type)) {
          const k = key(JSON.parse(row.payload) as Record<string, unknown>);
          seen.set(k, (seen.get(k) ?? 0) + 1);
        }
        return seen;
      };
      const signatures = count('signature.recorded', (p) => {
        const { agreementId, partyId } = p.signature as { agreementId: string; partyId: string };
        return `${agreementId}/${partyId}`;
      });
      for (const key of acknowledged) expect(signatures.get(key), key).toBe(1);
      expect([...signatures.values()].every((n) => n === 1)).toBe(true);
      expect(signatures.size).toBe(totalSignatures);
      const stamped = count('agreement.stamped', (p) => String(p.agreementId));
      expect(stamped.size).toBe(AGREEMENTS);
      expect([...stamped.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await store.close();
    }
    const verified = await run(process.execPath, ['--import', 'tsx', 'server/cli/audit-verify.ts', '--ceremony', ceremonyId], {
      env: { ...process.env, DATABASE_URL: cluster.databaseUrl },
    });
    expect(verified.stdout).toMatch(/OK|utuh|intact/i);

    // Revocation: a room's link is re-issued through one node; the old link's socket on another
    // node is disconnected, and every node refuses the old link at the handshake.
    const links = await getJson<CeremonyLinks>(`${restarted.url}/api/ceremonies/${ceremonyId}/links`, cluster.organizerToken);
    const room = links.rooms.find((r) => r.roomId !== 'istana')!;
    const oldToken = tokenFromLink(room.url);
    const holder = await connect(urls[2], ceremonyId, oldToken, CONNECT_TIMEOUT_MS);
    const dropped = new Promise<void>((resolve) => holder.socket.once('disconnect', () => resolve()));
    const organizer = await connect(urls[1], ceremonyId, cluster.organizerToken, CONNECT_TIMEOUT_MS);
    const reissued = await new Promise<{ ok: boolean }>((resolve) => organizer.socket.emit('room:reissueInvite', { roomId: room.roomId }, resolve));
    expect(reissued.ok).toBe(true);
    await dropped;
    organizer.socket.close();
    for (const u of urls) await expect(connect(u, ceremonyId, oldToken, CONNECT_TIMEOUT_MS), u).rejects.toThrow(/TOKEN_REVOKED/);
  }, 600_000);
});
