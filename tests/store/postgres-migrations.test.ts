// Versioned migrations: `npm run db:migrate` creates or upgrades the schema, several migrators at
// once apply each file exactly once, and a node refuses a schema it does not know.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { runDbMigrate } from '../../server/cli/db-migrate';
import { listMigrations, migrate } from '../../server/persistence/postgres/migrate';
import { openPostgresStore } from '../../server/persistence/postgres/postgres-store';
import { SchemaVersionError } from '../../server/persistence/store-errors';
import { openConfiguredStore } from '../../server/persistence/open-store';
import { POSTGRES_MISSING, useLocalPostgres } from '../support/postgres';

const postgres = useLocalPostgres();

async function query(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

const refusal = (url: string) => openPostgresStore(url).then((s) => s.close().then(() => undefined), (e: unknown) => e);

describe.skipIf(!!POSTGRES_MISSING)('PostgreSQL migrations', () => {
  it('a node refuses an empty database and tells, in Indonesian and English, to run db:migrate', async () => {
    const url = await postgres.empty();
    const error = await refusal(url);
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect((error as Error).message).toMatch(/jalankan `npm run db:migrate`.*run `npm run db:migrate`/);
    // What a node opens: with a DATABASE_URL the SQLite file is never touched (this one cannot exist).
    await expect(openConfiguredStore({ databaseUrl: url, sqliteFile: '/nonexistent/saksi.db' })).rejects.toBeInstanceOf(SchemaVersionError);
    // A schema left behind by an older Saksi (a migration missing) is refused the same way.
    const pool = new pg.Pool({ connectionString: url });
    await migrate(pool, []);
    await pool.end();
    expect(await refusal(url)).toMatchObject({ name: 'SchemaVersionError', message: expect.stringMatching(/missing 001_initial/) });
  });

  it('migrators racing on one database apply each migration once; the store then opens', async () => {
    const url = await postgres.empty();
    const lines: string[] = [];
    const codes = await Promise.all(Array.from({ length: 4 }, () => runDbMigrate(['--url', url], {}, (l) => lines.push(l))));
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(lines.filter((l) => l.includes('001_initial') && l.includes('applied'))).toHaveLength(1);
    expect(await query(url, 'SELECT version, name FROM schema_migrations ORDER BY version')).toEqual(
      listMigrations().map((m) => ({ version: m.version, name: m.name })),
    );
    const store = await openPostgresStore(url);
    expect(await store.listCeremonies()).toEqual([]);
    await store.close();
  });

  it('db:migrate works from the command line with DATABASE_URL, and again', async () => {
    const url = await postgres.empty();
    // The script npm runs, as a process (one spawn only: each costs seconds on a busy machine).
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    const [command, ...args] = pkg.scripts['db:migrate'].split(' ');
    const { stdout } = await promisify(execFile)(`node_modules/.bin/${command}`, args, { env: { ...process.env, DATABASE_URL: url } });
    expect(stdout).toMatch(/applied .*001_initial/);
    const lines: string[] = [];
    expect(await runDbMigrate([], { DATABASE_URL: url }, (l) => lines.push(l))).toBe(0);
    expect(await runDbMigrate([], { DATABASE_URL: 'mysql://nope' }, (l) => lines.push(l))).toBe(2);
    expect(lines).toEqual([expect.stringMatching(/already up to date/), expect.stringMatching(/DATABASE_URL/)]);
  });

  it('a node refuses a schema newer than its code, or a migration that was changed', async () => {
    const url = await postgres.fresh();
    await query(url, "INSERT INTO schema_migrations (version, name, sha256) VALUES (999, '999_from_the_future', 'x')");
    expect(await refusal(url)).toMatchObject({ name: 'SchemaVersionError', message: expect.stringMatching(/newer than this Saksi.*999_from_the_future/) });
    const edited = await postgres.fresh();
    await query(edited, "UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 1");
    expect(await refusal(edited)).toMatchObject({ name: 'SchemaVersionError', message: expect.stringMatching(/001_initial .*differs/) });
    // Migrating does not paper over either.
    expect(await runDbMigrate(['--url', url], {}, () => undefined)).toBe(1);
  });
});
