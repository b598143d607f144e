// Environment, parsed once with zod at start-up; nothing else reads process.env (except the
// media plugin, which is handed the environment explicitly).
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Limits } from './limits/limits';
import { limitsFromEnv, ZLimitsEnvSchema } from './limits/limits-env';
import { availableParallelism } from 'node:os';
import { ZDatabaseUrlSchema } from './persistence/postgres/database-url';

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
  /** First retry delay of a failed stamp (then ×4); after 3 attempts the agreement is parked. */
  STAMP_RETRY_MS: z.coerce.number().int().min(0).max(3_600_000).default(2_000),
  /** Uploaded PDFs checked at once, each in its own worker thread. */
  VERIFY_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  /** Uploads allowed to wait for a worker; beyond that POST /api/verify answers 503 BUSY. */
  VERIFY_QUEUE: z.coerce.number().int().min(0).max(1000).default(4),
  VERIFY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  VERIFY_MEMORY_MB: z.coerce.number().int().min(32).max(8192).default(256),
  SEAL_P12_PATH: z.string().optional(),
  SEAL_P12_PASSPHRASE: z.string().optional(),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
  /** PostgreSQL instead of the SQLite file in DATA_DIR (cluster mode); empty means unset. */
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), ZDatabaseUrlSchema.optional()),
}).merge(ZLimitsEnvSchema);

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
  stampRetryMs: number;
  verify: { workers: number; queue: number; timeoutMs: number; memoryMb: number };
  sealP12Path?: string;
  sealP12Passphrase?: string;
  seedDemo: boolean;
  /** postgres:// URL: the store is PostgreSQL (see persistence/open-store.ts); else SQLite in dataDir. */
  databaseUrl?: string;
  /** Rate limits, backpressure, the sync cache and the presence debounce. */
  limits: Limits;
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
    stampRetryMs: e.STAMP_RETRY_MS,
    verify: { workers: e.VERIFY_WORKERS, queue: e.VERIFY_QUEUE, timeoutMs: e.VERIFY_TIMEOUT_MS, memoryMb: e.VERIFY_MEMORY_MB },
    sealP12Path: e.SEAL_P12_PATH,
    sealP12Passphrase: e.SEAL_P12_PASSPHRASE,
    seedDemo: e.SEED_DEMO === '1',
    databaseUrl: e.DATABASE_URL,
    limits: limitsFromEnv(e),
  };
}
