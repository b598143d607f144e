// The main thread's handle on the SQLite writer thread (server/persistence/sqlite-threaded-store.ts):
// one worker, so writes run one at a time in the order they were asked for. Here, beside its task
// module, so that the module's path resolves the same from server/workers/*.ts and from the
// bundled dist/server/*.mjs.
import type { SqliteWriterSetup } from './sqlite-writer-worker';
import { WorkerPool } from './worker-pool';

/** A write waits for the disk (busy_timeout is 10 s): only a writer stuck far beyond that is replaced. */
const WRITE_TIMEOUT_MS = 60_000;

export function createSqliteWriterPool(file: string, log?: (message: string, error?: unknown) => void): WorkerPool {
  const setup: SqliteWriterSetup = { file };
  return new WorkerPool({
    name: 'sqlite-writer',
    module: new URL('./sqlite-writer-worker.ts', import.meta.url),
    size: 1,
    setup,
    timeoutMs: WRITE_TIMEOUT_MS,
    log,
  });
}
