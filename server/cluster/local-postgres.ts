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
  const child = spawn(join(bin, 'postgres'), ['-D', data, ...settings.flatMap((s) => ['-c', s])], {
    ...asUser,
    stdio: ['ignore', log, log],
  });
  // Never leave a server behind when the process that started it exits.
  const killOnExit = () => {
    child.kill('SIGQUIT');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  const base = options.tcpPort === undefined ? `postgresql://postgres@localhost:${port}` : `postgresql://postgres@127.0.0.1:${port}`;
  const query = options.tcpPort === undefined ? `?host=${encodeURIComponent(dir)}` : '';
  const urlFor = (database: string) => `${base}/${encodeURIComponent(database)}${query}`;
  try {
    await waitReady(urlFor('postgres'), child, dir);
  } catch (error) {
    process.removeListener('exit', killOnExit);
    killOnExit();
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
      process.removeListener('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGINT'); // fast shutdown: disconnects clients, no waiting for them
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
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
