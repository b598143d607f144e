// Several Saksi nodes on this machine sharing one throwaway PostgreSQL and Redis: what
// `npm run cluster:demo`, the cluster test and `npm run bench:cluster` start. Each node is
// `server/main.ts` in its own process (`node --import tsx`, so SIGKILL really kills it).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgresStore } from '../persistence/postgres/postgres-store';
import { startLocalPostgres, type LocalPostgres } from './local-postgres';
import { startLocalRedis, type LocalRedis } from './local-redis';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface ClusterNode {
  nodeId: string;
  port: number;
  url: string;
  child: ChildProcess;
  output(): string;
  /** Ends the process (SIGKILL by default) and resolves once it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  isRunning(): boolean;
}

export interface LocalCluster {
  postgres: LocalPostgres;
  redis: LocalRedis;
  databaseUrl: string;
  /** The environment every node gets (DATABASE_URL, REDIS_URL, SECRETS_KEY, ORGANIZER_TOKEN…). */
  env: Record<string, string>;
  organizerToken: string;
  nodes: ClusterNode[];
  urls(): string[];
  /** Starts node `index` again (after a kill), on the same port and NODE_ID. */
  restart(index: number): Promise<ClusterNode>;
  stop(): Promise<void>;
}

export interface LocalClusterOptions {
  /** Ports of the nodes; 0 picks free ones (each node's own). */
  ports: number[];
  /** More environment for every node (SEED_DEMO, STAMP_WORKERS, …). */
  env?: Record<string, string>;
  host?: string;
  /** Lines of every node's output, prefixed with its id. */
  onOutput?: (nodeId: string, line: string) => void;
}

export async function startLocalCluster(options: LocalClusterOptions): Promise<LocalCluster> {
  const postgres = await startLocalPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-cluster-'));
  let redis: LocalRedis | undefined;
  const nodes: ClusterNode[] = [];
  try {
    redis = await startLocalRedis();
    const databaseUrl = await postgres.createDatabase('saksi');
    // What `npm run db:migrate` does; nodes refuse to start against an unmigrated schema.
    await (await openPostgresStore(databaseUrl, { migrate: true })).close();
    const organizerToken = options.env?.ORGANIZER_TOKEN ?? randomBytes(24).toString('base64url');
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: redis.url,
      SECRETS_KEY: randomBytes(32).toString('hex'),
      ORGANIZER_TOKEN: organizerToken,
      HOST: options.host ?? '127.0.0.1',
      // Unused in cluster mode except by tools that write files; one per node keeps them apart.
      DATA_DIR: dataDir,
      ...options.env,
    };
    const start = (index: number, port: number) =>
      startNode({ nodeId: `node-${index + 1}`, port, env: { ...env, DATA_DIR: join(dataDir, `node-${index + 1}`) }, onOutput: options.onOutput });
    // Together, as operators would: seeding and secrets must be race-safe.
    nodes.push(...(await Promise.all(options.ports.map((port, i) => start(i, port)))));
    const cluster: LocalCluster = {
      postgres,
      redis,
      databaseUrl,
      env,
      organizerToken,
      nodes,
      urls: () => nodes.map((n) => n.url),
      async restart(index) {
        const old = nodes[index];
        if (old.isRunning()) await old.kill();
        nodes[index] = await start(index, old.port);
        return nodes[index];
      },
      async stop() {
        await Promise.all(nodes.map((n) => n.kill('SIGTERM')));
        await redis?.stop();
        await postgres.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
    return cluster;
  } catch (error) {
    await Promise.all(nodes.map((n) => n.kill()));
    await redis?.stop();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function startNode(o: { nodeId: string; port: number; env: Record<string, string>; onOutput?: (nodeId: string, line: string) => void }): Promise<ClusterNode> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...o.env, PORT: String(o.port), NODE_ID: o.nodeId },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let partial = '';
  const onChunk = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (!o.onOutput) return;
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) o.onOutput(o.nodeId, line);
  };
  child.stdout!.on('data', onChunk);
  child.stderr!.on('data', onChunk);
  // Never leave a node behind when the process that started it exits (a test timing out).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (process.removeListener('exit', killOnExit), resolve())));
  const isRunning = () => child.exitCode === null && child.signalCode === null;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${o.nodeId} did not start:\n${output}`));
    }, 120_000);
    const onData = () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({
        nodeId: o.nodeId,
        port: Number(new URL(match[1]).port),
        url: match[1],
        child,
        output: () => output,
        isRunning,
        async kill(signal = 'SIGKILL') {
          if (!isRunning()) return;
          child.kill(signal);
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(timer);
        },
      });
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${o.nodeId} exited with ${code}:\n${output}`));
    });
  });
}
