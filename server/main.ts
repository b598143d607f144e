// `npm start`: one process serving HTTP and Socket.IO, data under DATA_DIR, demo on first start.
// `npm start -- --print-links` also prints the console link, a room invite and the credential.
import { parseConfig } from './config';
import { join } from 'node:path';
import { ORGANIZER_TOKEN_FILE } from './security/secrets';
import { startDocumentPool, workersBesideMainThread } from './early-document-pool';

/** Links that carry a credential are printed only when asked: start-up logs are often collected. */
const PRINT_LINKS = '--print-links';

async function main(): Promise<void> {
  const printLinks = process.argv.slice(2).includes(PRINT_LINKS);
  const config = parseConfig(process.env);
  // The stamping workers that fit beside this thread start loading before the rest of the server
  // does (early-document-pool.ts); startServer starts the others once it listens.
  const documentPool = startDocumentPool(config, (message, error) => console.error(`[saksi] ${message}`, error ?? ''), workersBesideMainThread());
  const { startServer } = await import('./start-server');
  // The server answers (pages, health) while the demo's documents render in the workers.
  const server = await startServer(config, { seedInBackground: true, documentPool });
  const { app, url } = server;
  const where = config.cluster ? `node ${config.nodeId}, PostgreSQL${config.cluster.redisUrl ? ' + Redis' : ''}` : `DATA_DIR=${config.dataDir}`;
  console.log(`\nSaksi berjalan di / running at ${url}  (${where})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: menutup / shutting down…`);
    server.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (config.seedDemo && (await app.store.listCeremonies()).length === 0) {
    console.log('Menyiapkan upacara demo / preparing the demo ceremony…');
  }
  // A demo that cannot be created is reported, but the server keeps serving what it holds.
  const seededCeremonyId = await server.seeding.catch((error: unknown) => {
    console.error(`Upacara demo gagal dibuat / demo ceremony failed: ${error instanceof Error ? error.message : error}`);
    return undefined;
  });
  const ceremonies = await app.store.listCeremonies();
  const ceremony = ceremonies.find((c) => c.id === seededCeremonyId) ?? ceremonies[ceremonies.length - 1];
  if (seededCeremonyId) console.log(`Upacara demo dibuat / demo ceremony created: ${seededCeremonyId}`);
  if (ceremony) {
    const links = (await app.invites.ceremonyLinks(ceremony.id))!;
    if (printLinks) {
      const room = links.rooms.find((r) => /pandeglang/i.test(r.name)) ?? links.rooms[0];
      console.log(`\n  Konsol panitia / organizer console:\n    ${links.console}`);
      if (room) console.log(`  Undangan ruang / room invite (${room.name}):\n    ${room.url}`);
      console.log(`  Tally publik / public tally:\n    ${links.tally}`);
      console.log(`\n  Kredensial panitia / organizer credential: ${app.organizerToken}`);
    } else {
      const kept = config.organizerToken
        ? 'variabel lingkungan / environment variable ORGANIZER_TOKEN'
        : config.cluster
          ? 'basis data klaster, terenkripsi / the cluster database, encrypted (set ORGANIZER_TOKEN to choose it)'
          : join(config.dataDir, ORGANIZER_TOKEN_FILE);
      console.log(`\n  Tally publik / public tally:\n    ${links.tally}`);
      console.log(`\n  Kredensial panitia / organizer credential: ${kept}`);
      console.log(`  Konsol panitia / organizer console: ${url}/console/${encodeURIComponent(ceremony.id)}#token=<kredensial / credential>`);
      console.log(`  Cetak tautan konsol dan undangan / print the console and invite links: npm start -- ${PRINT_LINKS}`);
    }
    console.log(`  Semua tautan / all links: GET ${url}/api/ceremonies/${ceremony.id}/links (Authorization: Bearer <credential>)\n`);
  }
}

main().catch((error) => {
  console.error(`Saksi gagal dimulai / failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
