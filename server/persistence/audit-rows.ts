// SQL for reading the audit chain, shared by the store and the read-only audit CLI.
import type Database from 'better-sqlite3';
import type { AuditRow } from './audit-chain';

type Row = Record<string, any>;

export function readAuditRows(db: Database.Database, ceremonyId: string): AuditRow[] {
  return (db.prepare('SELECT * FROM audit_events WHERE ceremony_id = ? ORDER BY n, seq').all(ceremonyId) as Row[]).map((r) => ({
    seq: r.seq,
    ceremonyId: r.ceremony_id,
    n: r.n,
    at: r.at,
    type: r.type,
    payload: r.payload,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

export function readAuditHead(db: Database.Database, ceremonyId: string): { n: number; hash: string } {
  return (
    (db.prepare('SELECT audit_head_n AS n, audit_head_hash AS hash FROM ceremonies WHERE id = ?').get(ceremonyId) as
      | { n: number; hash: string }
      | undefined) ?? { n: 0, hash: '' }
  );
}
