-- Saksi on PostgreSQL, first schema. Mirrors the SQLite schema (server/persistence/schema.ts):
-- instants from the domain stay ISO text so that they round-trip byte for byte (the audit chain
-- hashes them); money is BIGINT rupiah; documents and images are bytea. Only the job leases,
-- which the database itself compares with "now", are timestamptz.
CREATE TABLE ceremonies (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  starts_at TEXT NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('draft', 'lobby', 'signing', 'closed')),
  created_at TEXT NOT NULL,
  contact_json TEXT,
  officials_json TEXT,
  -- The version every commit compares and sets: the audit chain's head.
  audit_head_n INTEGER NOT NULL DEFAULT 0,
  audit_head_hash TEXT NOT NULL DEFAULT ''
);

CREATE TABLE rooms (
  ceremony_id TEXT NOT NULL REFERENCES ceremonies(id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  name TEXT NOT NULL,
  province TEXT NOT NULL,
  regency TEXT NOT NULL,
  timezone TEXT NOT NULL,
  is_stage BOOLEAN NOT NULL DEFAULT FALSE,
  invite_epoch INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (ceremony_id, id)
);

CREATE TABLE parties (
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

CREATE TABLE agreements (
  ceremony_id TEXT NOT NULL REFERENCES ceremonies(id),
  id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  title TEXT NOT NULL,
  value_idr BIGINT NOT NULL CHECK (value_idr >= 0),
  e_meterai_serial TEXT,
  -- In roster order; the signature check below compares the stored rows against it.
  parties TEXT[] NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'called', 'signed', 'stamped')),
  wave_id TEXT,
  called_at TEXT,
  signed_at TEXT,
  stamped_at TEXT,
  original_pdf BYTEA NOT NULL,
  original_sha256 TEXT NOT NULL,
  document_pdf BYTEA,
  document_sha256 TEXT,
  PRIMARY KEY (ceremony_id, id)
);
CREATE INDEX agreements_by_id ON agreements (id);
CREATE INDEX agreements_by_document_sha256 ON agreements (document_sha256);
CREATE INDEX agreements_by_original_sha256 ON agreements (original_sha256);

CREATE TABLE signatures (
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
  image BYTEA,
  ip_hash TEXT NOT NULL,
  user_agent_hash TEXT NOT NULL,
  token_id TEXT NOT NULL,
  ip_address TEXT,
  PRIMARY KEY (ceremony_id, agreement_id, party_id),
  FOREIGN KEY (ceremony_id, agreement_id) REFERENCES agreements (ceremony_id, id)
);

CREATE TABLE audit_events (
  seq BIGSERIAL PRIMARY KEY,
  ceremony_id TEXT NOT NULL REFERENCES ceremonies(id),
  n INTEGER NOT NULL,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  payload TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  UNIQUE (ceremony_id, n)
);
CREATE INDEX audit_events_by_type ON audit_events (ceremony_id, type, n);

CREATE TABLE record_files (
  ceremony_id TEXT NOT NULL REFERENCES ceremonies(id),
  name TEXT NOT NULL,
  bytes BYTEA NOT NULL,
  sha256 TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (ceremony_id, name)
);

-- Stamp (and seal) jobs: one per signed, unstamped agreement. A claim is a lease; a parked job
-- (stamping gave up) waits for an organizer's retry.
CREATE TABLE stamp_jobs (
  ceremony_id TEXT NOT NULL,
  agreement_id TEXT NOT NULL,
  attempt INTEGER NOT NULL DEFAULT 0,
  due_at TIMESTAMPTZ NOT NULL,
  lease_owner TEXT,
  lease_until TIMESTAMPTZ,
  parked BOOLEAN NOT NULL DEFAULT FALSE,
  PRIMARY KEY (ceremony_id, agreement_id),
  FOREIGN KEY (ceremony_id, agreement_id) REFERENCES agreements (ceremony_id, id)
);
CREATE INDEX stamp_jobs_due ON stamp_jobs (due_at) WHERE NOT parked;

CREATE TABLE shared_secrets (
  name TEXT PRIMARY KEY,
  value BYTEA NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
