// DATA_DIR holds the database (every signature, the raw addresses of signers), the secrets and the
// seal key: only the server's own user may read it. The folder is 0700 and everything in it 0600
// (folders 0700). SQLite creates its -wal and -shm files with the database file's mode, so the
// database is created 0600 before SQLite first opens it. A folder left too open by an older
// version, a copy or a restore is tightened at start, with one warning line.
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readdirSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

/** chmod is not how Windows guards files; there the folder's ACL is the operator's to set. */
const enforced = process.platform !== 'win32';

/** Sets modes under `dir` (symlinks are left alone: chmod would follow them out of DATA_DIR). */
function tighten(path: string, changed: string[]): void {
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  const wanted = stat.isDirectory() ? DIR_MODE : FILE_MODE;
  if ((stat.mode & 0o777) !== wanted) {
    chmodSync(path, wanted);
    changed.push(path);
  }
  if (stat.isDirectory()) for (const name of readdirSync(path)) tighten(join(path, name), changed);
}

/** Brings DATA_DIR and everything in it to 0700/0600; returns the paths that were more open. */
export function tightenDataDir(dataDir: string): string[] {
  const changed: string[] = [];
  if (enforced && existsSync(dataDir)) tighten(dataDir, changed);
  return changed;
}

/**
 * Before anything is written: creates DATA_DIR (0700) or tightens an existing one, and creates
 * the database file 0600 so its -wal/-shm follow. Warns once if anything was more open.
 */
export function prepareDataDir(dataDir: string, databaseFile: string, warn: (message: string) => void): void {
  mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  const changed = tightenDataDir(dataDir);
  if (changed.length > 0) {
    warn(`DATA_DIR ${dataDir} dapat dibaca pengguna lain / was readable by other users: ${changed.length} entries tightened to 0700/0600`);
  }
  if (!existsSync(databaseFile)) closeSync(openSync(databaseFile, 'a', FILE_MODE));
}
