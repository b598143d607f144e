// The one place that knows which store implementation backs a data directory. Everything above
// it sees only the CeremonyStore contract (store-contract.ts).
import { join } from 'node:path';
import { z } from 'zod';
import type { AuditRow } from './audit-chain';
import { openSqliteStore } from './sqlite-store';
import { openThreadedSqliteStore } from './sqlite-threaded-store';
import type { CeremonyStore } from './store-contract';

export const DATABASE_FILE = 'saksi.db';

/**
 * SQLITE_WRITER: `thread` (default) runs SQLite's write transactions in a writer thread
 * (sqlite-threaded-store.ts); `main` runs them on the main event loop, as before.
 */
export const ZSqliteWriterSchema = z.enum(['thread', 'main']).default('thread');
export type SqliteWriter = z.infer<typeof ZSqliteWriterSchema>;

export function sqliteWriterFromEnv(env: NodeJS.ProcessEnv): SqliteWriter {
  const parsed = ZSqliteWriterSchema.safeParse(env.SQLITE_WRITER || undefined);
  if (!parsed.success) throw new Error(`Konfigurasi tidak valid / invalid configuration: SQLITE_WRITER must be thread or main, not ${env.SQLITE_WRITER}`);
  return parsed.data;
}

export interface OpenStoreOptions {
  writer?: SqliteWriter;
  log?: (message: string, error?: unknown) => void;
}

/** The embedded default: SQLite in DATA_DIR/saksi.db (created and upgraded on open). */
export function openStore(dataDir: string, options: OpenStoreOptions = {}): CeremonyStore {
  const file = join(dataDir, DATABASE_FILE);
  const writer = options.writer ?? sqliteWriterFromEnv(process.env);
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[saksi] ${message}`, error ?? ''));
  return writer === 'thread' ? openThreadedSqliteStore(file, { log }) : openSqliteStore(file);
}

/** What the audit CLI reads: every chain held, even one whose ceremony row is gone. */
export interface AuditReader {
  /** Ceremonies with a row or any audit event (events left behind by a deleted row are checked too). */
  auditedCeremonyIds(): Promise<string[]>;
  listAudit(ceremonyId: string): Promise<AuditRow[]>;
  auditHead(ceremonyId: string): Promise<{ n: number; hash: string }>;
  close(): Promise<void>;
}

/** Opened read-only, so it can run beside a live server. */
export function openAuditStore(dataDir: string): AuditReader {
  return openSqliteStore(join(dataDir, DATABASE_FILE), { readonly: true });
}

export interface OpenConfiguredStoreOptions {
  /** postgres:// URL; when set, SQLite is not touched. */
  databaseUrl?: string;
  /** The SQLite file (or ':memory:') used without a databaseUrl. */
  sqliteFile: string;
  /** PostgreSQL only: apply pending migrations first (local demo); nodes normally refuse instead. */
  migrate?: boolean;
}

/**
 * PostgreSQL when a DATABASE_URL is given (cluster mode, several nodes on one database), else
 * the embedded SQLite file. On PostgreSQL it refuses (SchemaVersionError) a schema this code does
 * not know, telling the operator to run `npm run db:migrate`.
 */
export async function openConfiguredStore(options: OpenConfiguredStoreOptions): Promise<CeremonyStore> {
  // node-postgres is loaded only when it is used: the embedded default starts without it.
  if (options.databaseUrl) return (await import('./postgres/postgres-store')).openPostgresStore(options.databaseUrl, { migrate: options.migrate });
  return openSqliteStore(options.sqliteFile);
}
