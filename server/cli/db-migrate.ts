// npm run db:migrate -- [--url postgres://…]   (or DATABASE_URL)
// Creates or upgrades the PostgreSQL schema with the numbered migrations in
// server/persistence/postgres/migrations. Safe to run from several machines at once (advisory
// lock) and to run again (applied migrations are skipped). Exit code 0 on success, 1 on failure,
// 2 without a usable URL.
import pg from 'pg';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { ZDatabaseUrlSchema, redactDatabaseUrl } from '../persistence/postgres/database-url';
import { listMigrations, migrate } from '../persistence/postgres/migrate';

export async function runDbMigrate(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { url: { type: 'string' } }, strict: true });
  const parsed = ZDatabaseUrlSchema.safeParse(values.url ?? env.DATABASE_URL);
  if (!parsed.success) {
    out('Berikan --url atau DATABASE_URL (postgres://…). / Give --url or DATABASE_URL (postgres://…).');
    return 2;
  }
  const pool = new pg.Pool({ connectionString: parsed.data, max: 1 });
  pool.on('error', () => undefined);
  try {
    const applied = await migrate(pool);
    const latest = listMigrations().at(-1)?.name ?? '—';
    out(
      applied.length
        ? `Migrasi diterapkan / migrations applied on ${redactDatabaseUrl(parsed.data)}: ${applied.join(', ')}`
        : `Skema sudah mutakhir / schema already up to date on ${redactDatabaseUrl(parsed.data)} (${latest})`,
    );
    return 0;
  } catch (error) {
    out(`Migrasi gagal / migration failed: ${(error as Error).message}`);
    return 1;
  } finally {
    await pool.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void runDbMigrate(process.argv.slice(2), process.env, (line) => console.log(line)).then((code) => {
    process.exitCode = code;
  });
}
