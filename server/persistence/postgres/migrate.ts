// Versioned schema migrations: numbered SQL files in ./migrations, applied in order, each in its
// own transaction and recorded in schema_migrations. An advisory lock serializes migrators, so
// two nodes running `npm run db:migrate` (or starting) at once apply each file exactly once.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { SchemaVersionError } from '../store-errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Arbitrary constant shared by every Saksi migrator ('saksi' in ASCII). */
const MIGRATION_LOCK_KEY = 0x73616b7369;

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql,
        sha256: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

/** Applies every migration not yet applied; returns the names it applied. */
export async function migrate(pool: pg.Pool, migrations = listMigrations()): Promise<string[]> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const applied = await appliedVersions(client);
      assertKnown(applied, migrations);
      const done: string[] = [];
      for (const m of migrations) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name, sha256) VALUES ($1, $2, $3)', [m.version, m.name, m.sha256]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
        done.push(m.name);
      }
      return done;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

/**
 * Refuses (SchemaVersionError) unless the database holds exactly the migrations this code knows:
 * a node must never write to a schema it was not written for, older or newer.
 */
export async function assertSchemaCurrent(pool: pg.Pool, migrations = listMigrations()): Promise<void> {
  const exists = await pool.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
  if (!exists.rows[0].present) {
    throw new SchemaVersionError(
      'Skema basis data PostgreSQL belum dibuat: jalankan `npm run db:migrate` dulu. / ' +
        'The PostgreSQL schema has not been created: run `npm run db:migrate` first.',
    );
  }
  const applied = await appliedVersions(pool);
  assertKnown(applied, migrations);
  const missing = migrations.filter((m) => !applied.has(m.version)).map((m) => m.name);
  if (missing.length) {
    throw new SchemaVersionError(
      `Skema basis data PostgreSQL belum diperbarui (kurang ${missing.join(', ')}): jalankan \`npm run db:migrate\`. / ` +
        `The PostgreSQL schema is out of date (missing ${missing.join(', ')}): run \`npm run db:migrate\`.`,
    );
  }
}

async function appliedVersions(db: pg.Pool | pg.PoolClient): Promise<Map<number, { name: string; sha256: string }>> {
  const rows = (await db.query('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')).rows;
  return new Map(rows.map((r) => [Number(r.version), { name: r.name as string, sha256: r.sha256 as string }]));
}

/** Every applied migration must be one this code ships, unchanged. */
function assertKnown(applied: Map<number, { name: string; sha256: string }>, migrations: Migration[]): void {
  const known = new Map(migrations.map((m) => [m.version, m]));
  for (const [version, row] of applied) {
    const mine = known.get(version);
    if (!mine) {
      throw new SchemaVersionError(
        `Skema basis data lebih baru daripada versi Saksi ini (migrasi ${row.name} tidak dikenal): perbarui Saksi, lalu jalankan \`npm run db:migrate\`. / ` +
          `The database schema is newer than this Saksi (unknown migration ${row.name}): upgrade Saksi, then run \`npm run db:migrate\`.`,
      );
    }
    if (mine.sha256 !== row.sha256) {
      throw new SchemaVersionError(
        `Migrasi ${row.name} di basis data berbeda dari berkas migrasi Saksi ini. / ` +
          `Migration ${row.name} in the database differs from this Saksi's migration file.`,
      );
    }
  }
}
