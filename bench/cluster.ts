// Cluster bench (issue 12): three Saksi nodes on a throwaway PostgreSQL + Redis.
// 1. Fan-out: N observers (default 3,000) spread over 1, 2 and 3 nodes; a signer on node 1 signs
//    one party at a time; delay from the signer's ack to each observer's tally update (p50/p99),
//    next to a raw Socket.IO server broadcasting a payload of the same size to N clients after
//    acking (the same measurement, same run).
// 2. Failover: 1,000 clients on node 3 (each failing over to the others); node 3 is SIGKILLed;
//    time from the kill to the last client reconnected.
// 3. Stamping: a 60-agreement rehearsal on clusters of 1, 2 and 3 nodes (one stamp worker each):
//    stamps per second from the first call to the last stamp.
// Run: npm run bench:cluster [-- --observers 3000 --signatures 8 --failover 1000 --stamp-agreements 60 --sections fanout,failover,stamping]
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { parseArgs } from '../server/cli/args';
import { FailoverSocket } from '../server/cli/failover-socket';
import { runRehearsal } from '../server/cli/rehearsal';
import { startLocalCluster, type LocalCluster } from '../server/cluster/local-cluster';
import { largeRoster } from '../tests/support/large-roster';

const { flags } = parseArgs(process.argv.slice(2));
const OBSERVERS = Number(flags.observers ?? 3000);
const SIGNATURES = Number(flags.signatures ?? 8);
const FAILOVER_CLIENTS = Number(flags.failover ?? 1000);
const STAMP_AGREEMENTS = Number(flags['stamp-agreements'] ?? 60);
/** Which parts run (comma-separated): fanout, failover, stamping. */
const SECTIONS = new Set(String(flags.sections ?? 'fanout,failover,stamping').split(','));
const TALLY_INTERVAL_MS = 250;
const here = fileURLToPath(new URL('.', import.meta.url));
const ceremonyId = 'demo-2021-01-18';

const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };
const fmt = (n: number) => n.toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The machine is shared: every section says how loaded it was. */
const load = () => `load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`;

function connectAll(urls: string[], n: number, auth: Record<string, string>, readyEvent: string | null): Promise<Socket[]> {
  const sockets: Socket[] = [];
  let ready = 0;
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(sockets), 60_000 + n * 20);
    const open = (i: number) => {
      if (i >= n) return;
      const s = io(urls[i % urls.length], { auth, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 60_000 });
      sockets.push(s);
      const done = () => {
        ready += 1;
        if (ready === n) {
          clearTimeout(timer);
          resolve(sockets);
        }
      };
      if (readyEvent) s.once(readyEvent, done);
      else s.once('connect', done);
      if (i % 100 === 99) setTimeout(() => open(i + 1), 5);
      else open(i + 1);
    };
    open(0);
  });
}

function ask(socket: Socket, event: string, payload: unknown): Promise<{ ok: boolean; data?: any; error?: { code: string } }> {
  return new Promise((r) => socket.emit(event, payload, r));
}

/** Ack → arrival at every observer, for `count` actions (each waits for the last arrival and the throttle). */
async function measure(observers: Socket[], act: () => Promise<void>, count: number): Promise<number[]> {
  const delays: number[] = [];
  let ackedAt: number;
  let arrived = 0;
  let onAll: (() => void) | undefined;
  const pendingArrivals: number[] = [];
  const listener = () => {
    pendingArrivals.push(performance.now());
    arrived += 1;
    if (arrived === observers.length) onAll?.();
  };
  for (const s of observers) s.on('tally:updated', listener);
  for (let i = 0; i < count; i++) {
    arrived = 0;
    pendingArrivals.length = 0;
    const all = new Promise<void>((r) => (onAll = r));
    await act();
    ackedAt = performance.now();
    await Promise.race([all, sleep(15_000)]);
    // Arrivals before the ack (the broadcast may overtake it) count as 0 ms.
    for (const t of pendingArrivals) delays.push(Math.max(0, t - ackedAt));
    await sleep(TALLY_INTERVAL_MS + 100);
  }
  for (const s of observers) s.off('tally:updated', listener);
  return delays;
}

function startRaw(bytes: number): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'raw-broadcast-server.ts'), String(bytes), 'ack-first'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`raw server exited ${code}`)));
  });
}

async function fanout(cluster: LocalCluster): Promise<void> {
  const token = cluster.organizerToken;
  const urls = cluster.urls();
  const [organizer] = await connectAll([urls[0]], 1, { ceremonyId, token }, 'ceremony:snapshot');
  const view = (await ask(organizer, 'ceremony:sync', {})).data;
  const links = (await (await fetch(`${urls[0]}/api/ceremonies/${ceremonyId}/links`, { headers: { authorization: `Bearer ${token}` } })).json()) as { rooms: Array<{ roomId: string; url: string }> };
  const officials = new Map<string, Socket>();
  for (const link of links.rooms) {
    const t = decodeURIComponent(new URL(link.url).hash.replace(/^#token=/, ''));
    officials.set(link.roomId, (await connectAll([urls[0]], 1, { ceremonyId, token: t }, 'ceremony:snapshot'))[0]);
  }
  await ask(organizer, 'ceremony:openLobby', {});
  await ask(organizer, 'ceremony:startSigning', {});
  const agreements = view.ceremony.agreements.slice(0, SIGNATURES * 4 + 5);
  await ask(organizer, 'agreement:call', { agreementIds: agreements.map((a: any) => a.id) });
  const partyRoom = new Map<string, string>(view.ceremony.parties.map((p: any) => [p.id, p.room]));
  // Only the second party signs: the agreement is not complete, so no stamping disturbs the fan-out.
  const queue = agreements.map((a: any) => ({ agreementId: a.id, partyId: a.parties[1] as string }));
  const sign = async () => {
    const job = queue.shift()!;
    const r = await ask(officials.get(partyRoom.get(job.partyId)!)!, 'agreement:sign', { ...job, signature: { kind: 'typed', text: 'Bench Signer' } });
    if (!r.ok) throw new Error(`sign refused: ${r.error?.code}`);
  };
  const tallyBytes = JSON.stringify(view.tally).length;
  const raw = await startRaw(tallyBytes);
  try {
    const [rawSigner] = await connectAll([raw.url], 1, {}, null);
    const rawObservers = await connectAll([raw.url], OBSERVERS, {}, null);
    const base = await measure(rawObservers, async () => void (await ask(rawSigner, 'sign', {})), SIGNATURES);
    for (const s of [rawSigner, ...rawObservers]) s.close();
    console.log(`Fan-out: ${OBSERVERS} observers, ${SIGNATURES} signatures each, tally ${tallyBytes} B; delay from the signer's ack to each observer's tally`);
    console.log(`  raw Socket.IO, 1 process:      p50 ${fmt(quantile(base, 0.5))} ms  p99 ${fmt(quantile(base, 0.99))} ms  (${rawObservers.length} connected; ${load()})`);
    for (let k = 1; k <= urls.length; k++) {
      const observers = await connectAll(urls.slice(0, k), OBSERVERS, { ceremonyId }, 'observer:snapshot');
      await sleep(500);
      const ours = await measure(observers, sign, SIGNATURES);
      console.log(`  Saksi, observers on ${k} node(s): p50 ${fmt(quantile(ours, 0.5))} ms  p99 ${fmt(quantile(ours, 0.99))} ms  (${observers.length} connected; ${load()})`);
      for (const s of observers) s.close();
      await sleep(500);
    }
  } finally {
    raw.child.kill('SIGTERM');
    organizer.close();
    for (const s of officials.values()) s.close();
  }
}

async function failover(cluster: LocalCluster): Promise<void> {
  const urls = cluster.urls();
  const order = [urls[2], urls[0], urls[1]];
  let killedAt = Infinity;
  let reconnected = 0;
  let lastAt = 0;
  const clients: FailoverSocket[] = [];
  for (let i = 0; i < FAILOVER_CLIENTS; i++) {
    // Each client's list starts at node 3 and goes on round-robin, as a load balancer spreads them.
    const c = new FailoverSocket({
      urls: order,
      ceremonyId,
      onConnected: () => {
        if (performance.now() < killedAt) return;
        reconnected += 1;
        lastAt = performance.now();
      },
    });
    clients.push(c);
  }
  // A hundred handshakes at a time: a thousand at once on a loaded machine time some out, and
  // those clients move on to another node before the kill.
  for (let i = 0; i < clients.length; i += 100) await Promise.all(clients.slice(i, i + 100).map((c) => c.connection()));
  const onNode3 = clients.filter((c) => c.url === urls[2]).length;
  killedAt = performance.now();
  await cluster.nodes[2].kill('SIGKILL');
  const deadline = Date.now() + 60_000;
  while (reconnected < onNode3 && Date.now() < deadline) await sleep(20);
  console.log(
    `Failover: ${onNode3} of ${FAILOVER_CLIENTS} clients on node 3, SIGKILL → last of them reconnected to another node: ${fmt(lastAt - killedAt)} ms (${reconnected}/${onNode3} reconnected; ${load()})`,
  );
  // Not all back: what the surviving nodes said (overload, refusals) is the first thing to read.
  if (reconnected < onNode3) for (const node of cluster.nodes.slice(0, 2)) console.log(`  ${node.nodeId} said: …${node.output().slice(-1500)}`);
  for (const c of clients) c.close();
}

async function stamping(nodes: number): Promise<void> {
  const cluster = await startLocalCluster({ ports: Array(nodes).fill(0), env: { SEED_DEMO: '0', STAMP_WORKERS: '1', TALLY_INTERVAL_MS: String(TALLY_INTERVAL_MS) } });
  try {
    const roster = largeRoster(20261130 + nodes, STAMP_AGREEMENTS, 12);
    const r = await fetch(`${cluster.urls()[0]}/api/ceremonies`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${cluster.organizerToken}` }, body: JSON.stringify(roster) });
    if (r.status !== 201) throw new Error(`import: ${r.status}`);
    const summary = await runRehearsal({ url: cluster.urls()[0], urls: cluster.urls(), ceremonyId: roster.id!, token: cluster.organizerToken, waveSize: STAMP_AGREEMENTS, concurrency: 8, paceMs: 0, drawnRatio: 0, timeoutMs: 300_000, close: false, log: () => undefined });
    console.log(`  ${nodes} node(s) stamping: ${summary.agreementsStamped}/${summary.agreementsTotal} stamped, first call → last stamp ${fmt(summary.callToLastStampMs / 1000)} s, ${fmt((summary.agreementsStamped * 1000) / Math.max(1, summary.callToLastStampMs))} stamps/s (${load()})`);
  } finally {
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Cluster bench, ${new Date().toISOString()}, ${load()}`);
  const cluster = await startLocalCluster({ ports: [0, 0, 0], env: { SEED_DEMO: '1', STAMP_WORKERS: '1', TALLY_INTERVAL_MS: String(TALLY_INTERVAL_MS), RATE_ADDRESS_MAX_SOCKETS: '20000', RATE_ADDRESS_CONNECTS_BURST: '20000', RATE_ADDRESS_CONNECTS_PER_SEC: '5000' } });
  try {
    // The demo is seeded by one node; wait for it.
    while (!((await (await fetch(`${cluster.urls()[0]}/api/ceremonies`)).json()) as { ceremonies: unknown[] }).ceremonies.length) await sleep(200);
    if (SECTIONS.has('fanout')) await fanout(cluster);
    if (SECTIONS.has('failover')) await failover(cluster);
  } finally {
    await cluster.stop();
  }
  if (SECTIONS.has('stamping')) console.log(`Stamping: ${STAMP_AGREEMENTS} agreements, one stamp worker per node`);
  if (SECTIONS.has('stamping')) for (const n of [1, 2, 3]) await stamping(n);
  process.exit(0);
}

await main();
