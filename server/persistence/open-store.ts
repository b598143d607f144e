// The one place that knows which store implementation backs a data directory. Everything above
// it sees only the CeremonyStore contract (store-contract.ts).
import { join } from 'node:path';
import type { AuditRow } from './audit-chain';
import { openSqliteStore } from './sqlite-store';
import type { CeremonyStore } from './store-contract';

export const DATABASE_FILE = 'saksi.db';

/** The embedded default: SQLite in DATA_DIR/saksi.db (created and upgraded on open). */
export function openStore(dataDir: string): CeremonyStore {
  return openSqliteStore(join(dataDir, DATABASE_FILE));
}

/** What the audit CLI reads: every chain held, even one whose ceremony row is gone. */
export interface AuditReader {
  /** Ceremonies with a row or any audit event (events left behind by a deleted row are checked too). */
  auditedCeremonyIds(): Promise<string[]>;
  listAudit(ceremonyId: string): Promise<AuditRow[]>;
  auditHead(ceremonyId: string): Promise<{ n: number; hash: string }>;
  close(): Promise<void>;
}

/** Opened read-only, so it can run beside a live server. */
export function openAuditStore(dataDir: string): AuditReader {
  return openSqliteStore(join(dataDir, DATABASE_FILE), { readonly: true });
}
