// Secrets generated on first start and kept in DATA_DIR (mode 0600), so links printed yesterday
// still work after a restart.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  organizerToken: string;
  inviteSecret: Buffer;
}

function loadOrCreate(file: string, create: () => string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const value = create();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export function loadOrCreateSecrets(dataDir: string, organizerTokenFromEnv?: string): Secrets {
  mkdirSync(dataDir, { recursive: true });
  const inviteSecret = Buffer.from(
    loadOrCreate(join(dataDir, 'invite-secret'), () => randomBytes(32).toString('hex')),
    'hex',
  );
  const organizerToken =
    organizerTokenFromEnv || loadOrCreate(join(dataDir, 'organizer-token'), () => randomBytes(24).toString('base64url'));
  return { organizerToken, inviteSecret };
}
