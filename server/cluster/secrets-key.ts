// SECRETS_KEY, parsed at start-up (config.ts) so a wrong key stops the node before anything opens.
/** SECRETS_KEY: 32 bytes as 64 hex characters or as base64 / base64url. */
export function parseSecretsKey(text: string | undefined): Buffer {
  const value = text?.trim() ?? '';
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const decoded = /^[A-Za-z0-9+/_-]{43}=?$/.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (decoded.length === 32) return decoded;
  throw new Error(
    'SECRETS_KEY harus 32 byte acak (64 karakter heksadesimal atau base64), mis. `openssl rand -hex 32` / ' +
      'SECRETS_KEY must be 32 random bytes (64 hex characters or base64), e.g. `openssl rand -hex 32`',
  );
}
