// `npm start`: one process serving HTTP and Socket.IO, data under DATA_DIR, demo on first start.
import { parseConfig } from './config';
import { startServer } from './start-server';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const server = await startServer(config);
  const { app, url } = server;
  const ceremonies = app.store.listCeremonies();
  const ceremony = ceremonies.find((c) => c.id === server.seededCeremonyId) ?? ceremonies[ceremonies.length - 1];
  console.log(`\nSaksi berjalan di / running at ${url}  (DATA_DIR=${config.dataDir})`);
  if (server.seededCeremonyId) console.log(`Upacara demo dibuat / demo ceremony created: ${server.seededCeremonyId}`);
  if (ceremony) {
    const links = app.invites.ceremonyLinks(ceremony.id)!;
    const room = links.rooms.find((r) => /pandeglang/i.test(r.name)) ?? links.rooms[0];
    console.log(`\n  Konsol panitia / organizer console:\n    ${links.console}`);
    if (room) console.log(`  Undangan ruang / room invite (${room.name}):\n    ${room.url}`);
    console.log(`  Tally publik / public tally:\n    ${links.tally}`);
    console.log(`\n  Kredensial panitia / organizer credential: ${app.organizerToken}`);
    console.log(`  Semua tautan / all links: GET ${url}/api/ceremonies/${ceremony.id}/links (Authorization: Bearer <credential>)\n`);
  }
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
}

main().catch((error) => {
  console.error(`Saksi gagal dimulai / failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
