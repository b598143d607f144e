// Small helpers over node-postgres: a transaction on one pooled client, and batched inserts.
import type pg from 'pg';

export type Db = pg.Pool | pg.PoolClient;
export type Row = Record<string, any>;

/** Runs `work` in one transaction; rolls back (and rethrows) on any error. */
export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Multi-row INSERT in chunks that stay under PostgreSQL's 65,535 parameters per statement. */
export async function insertRows(db: Db, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const perChunk = Math.max(1, Math.floor(60_000 / columns.length));
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
    await db.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

/** bytea arrives as a Buffer; callers get a Uint8Array of their own. */
export const toBytes = (value: Buffer): Uint8Array => new Uint8Array(value);
