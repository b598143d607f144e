// Environment, parsed once with zod at start-up; nothing else reads process.env (except the
// media plugin, which is handed the environment explicitly).
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Limits } from './limits/limits';
import { limitsFromEnv, ZLimitsEnvSchema } from './limits/limits-env';

const ZConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  ORGANIZER_TOKEN: z.string().min(16, 'ORGANIZER_TOKEN needs at least 16 characters').optional(),
  /** Base of the links we print and put into PDFs; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  INVITE_TTL_HOURS: z.coerce.number().positive().default(24 * 14),
  TALLY_INTERVAL_MS: z.coerce.number().int().min(50).max(10_000).default(250),
  STAMP_CONCURRENCY: z.coerce.number().int().min(1).max(8).default(1),
  SEAL_P12_PATH: z.string().optional(),
  SEAL_P12_PASSPHRASE: z.string().optional(),
  SEED_DEMO: z.enum(['0', '1']).default('1'),
}).merge(ZLimitsEnvSchema);

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  organizerToken?: string;
  publicUrl?: string;
  inviteTtlSeconds: number;
  tallyIntervalMs: number;
  stampConcurrency: number;
  sealP12Path?: string;
  sealP12Passphrase?: string;
  seedDemo: boolean;
  /** Rate limits, backpressure, the sync cache and the presence debounce. */
  limits: Limits;
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
    stampConcurrency: e.STAMP_CONCURRENCY,
    sealP12Path: e.SEAL_P12_PATH,
    sealP12Passphrase: e.SEAL_P12_PASSPHRASE,
    seedDemo: e.SEED_DEMO === '1',
    limits: limitsFromEnv(e),
  };
}
