// Signature evidence: keyed HMACs instead of guessable hashes, the public view without the
// address, and a database from before the private address column still opens and reads.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../server/persistence/sqlite-store';
import { SCHEMA_SQL } from '../../../server/persistence/schema';
import { normalizeAddress, publicEvidence, signerEvidence } from '../../../server/security/signer-evidence';

const KEY = Buffer.alloc(32, 7);
const ctx = { ceremonyId: 'uji', ip: '::ffff:203.0.113.9', userAgent: 'Mozilla/5.0 (uji)', tokenId: 'jti-1' };
const tmp = mkdtempSync(join(tmpdir(), 'saksi-evidence-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('signer evidence', () => {
  it('keys the address: not the old SHA-256, different under another key or ceremony, equal for the same address', () => {
    const { evidence, ipAddress } = signerEvidence(KEY, ctx);
    expect(ipAddress).toBe('203.0.113.9');
    expect(evidence.ipHmac).toMatch(/^[0-9a-f]{64}$/);
    for (const guess of [`uji:${ctx.ip}`, 'uji:203.0.113.9', '203.0.113.9']) {
      expect(evidence.ipHmac).not.toBe(createHash('sha256').update(guess).digest('hex'));
    }
    expect(evidence.userAgentHash).not.toBe(createHash('sha256').update(ctx.userAgent).digest('hex'));
    expect(signerEvidence(Buffer.alloc(32, 8), ctx).evidence.ipHmac).not.toBe(evidence.ipHmac);
    expect(signerEvidence(KEY, { ...ctx, ceremonyId: 'lain' }).evidence.ipHmac).not.toBe(evidence.ipHmac);
    expect(signerEvidence(KEY, { ...ctx, ip: '203.0.113.9', tokenId: 'jti-2' }).evidence.ipHmac).toBe(evidence.ipHmac);
    expect(evidence.tokenId).toBe('jti-1');
  });

  it('normalizes IPv4-mapped addresses only', () => {
    expect(normalizeAddress('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8::1');
    expect(normalizeAddress('10.0.0.1')).toBe('10.0.0.1');
  });

  it('shows the public only that the address was recorded', () => {
    const pub = publicEvidence({ ipHmac: 'a'.repeat(64), userAgentHash: 'b'.repeat(64), tokenId: 't' });
    expect(pub).toEqual({ ipRecorded: true, userAgentHash: 'b'.repeat(64), tokenId: 't' });
  });

  it('opens a database made before the private address column and reads its old rows', async () => {
    const file = join(tmp, 'old.db');
    const old = new Database(file);
    old.exec(SCHEMA_SQL.replace(/\n\s*ip_address TEXT,/, ''));
    expect((old.prepare('PRAGMA table_info(signatures)').all() as { name: string }[]).map((c) => c.name)).not.toContain('ip_address');
    old.prepare(`INSERT INTO signatures (ceremony_id, agreement_id, party_id, kind, signer_name, signer_title, room_id, timezone,
      signed_at, typed_text, ip_hash, user_agent_hash, token_id) VALUES ('c', 'K-1', 'p', 'typed', 'Budi', 'Direktur', 'r', 'WIB',
      '2021-01-18T03:00:00.000Z', 'Budi', 'old-sha', 'ua', 'jti')`).run();
    old.close();

    const store = openSqliteStore(file);
    try {
      const [row] = await store.getSignatures('c', 'K-1');
      expect(row.evidence).toEqual({ ipHmac: 'old-sha', userAgentHash: 'ua', tokenId: 'jti' });
      expect(row.ipAddress).toBeUndefined();
      expect(row.record.typedText).toBe('Budi');
    } finally {
      await store.close();
    }
    // Opening it again does not try to add the column twice.
    await openSqliteStore(file).close();
  });
});
