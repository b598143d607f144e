// A throwaway Redis for `npm run cluster:demo`, the cluster test and the cluster bench: Debian's
// `redis-server` on a unix socket in a temporary directory, no persistence, nothing on a TCP port
// (so parallel runs never collide and nothing outside this machine's user can reach it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LocalRedis {
  /** `unix:///…/redis.sock` — what REDIS_URL takes. */
  url: string;
  socketPath: string;
  stop(): Promise<void>;
}

const REDIS_BINARY = process.env.REDIS_SERVER_BIN ?? 'redis-server';
const START_TIMEOUT_MS = 10_000;

export async function startLocalRedis(options: { dir?: string } = {}): Promise<LocalRedis> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'saksi-redis-'));
  const socketPath = join(dir, 'redis.sock');
  const child: ChildProcess = spawn(
    REDIS_BINARY,
    ['--port', '0', '--unixsocket', socketPath, '--unixsocketperm', '700', '--save', '', '--appendonly', 'no', '--dir', dir, '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (process.removeListener('exit', killOnExit), resolve())));
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  const deadline = Date.now() + START_TIMEOUT_MS;
  // redis-server creates the socket once it accepts connections.
  while (!existsSync(socketPath)) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start within ${START_TIMEOUT_MS} ms: ${stderr.trim()}`);
    }
    await Promise.race([new Promise((r) => setTimeout(r, 20)), spawnError]);
  }
  let stopped = false;
  return {
    url: `unix://${socketPath}`,
    socketPath,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
