import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config';
import { redactDatabaseUrl } from '../../../server/persistence/postgres/database-url';

describe('DATABASE_URL', () => {
  it('accepts postgres:// and postgresql:// URLs (socket directories too); unset or empty means SQLite', () => {
    // Cluster mode also needs the key that encrypts the shared secrets.
    const SECRETS_KEY = 'ab'.repeat(32);
    expect(parseConfig({ DATABASE_URL: 'postgres://saksi:rahasia@db:5432/saksi', SECRETS_KEY }).databaseUrl).toBe('postgres://saksi:rahasia@db:5432/saksi');
    expect(parseConfig({ DATABASE_URL: 'postgresql://postgres@localhost/saksi?host=%2Ftmp%2Fpg', SECRETS_KEY }).databaseUrl).toContain('host=%2Ftmp%2Fpg');
    expect(parseConfig({}).databaseUrl).toBeUndefined();
    expect(parseConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('refuses other URLs and non-URLs at start-up, in Indonesian and English', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://db/saksi' })).toThrow(/Konfigurasi tidak valid.*DATABASE_URL.*postgres:\/\//);
    expect(() => parseConfig({ DATABASE_URL: 'saksi' })).toThrow(/DATABASE_URL/);
  });

  it('keeps passwords out of messages', () => {
    expect(redactDatabaseUrl('postgres://saksi:rahasia@db:5432/saksi')).toBe('postgres://saksi:***@db:5432/saksi');
    expect(redactDatabaseUrl('not a url')).toBe('(invalid URL)');
  });
});
