// A throwaway PostgreSQL on this machine's own binaries (Debian's `postgresql` package), for
// tests, benches and the local cluster demo: initdb into a temp directory, run `postgres` as the
// unprivileged `postgres` user when we are root (PostgreSQL refuses to run as root), listen on a
// unix socket in that directory (and on 127.0.0.1 if asked), stop and delete it all at the end.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface LocalPostgres {
  /** URL of the `postgres` database (superuser, trust authentication). */
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  /** Creates an empty database (or a copy of `template`) and returns its URL. */
  createDatabase(name: string, template?: string): Promise<string>;
  port: number;
  socketDir: string;
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  /** Also listen on 127.0.0.1 (on this port, or a free one when 0). Unix socket only when absent. */
  tcpPort?: number;
  /** Trade durability for speed (fsync off): right for tests and demos, never for a ceremony. */
  fast?: boolean;
}

/** The directory holding initdb and postgres, or undefined when PostgreSQL is not installed. */
export function findPostgresBinDir(): string | undefined {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(root, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return initdb ? initdb.replace(/\/initdb$/, '') : undefined;
  } catch {
    return undefined;
  }
}

export async function startLocalPostgres(options: LocalPostgresOptions = {}): Promise<LocalPostgres> {
  const bin = findPostgresBinDir();
  if (!bin) throw new Error('PostgreSQL tidak terpasang / PostgreSQL is not installed (apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'saksi-pg-'));
  const data = join(dir, 'data');
  const user = runAsUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'], {
    ...asUser,
    stdio: 'pipe',
  });
  const port = options.tcpPort === undefined ? 5432 : options.tcpPort || (await freePort());
  const fast = options.fast ?? true;
  const settings = [
    `listen_addresses=${options.tcpPort === undefined ? '' : '127.0.0.1'}`,
    `unix_socket_directories=${dir}`,
    `port=${port}`,
    'max_connections=200',
    'shared_buffers=32MB',
    ...(fast ? ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off'] : []),
  ];
  const log = openSync(join(dir, 'postgres.log'), 'a');
  if (user) chownSync(join(dir, 'postgres.log'), user.uid, user.gid);
  // A shell runs postgres and, beside it, a reader of our pipe: when this process goes away in any
  // way (SIGKILL included) the pipe closes, `read` returns, postgres gets a fast shutdown and its
  // directory is deleted, so nothing is left behind. `stop()` closes the pipe the same way. The shell exits with postgres.
  const watchdog =
    'exec 3<&0; dir="$1"; postgres_bin="$2"; shift 2; "$postgres_bin" "$@" </dev/null & pid=$!; ' +
    '(read _ <&3; kill -INT "$pid" 2>/dev/null; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; rm -rf "$dir") & wait "$pid"';
  const child = spawn('sh', ['-c', watchdog, 'sh', dir, join(bin, 'postgres'), '-D', data, ...settings.flatMap((s) => ['-c', s])], {
    ...asUser,
    stdio: ['pipe', log, log],
  });
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeDir);
  const base = options.tcpPort === undefined ? `postgresql://postgres@localhost:${port}` : `postgresql://postgres@127.0.0.1:${port}`;
  const query = options.tcpPort === undefined ? `?host=${encodeURIComponent(dir)}` : '';
  const urlFor = (database: string) => `${base}/${encodeURIComponent(database)}${query}`;
  try {
    await waitReady(urlFor('postgres'), child, dir);
  } catch (error) {
    process.removeListener('exit', removeDir);
    await stopChild(child);
    removeDir();
    throw error;
  }
  return {
    url: urlFor('postgres'),
    urlFor,
    port,
    socketDir: dir,
    async createDatabase(name, template) {
      const client = new pg.Client({ connectionString: urlFor('postgres') });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ''}`);
      } finally {
        await client.end();
      }
      return urlFor(name);
    },
    async stop() {
      process.removeListener('exit', removeDir);
      await stopChild(child);
      removeDir();
    },
  };
}

/** Closes the watchdog's pipe (postgres gets a fast shutdown) and waits; SIGKILL after 10 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** As root, PostgreSQL must run as an unprivileged user: the `postgres` account. */
function runAsUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`postgres exited during start-up:\n${readFileSync(join(dir, 'postgres.log'), 'utf8').slice(-2000)}`);
    }
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
