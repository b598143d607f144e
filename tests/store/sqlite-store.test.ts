// The store suite on SQLite, the embedded default: a fresh file per test (peers are second
// handles on the same file, as two processes would open it).
import { openSqliteStore } from '../../server/persistence/sqlite-store';
import { describeStoreContract } from './store-contract';
import { freshSqliteFile } from './sqlite-file';

describeStoreContract('SQLite', () => freshSqliteFile(async (file) => openSqliteStore(file)));
