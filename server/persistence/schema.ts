// SQLite schema. Instants are UTC ISO strings; money is INTEGER rupiah.
export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS ceremonies (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  phase TEXT NOT NULL,
  created_at TEXT NOT NULL,
  contact_json TEXT,
  audit_head_n INTEGER NOT NULL DEFAULT 0,
  audit_head_hash TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS rooms (
  ceremony_id TEXT NOT NULL REFERENCES ceremonies(id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  province TEXT NOT NULL,
  regency TEXT NOT NULL,
  timezone TEXT NOT NULL,
  is_stage INTEGER NOT NULL DEFAULT 0,
  invite_epoch INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (ceremony_id, id)
);
CREATE TABLE IF NOT EXISTS parties (
  ceremony_id TEXT NOT NULL REFERENCES ceremonies(id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  sector TEXT NOT NULL,
  province TEXT NOT NULL,
  room_id TEXT NOT NULL,
  representative_name TEXT NOT NULL,
  representative_title TEXT NOT NULL,
  PRIMARY KEY (ceremony_id, id)
);
CREATE TABLE IF NOT EXISTS agreements (
  ceremony_id TEXT NOT NULL REFERENCES ceremonies(id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  title TEXT NOT NULL,
  value_idr INTEGER NOT NULL,
  parties_json TEXT NOT NULL,
  status TEXT NOT NULL,
  wave_id TEXT,
  called_at TEXT,
  signed_at TEXT,
  stamped_at TEXT,
  original_pdf BLOB NOT NULL,
  original_sha256 TEXT NOT NULL,
  document_pdf BLOB,
  document_sha256 TEXT,
  PRIMARY KEY (ceremony_id, id)
);
CREATE INDEX IF NOT EXISTS agreements_by_id ON agreements (id);
CREATE TABLE IF NOT EXISTS signatures (
  ceremony_id TEXT NOT NULL,
  agreement_id TEXT NOT NULL,
  party_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  signer_title TEXT NOT NULL,
  room_id TEXT NOT NULL,
  timezone TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  typed_text TEXT,
  image_sha256 TEXT,
  image BLOB,
  ip_hash TEXT NOT NULL,
  user_agent_hash TEXT NOT NULL,
  token_id TEXT NOT NULL,
  ip_address TEXT,
  PRIMARY KEY (ceremony_id, agreement_id, party_id)
);
CREATE TABLE IF NOT EXISTS audit_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ceremony_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (ceremony_id, n)
);
CREATE TABLE IF NOT EXISTS record_files (
  ceremony_id TEXT NOT NULL,
  name TEXT NOT NULL,
  bytes BLOB NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (ceremony_id, name)
);
`;

/** Columns added after the first release, for databases created before them. */
export const ADDED_COLUMNS: ReadonlyArray<{ table: string; column: string; definition: string }> = [
  // The signer's plain address, for the organizer only (ip_hash holds the keyed HMAC).
  { table: 'signatures', column: 'ip_address', definition: 'TEXT' },
  { table: 'ceremonies', column: 'contact_json', definition: 'TEXT' },
];

/**
 * Tables of the asynchronous, versioned contract (store-contract.ts): stamp jobs (one per signed,
 * unstamped agreement; a claim is a lease) and secrets shared by every node.
 */
export const JOBS_AND_SECRETS_SQL = `
CREATE TABLE IF NOT EXISTS stamp_jobs (
  ceremony_id TEXT NOT NULL,
  agreement_id TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  due_at TEXT NOT NULL,
  parked INTEGER NOT NULL DEFAULT 0,
  lease_owner TEXT,
  lease_until TEXT,
  PRIMARY KEY (ceremony_id, agreement_id)
);
CREATE INDEX IF NOT EXISTS stamp_jobs_due ON stamp_jobs (parked, due_at);
CREATE TABLE IF NOT EXISTS shared_secrets (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL
);
`;
