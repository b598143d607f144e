// Reading a ceremony back from SQLite: its rows, and what the audit chain already records (waves,
// phase times, parked stamps, the officials' signing), made into a ceremony as the PostgreSQL
// store makes it (ceremony-from-rows.ts). The caller runs it inside one read transaction, so the
// state and its version (the audit head) belong together.
import type Database from 'better-sqlite3';
import { HISTORY_TYPES, type HistoryRow } from './audit-history';
import { ceremonyFromRows } from './ceremony-from-rows';
import type { LoadedCeremony } from './store-contract';

type Row = Record<string, any>;

export function readCeremony(db: Database.Database, id: string): LoadedCeremony | undefined {
  const c = db.prepare('SELECT * FROM ceremonies WHERE id = ?').get(id) as Row | undefined;
  if (!c) return undefined;
  const rooms = db.prepare('SELECT * FROM rooms WHERE ceremony_id = ? ORDER BY ord').all(id) as Row[];
  const parties = db.prepare('SELECT * FROM parties WHERE ceremony_id = ? ORDER BY ord').all(id) as Row[];
  const agreements = db
    .prepare(
      `SELECT id, title, value_idr, e_meterai_serial, parties_json, status, wave_id, called_at, signed_at, stamped_at, document_sha256
       FROM agreements WHERE ceremony_id = ? ORDER BY ord`,
    )
    .all(id) as Row[];
  const signatures = db
    .prepare('SELECT * FROM signatures WHERE ceremony_id = ? ORDER BY signed_at')
    .all(id) as Row[];
  const history = db
    .prepare(`SELECT at, type, payload FROM audit_events WHERE ceremony_id = ? AND type IN (${HISTORY_TYPES.map(() => '?').join(', ')}) ORDER BY n`)
    .all(id, ...HISTORY_TYPES) as Row[];
  return ceremonyFromRows({
    ceremony: c,
    rooms,
    parties,
    agreements: agreements.map(({ parties_json, ...a }) => ({ ...a, parties: JSON.parse(parties_json) })),
    signatures,
    history: history as HistoryRow[],
  });
}
