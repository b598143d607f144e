// A fresh SQLite file for the store suite, opened with the store under test: peers are second
// handles on the same file, as two processes would open it. Shared by the main-thread and the
// writer-thread SQLite suites.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CeremonyStore } from '../../server/persistence/store-contract';
import type { StoreUnderTest } from './store-contract';

export async function freshSqliteFile(open: (file: string) => Promise<CeremonyStore>): Promise<StoreUnderTest> {
  const dir = mkdtempSync(join(tmpdir(), 'saksi-store-'));
  const file = join(dir, 'saksi.db');
  const store = await open(file);
  const peers: CeremonyStore[] = [];
  return {
    store,
    openPeer: async () => {
      const peer = await open(file);
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
}
