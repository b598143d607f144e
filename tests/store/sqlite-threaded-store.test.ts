// The store suite on SQLite with its writes in the writer thread (the server's default,
// SQLITE_WRITER=thread): each store waits for its writer thread, so every write of the suite
// crosses the thread and every read is the main thread's own connection.
import { expect } from 'vitest';
import { openThreadedSqliteStore } from '../../server/persistence/sqlite-threaded-store';
import { describeStoreContract } from './store-contract';
import { freshSqliteFile } from './sqlite-file';

describeStoreContract('SQLite, writer thread', () =>
  freshSqliteFile(async (file) => {
    const opened = openThreadedSqliteStore(file);
    expect(await opened.ready).toBe(true);
    return opened;
  }),
);
