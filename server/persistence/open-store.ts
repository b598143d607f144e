// Which store a node runs on: PostgreSQL when a DATABASE_URL is given (cluster mode, several
// nodes on one database), else the embedded SQLite file (the default, one process).
import type { CeremonyStore } from './store-contract';
import { openPostgresStore } from './postgres/postgres-store';
import { openSqliteStore } from './sqlite-store';

export interface OpenStoreOptions {
  /** postgres:// URL; when set, SQLite is not touched. */
  databaseUrl?: string;
  /** The SQLite file (or ':memory:') used without a databaseUrl. */
  sqliteFile: string;
  /** PostgreSQL only: apply pending migrations first (local demo); nodes normally refuse instead. */
  migrate?: boolean;
}

/**
 * Opens the store. On PostgreSQL it refuses (SchemaVersionError) a schema this code does not
 * know, telling the operator to run `npm run db:migrate`.
 */
export async function openStore(options: OpenStoreOptions): Promise<CeremonyStore> {
  if (options.databaseUrl) return openPostgresStore(options.databaseUrl, { migrate: options.migrate });
  // TODO(lead, after merging store-async): there openSqliteStore returns the contract's
  // CeremonyStore; drop this cast (on the postgres branch it still returns the synchronous one).
  return openSqliteStore(options.sqliteFile) as unknown as CeremonyStore;
}
