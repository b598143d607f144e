// Cluster mode's secrets on a real PostgreSQL: nodes starting together agree on one set, the
// stored values are ciphertext bound to their names, and a wrong SECRETS_KEY is refused clearly.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, loadSharedSealIdentity, loadSharedSecrets } from '../../../server/cluster/shared-secrets';
import { parseSecretsKey } from '../../../server/cluster/secrets-key';
import { claimDemoSeed } from '../../../server/cluster/cluster-start';
import { parseConfig } from '../../../server/config';
import { openPostgresStore } from '../../../server/persistence/postgres/postgres-store';
import { POSTGRES_MISSING, useLocalPostgres } from '../../support/postgres';

const postgres = useLocalPostgres();

describe('SECRETS_KEY and the cluster configuration', () => {
  it('takes 32 bytes as hex or base64 and refuses anything else', () => {
    const key = randomBytes(32);
    expect(parseSecretsKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretsKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretsKey(key.toString('base64url'))).toEqual(key);
    for (const bad of [undefined, '', 'rahasia', randomBytes(16).toString('hex'), `${key.toString('hex')}00`]) {
      expect(() => parseSecretsKey(bad)).toThrow(/SECRETS_KEY must be 32 random bytes/);
    }
  });

  it('refuses cluster mode without SECRETS_KEY, and REDIS_URL without DATABASE_URL', () => {
    expect(() => parseConfig({ DATABASE_URL: 'postgres://x/y' })).toThrow(/needs SECRETS_KEY/);
    expect(() => parseConfig({ REDIS_URL: 'redis://localhost' })).toThrow(/REDIS_URL needs DATABASE_URL/);
    const embedded = parseConfig({});
    expect(embedded.cluster).toBeUndefined();
    const key = randomBytes(32).toString('hex');
    const node = parseConfig({ DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://r', SECRETS_KEY: key, NODE_ID: 'node-1' });
    expect(node.cluster?.secretsKey.toString('hex')).toBe(key);
    expect(node.nodeId).toBe('node-1');
    expect(() => parseConfig({ NODE_ID: 'bad id/../x' })).toThrow(/NODE_ID/);
  });

  it('binds a ciphertext to its key and its name', () => {
    const key = randomBytes(32);
    const sealed = encryptSecret(key, 'invite-secret', Buffer.from('isi'));
    expect(decryptSecret(key, 'invite-secret', sealed).toString()).toBe('isi');
    expect(() => decryptSecret(randomBytes(32), 'invite-secret', sealed)).toThrow(/SECRETS_KEY differs/);
    expect(() => decryptSecret(key, 'evidence-key', sealed)).toThrow(/SECRETS_KEY differs/);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => decryptSecret(key, 'invite-secret', tampered)).toThrow(/cannot be opened/);
  });
});

describe.skipIf(!!POSTGRES_MISSING)('shared secrets in PostgreSQL', () => {
  it('gives every node the same secrets and seal, stored encrypted; a wrong key is refused', async () => {
    const url = await postgres.fresh();
    const nodes = await Promise.all([openPostgresStore(url), openPostgresStore(url), openPostgresStore(url)]);
    const key = randomBytes(32);
    try {
      // Three nodes starting together.
      const secrets = await Promise.all(nodes.map((s) => loadSharedSecrets(s, key)));
      for (const s of secrets.slice(1)) expect(s).toEqual(secrets[0]);
      expect(secrets[0].inviteSecret.length).toBe(32);
      expect(secrets[0].organizerToken.length).toBeGreaterThanOrEqual(32);
      expect((await loadSharedSecrets(nodes[0], key, 'token-from-env-000000')).organizerToken).toBe('token-from-env-000000');
      const seals = await Promise.all(nodes.map((s) => loadSharedSealIdentity(s, key, {})));
      for (const s of seals.slice(1)) expect(s.certificate.fingerprintSha256).toBe(seals[0].certificate.fingerprintSha256);
      expect(seals[0].certificate.isPlatformIssued).toBe(true);

      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const rows = (await client.query('SELECT * FROM shared_secrets')).rows as Array<Record<string, unknown>>;
      await client.end();
      const stored = Buffer.concat(rows.flatMap((r) => Object.values(r).filter((v): v is Buffer => Buffer.isBuffer(v))));
      expect(stored.includes(secrets[0].inviteSecret)).toBe(false);
      expect(stored.includes(Buffer.from(secrets[0].organizerToken))).toBe(false);
      expect(stored.includes(Buffer.from('PRIVATE KEY'))).toBe(false);

      await expect(loadSharedSecrets(nodes[1], randomBytes(32))).rejects.toThrow(/SECRETS_KEY differs/);
    } finally {
      await Promise.all(nodes.map((s) => s.close()));
    }
  });

  it('lets exactly one of several nodes seed the demo', async () => {
    const url = await postgres.fresh();
    const nodes = await Promise.all([1, 2, 3].map(() => openPostgresStore(url)));
    try {
      const claims = await Promise.all(nodes.map((s, i) => claimDemoSeed(s, `node-${i + 1}`)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await claimDemoSeed(nodes[0], 'node-4')).toBe(false);
    } finally {
      await Promise.all(nodes.map((s) => s.close()));
    }
  });
});
