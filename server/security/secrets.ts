// Secrets generated on first start and kept in DATA_DIR (mode 0600), so links printed yesterday
// still work after a restart.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  organizerToken: string;
  inviteSecret: Buffer;
  /** Keys the HMACs of signers' addresses (signer-evidence.ts); never leaves DATA_DIR. */
  evidenceKey: Buffer;
}

function loadOrCreate(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = create();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/** Where a generated organizer credential is kept (printed by `npm start` as a path, not a value). */
export const ORGANIZER_TOKEN_FILE = 'organizer-token';

export function loadOrCreateSecrets(dataDir: string, organizerTokenFromEnv?: string): Secrets {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const inviteSecret = Buffer.from(
    loadOrCreate(join(dataDir, 'invite-secret'), () => randomBytes(32).toString('hex')),
    'hex',
  );
  const evidenceKey = Buffer.from(
    loadOrCreate(join(dataDir, 'evidence-key'), () => randomBytes(32).toString('hex')),
    'hex',
  );
  const organizerToken =
    organizerTokenFromEnv || loadOrCreate(join(dataDir, ORGANIZER_TOKEN_FILE), () => randomBytes(24).toString('base64url'));
  return { organizerToken, inviteSecret, evidenceKey };
}
