// Start-up with the demo seed on two cores (issue 11 point 3): only the stamping workers that fit
// beside the main thread render the demo's originals; the rest of the pool starts once the demo is
// stored, not when the server listens (a second worker loading pdf-lib and fontkit while the first
// renders cost more CPU than the originals it took over). A start without a demo to seed starts the
// whole pool at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { startDocumentPool } from '../../server/early-document-pool';
import { startServer, type StartedServer } from '../../server/start-server';

const root = mkdtempSync(join(tmpdir(), 'saksi-start-workers-'));
const servers: StartedServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(root, { recursive: true, force: true });
});

const configFor = (name: string, seedDemo: boolean) =>
  parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(root, name), ORGANIZER_TOKEN: 'uji-start-workers-credential-0000', SEED_DEMO: seedDemo ? '1' : '0', STAMP_WORKERS: '2' });

describe('the stamping pool at start-up', () => {
  it('seeds the demo with the early worker and starts the others once it is stored', { timeout: 180_000 }, async () => {
    const config = configFor('demo', true);
    const early = startDocumentPool(config, () => {}, 1);
    const server = await startServer(config, { seedInBackground: true, documentPool: early, media: false, log: () => {} });
    servers.push(server);
    // Listening, the originals still rendering: one worker.
    expect(early.pool.started).toBe(1);
    const id = await server.seeding;
    expect(id).toBeDefined();
    expect((await server.app.store.listCeremonies()).map((c) => c.agreements)).toEqual([196]);
    await expect.poll(() => early.pool.started, { timeout: 10_000 }).toBe(2);
  });

  it('starts the whole pool at once when there is no demo to seed', { timeout: 60_000 }, async () => {
    const config = configFor('empty', false);
    const early = startDocumentPool(config, () => {}, 1);
    const server = await startServer(config, { seedInBackground: true, documentPool: early, media: false, log: () => {} });
    servers.push(server);
    expect(await server.seeding).toBeUndefined();
    await expect.poll(() => early.pool.started, { timeout: 10_000 }).toBe(2);
  });
});
