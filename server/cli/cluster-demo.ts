// npm run cluster:demo — PostgreSQL and Redis from this machine's Debian packages (temporary
// directories), three Saksi nodes on ports 3001–3003 sharing them, and the demo ceremony.
// Prints each node's URL and the organizer's links; Ctrl-C stops everything and deletes the data.
import { startLocalCluster } from '../cluster/local-cluster';
import type { CeremonyLinks } from '../../shared/protocol/views';

const PORTS = (process.env.CLUSTER_PORTS ?? '3001,3002,3003').split(',').map(Number);

async function main(): Promise<void> {
  console.log('Menyalakan PostgreSQL, Redis dan tiga node / starting PostgreSQL, Redis and three nodes…');
  const cluster = await startLocalCluster({
    ports: PORTS,
    host: process.env.HOST ?? '0.0.0.0',
    env: { PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${PORTS[0]}` },
    onOutput: (nodeId, line) => {
      if (line.trim() && !/running at|Tally publik|Kredensial|Konsol panitia|Cetak tautan|Semua tautan|^\s+http/.test(line)) console.log(`[${nodeId}] ${line}`);
    },
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nMenghentikan klaster / stopping the cluster…');
    cluster.stop().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const first = cluster.nodes[0].url;
  const deadline = Date.now() + 120_000;
  let ceremonyId: string | undefined;
  while (!ceremonyId && Date.now() < deadline) {
    const list = (await (await fetch(`${first}/api/ceremonies`)).json()) as { ceremonies: Array<{ id: string }> };
    ceremonyId = list.ceremonies.at(-1)?.id;
    if (!ceremonyId) await new Promise((r) => setTimeout(r, 250));
  }
  console.log('\nKlaster Saksi / Saksi cluster:');
  for (const node of cluster.nodes) console.log(`  ${node.nodeId}: ${node.url}`);
  console.log(`  PostgreSQL: ${cluster.databaseUrl}`);
  console.log(`  Redis:      ${cluster.redis.url}`);
  if (ceremonyId) {
    const links = (await (await fetch(`${first}/api/ceremonies/${encodeURIComponent(ceremonyId)}/links`, { headers: { authorization: `Bearer ${cluster.organizerToken}` } })).json()) as CeremonyLinks;
    const room = links.rooms.find((r) => /pandeglang/i.test(r.name)) ?? links.rooms[0];
    console.log(`\n  Konsol panitia / organizer console:\n    ${links.console}`);
    if (room) console.log(`  Undangan ruang / room invite (${room.name}):\n    ${room.url}`);
    console.log(`  Tally publik / public tally:\n    ${links.tally}`);
    console.log(`  Kredensial panitia / organizer credential: ${cluster.organizerToken}`);
    console.log(`\n  Tautan yang sama berlaku di setiap node (ganti port) / the same links work on every node (change the port).`);
    console.log(`  Gladi / rehearsal: ORGANIZER_TOKEN=${cluster.organizerToken} npm run rehearse -- --url ${cluster.urls().join(',')} --ceremony ${ceremonyId}`);
  }
  console.log('\nCtrl-C menghentikan semuanya / stops everything.');
}

main().catch((error) => {
  console.error(`cluster:demo gagal / failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
