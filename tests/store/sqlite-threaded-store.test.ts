// The store suite on SQLite with its writes in the writer thread (the server's default,
// SQLITE_WRITER=thread): each store waits for its writer thread, so every write of the suite
// crosses the thread and every read is the main thread's own connection.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openThreadedSqliteStore } from '../../server/persistence/sqlite-threaded-store';
import type { CeremonyStore } from '../../server/persistence/store-contract';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite, writer thread', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saksi-store-'));
  const file = join(dir, 'saksi.db');
  const open = async () => {
    const opened = openThreadedSqliteStore(file);
    expect(await opened.ready).toBe(true);
    return opened;
  };
  const store = await open();
  const peers: CeremonyStore[] = [];
  return {
    store,
    openPeer: async () => {
      const peer = await open();
      peers.push(peer);
      return peer;
    },
    loseStampJobs: async (ceremonyId) => {
      const db = new Database(file);
      db.prepare('DELETE FROM stamp_jobs WHERE ceremony_id = ?').run(ceremonyId);
      db.close();
    },
    close: async () => {
      await Promise.all([store, ...peers].map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
