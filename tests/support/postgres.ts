// A throwaway PostgreSQL for a test file: one server per file (server/cluster/local-postgres.ts),
// one database per fresh store, copied from a migrated template so each copy is quick.
import { afterAll, beforeAll } from 'vitest';
import { findPostgresBinDir, startLocalPostgres, type LocalPostgres } from '../../server/cluster/local-postgres';
import { migrate } from '../../server/persistence/postgres/migrate';
import pg from 'pg';

export const POSTGRES_MISSING = findPostgresBinDir()
  ? undefined
  : 'PostgreSQL binaries not found (apt-get install postgresql): PostgreSQL tests skipped';
if (POSTGRES_MISSING) console.warn(POSTGRES_MISSING);

const TEMPLATE = 'saksi_template';

/** Starts a server before the file's tests and stops it after; `fresh()` gives a migrated database. */
export function useLocalPostgres(): { server: () => LocalPostgres; fresh: () => Promise<string>; empty: () => Promise<string> } {
  let server: LocalPostgres | undefined;
  let count = 0;
  beforeAll(async () => {
    if (POSTGRES_MISSING) return;
    server = await startLocalPostgres();
    const pool = new pg.Pool({ connectionString: await server.createDatabase(TEMPLATE) });
    try {
      await migrate(pool);
    } finally {
      await pool.end();
    }
  });
  afterAll(async () => {
    await server?.stop();
  });
  const get = () => {
    if (!server) throw new Error('PostgreSQL is not running');
    return server;
  };
  return {
    server: get,
    fresh: () => get().createDatabase(`t${++count}`, TEMPLATE),
    empty: () => get().createDatabase(`e${++count}`),
  };
}
