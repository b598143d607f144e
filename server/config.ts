// Environment, parsed once with zod at start-up; nothing else reads process.env (except the
// media plugin, which is handed the environment explicitly).
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Limits } from './limits/limits';
import { limitsFromEnv, ZLimitsEnvSchema } from './limits/limits-env';
import { availableParallelism, hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { parseSecretsKey } from './cluster/secrets-key';
import { ZDatabaseUrlSchema } from './persistence/postgres/database-url';
import { parseBackgroundPriority, type ThreadPriority } from './workers/thread-priority';

const ZConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  ORGANIZER_TOKEN: z.string().min(16, 'ORGANIZER_TOKEN needs at least 16 characters').optional(),
  /** Base of the links we print and put into PDFs; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  INVITE_TTL_HOURS: z.coerce.number().positive().default(24 * 14),
  TALLY_INTERVAL_MS: z.coerce.number().int().min(50).max(10_000).default(250),
  /** Worker threads that stamp and seal (and build the record); each holds its own fonts. */
  STAMP_WORKERS: z.coerce.number().int().min(1).max(64).optional(),
  /** Older name of STAMP_WORKERS, still honoured when STAMP_WORKERS is not set. */
  STAMP_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /** Time limit of one stamp job; past it the worker is terminated and the job retried. */
  STAMP_TIMEOUT_MS: z.coerce.number().int().min(1).max(3_600_000).default(60_000),
  /**
   * How long a node's claim on a stamp job lasts without renewal; it renews every third of it while
   * it works. A dead node's jobs are taken over by another node after about this long.
   */
  STAMP_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(6_000),
  /** First retry delay of a failed stamp (then ×4); after 3 attempts the agreement is parked. */
  STAMP_RETRY_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  /**
   * CPU priority of the stamping workers (stamping, originals, warm-up): background work that
   * yields to the stage and the main loop. A nice step 1-19 (default 10), 'idle' (SCHED_IDLE) or 'off'.
   */
  STAMP_PRIORITY: z
    .string()
    .default('10')
    .transform((value, ctx) => {
      try {
        return { value: parseBackgroundPriority(value || '10') };
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** Uploaded PDFs checked at once, each in its own worker thread. */
  VERIFY_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  /** Uploads allowed to wait for a worker; beyond that POST /api/verify answers 503 BUSY. */
  VERIFY_QUEUE: z.coerce.number().int().min(0).max(1000).default(4),
  VERIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  VERIFY_MEMORY_MB: z.coerce.number().int().min(32).max(8192).default(256),
  SEAL_P12_PATH: z.string().optional(),
  SEAL_P12_PASSPHRASE: z.string().optional(),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  /** Cluster mode: PostgreSQL shared by every node (instead of DATA_DIR's SQLite file). */
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), ZDatabaseUrlSchema.optional()),
  /** Cluster mode: Redis for the Socket.IO adapter and messages between nodes. */
  REDIS_URL: z.string().min(1).optional(),
  /** This node's name in leases, logs and the console (generated when unset). */
  NODE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'NODE_ID: letters, digits, . _ - (at most 64)').optional(),
  /** Cluster mode: 32 bytes (hex or base64) that encrypt the secrets kept in the database. */
  SECRETS_KEY: z.string().optional(),
}).merge(ZLimitsEnvSchema);

export interface ClusterConfig {
  databaseUrl: string;
  redisUrl?: string;
  /** AES-256-GCM key of the secrets stored in the database. */
  secretsKey: Buffer;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  organizerToken?: string;
  publicUrl?: string;
  inviteTtlSeconds: number;
  tallyIntervalMs: number;
  stampWorkers: number;
  stampTimeoutMs: number;
  stampLeaseMs: number;
  stampRetryMs: number;
  /** Lowers each stamping worker thread's CPU priority; undefined: as the process (STAMP_PRIORITY=off). */
  stampPriority?: ThreadPriority;
  verify: { workers: number; queue: number; timeoutMs: number; memoryMb: number };
  sealP12Path?: string;
  sealP12Passphrase?: string;
  seedDemo: boolean;
  /** postgres:// URL: the store is PostgreSQL (see persistence/open-store.ts); else SQLite in dataDir. */
  databaseUrl?: string;
  /** Rate limits, backpressure, the sync cache and the presence debounce. */
  limits: Limits;
  /** Names this node in stamp-job leases and cluster messages. */
  nodeId: string;
  /** Set when DATABASE_URL is: several nodes share PostgreSQL (and Redis when REDIS_URL is set). */
  cluster?: ClusterConfig;
}

/** One stamping worker per core, at most 8: each holds its own parsed fonts (~100 MB with CJK). */
export function defaultStampWorkers(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = ZConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Konfigurasi tidak valid / invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      'REDIS_URL memerlukan DATABASE_URL (node-node berbagi PostgreSQL) / REDIS_URL needs DATABASE_URL (the nodes share PostgreSQL)',
    );
  }
  if (e.DATABASE_URL && !e.SECRETS_KEY) {
    throw new Error(
      'Mode klaster (DATABASE_URL) memerlukan SECRETS_KEY untuk mengenkripsi rahasia di basis data, mis. `openssl rand -hex 32` / ' +
        'cluster mode (DATABASE_URL) needs SECRETS_KEY to encrypt the secrets kept in the database, e.g. `openssl rand -hex 32`',
    );
  }
  const cluster = e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL, redisUrl: e.REDIS_URL, secretsKey: parseSecretsKey(e.SECRETS_KEY) } : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    organizerToken: e.ORGANIZER_TOKEN,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    inviteTtlSeconds: Math.round(e.INVITE_TTL_HOURS * 3600),
    tallyIntervalMs: e.TALLY_INTERVAL_MS,
    stampWorkers: e.STAMP_WORKERS ?? e.STAMP_CONCURRENCY ?? defaultStampWorkers(),
    stampTimeoutMs: e.STAMP_TIMEOUT_MS,
    stampLeaseMs: e.STAMP_LEASE_MS,
    stampRetryMs: e.STAMP_RETRY_MS,
    stampPriority: e.STAMP_PRIORITY.value,
    verify: { workers: e.VERIFY_WORKERS, queue: e.VERIFY_QUEUE, timeoutMs: e.VERIFY_TIMEOUT_MS, memoryMb: e.VERIFY_MEMORY_MB },
    sealP12Path: e.SEAL_P12_PATH,
    sealP12Passphrase: e.SEAL_P12_PASSPHRASE,
    seedDemo: e.SEED_DEMO === '1',
    databaseUrl: e.DATABASE_URL,
    limits: limitsFromEnv(e),
    nodeId: e.NODE_ID ?? `${hostname().replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 40)}-${e.PORT}-${randomBytes(3).toString('hex')}`,
    cluster,
  };
}
