// The store suite on SQLite, the embedded default: a fresh file per test (peers are second
// handles on the same file, as two processes would open it).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../server/persistence/sqlite-store';
import type { CeremonyStore } from '../../server/persistence/store-contract';
import { describeStoreContract } from './store-contract';

describeStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'saksi-store-'));
  const file = join(dir, 'saksi.db');
  const store = openSqliteStore(file);
  const peers: CeremonyStore[] = [];
  return {
    store,
    openPeer: async () => {
      const peer = openSqliteStore(file);
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
