// SQLite (better-sqlite3, WAL) implementation of CeremonyStore. better-sqlite3 is synchronous;
// the methods are async only to share the contract with PostgreSQL. Every commit is one
// IMMEDIATE transaction: the version check (compare-and-set on the audit head), the rows each
// event changes (each guarded by its stored state, see sqlite-events.ts), the audit links and the
// new head land together or not at all. Several handles (processes) may open the same file.
import Database from 'better-sqlite3';
import type { Ceremony } from '../../shared/domain/types';
import type { ActivityItem } from '../../shared/protocol/views';
import { ACTIVITY_TYPES } from '../../shared/protocol/views';
import type { DomainEvent } from '../domain/events';
import { GENESIS_HASH, hashAuditLink, type AuditRow } from './audit-chain';
import { ADDED_COLUMNS, JOBS_AND_SECRETS_SQL, SCHEMA_SQL } from './schema';
import { persistEvent, prepareEventStatements } from './sqlite-events';
import { toActivity, toAuditRow } from './audit-history';
import { readCeremony } from './sqlite-load';
import { toSignatureRecord } from './ceremony-from-rows';
import { SqliteStampJobs } from './sqlite-stamp-jobs';
import type {
  Attachments,
  CeremonyStore,
  CeremonySummary,
  Committed,
  LoadedCeremony,
  NewCeremonyDocuments,
  StampJob,
  StoredDocument,
  StoredSignature,
} from './store-contract';
import { VersionConflictError } from './store-errors';
import { sha256Hex } from '../security/sha256';

type Row = Record<string, any>;

export interface SqliteStoreOptions {
  /** Opens an existing file read-only (the audit CLI beside a live server): no schema changes. */
  readonly?: boolean;
}

export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): SqliteStore {
  if (options.readonly) return new SqliteStore(new Database(file, { readonly: true, fileMustExist: true }));
  const db = openConnection(file);
  // The schema and its upgrades in one transaction: one fsync on a new file rather than one per
  // statement (synchronous=FULL), and never half a schema.
  db.transaction(() => {
    db.exec(SCHEMA_SQL);
    for (const { table, column, definition } of ADDED_COLUMNS) {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
      if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    }
    addMissingColumns(db);
    db.exec(JOBS_AND_SECRETS_SQL);
  })();
  const store = new SqliteStore(db);
  db.transaction(() => {
    // A SQLite file is served by one process (cluster mode runs on PostgreSQL): leases left in it
    // belong to a process that is gone, and its jobs are owed now, not when the lease runs out.
    db.exec('UPDATE stamp_jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner IS NOT NULL');
    // Data directories from before stamp jobs: their signed, unstamped agreements get jobs now.
    store.jobs.sweep(new Date().toISOString());
  })();
  return store;
}

function openConnection(file: string, fileMustExist = false): Database.Database {
  const db = new Database(file, { fileMustExist });
  db.pragma('journal_mode = WAL');
  // FULL: a signature acknowledged to the official survives power loss, not just a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Another handle (process) may hold the write lock for a commit: wait for it, do not fail.
  db.pragma('busy_timeout = 10000');
  return db;
}

/**
 * A second handle on a file openSqliteStore already opened (schema, upgrades and leases done
 * there): the writer thread's (server/workers/sqlite-writer-worker.ts).
 */
export function openSqliteWriter(file: string): SqliteStore {
  return new SqliteStore(openConnection(file, true));
}

/** Columns added after the first release: data directories made before them gain them here. */
function addMissingColumns(db: Database.Database): void {
  const has = (table: string, column: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
  if (!has('agreements', 'e_meterai_serial')) db.exec('ALTER TABLE agreements ADD COLUMN e_meterai_serial TEXT');
  if (!has('ceremonies', 'officials_json')) db.exec('ALTER TABLE ceremonies ADD COLUMN officials_json TEXT');
}

export class SqliteStore implements CeremonyStore {
  private readonly stmts;
  private readonly events;
  private stampJobs: SqliteStampJobs | undefined;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      head: db.prepare('SELECT audit_head_n AS n, audit_head_hash AS hash FROM ceremonies WHERE id = ?'),
      setHead: db.prepare('UPDATE ceremonies SET audit_head_n = ?, audit_head_hash = ? WHERE id = ?'),
      audit: db.prepare(
        'INSERT INTO audit_events (ceremony_id, n, at, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
    this.events = db.readonly ? undefined : prepareEventStatements(db);
  }

  /** Statements prepared once, on first use (preparing one costs about as much as running it). */
  private readonly prepared = new Map<string, Database.Statement>();
  private sql(source: string): Database.Statement {
    let statement = this.prepared.get(source);
    if (!statement) this.prepared.set(source, (statement = this.db.prepare(source)));
    return statement;
  }

  /** Prepared on first use: a read-only handle on an old file has no jobs table. */
  get jobs(): SqliteStampJobs {
    return (this.stampJobs ??= new SqliteStampJobs(this.db));
  }

  async listCeremonies(): Promise<CeremonySummary[]> {
    return this.sql(
        `SELECT c.id, c.title, c.starts_at, c.phase, c.created_at,
          (SELECT COUNT(*) FROM agreements a WHERE a.ceremony_id = c.id) AS agreements
         FROM ceremonies c ORDER BY c.created_at, c.id`,
      )
      .all()
      .map((row) => row as Row)
      .map((r) => ({
        id: r.id,
        title: r.title,
        startsAt: r.starts_at,
        phase: r.phase,
        createdAt: r.created_at,
        agreements: r.agreements,
      }));
  }

  async hasCeremony(id: string): Promise<boolean> {
    return !!this.sql('SELECT 1 FROM ceremonies WHERE id = ?').get(id);
  }

  async loadCeremony(id: string): Promise<LoadedCeremony | undefined> {
    // One read transaction: the rows and the head they are read with belong to the same version.
    return this.db.transaction(() => readCeremony(this.db, id))();
  }

  async version(ceremonyId: string): Promise<number> {
    return (this.stmts.head.get(ceremonyId) as { n: number } | undefined)?.n ?? 0;
  }

  async createCeremony(ceremony: Ceremony, documents: NewCeremonyDocuments): Promise<number> {
    const db = this.db;
    return db.transaction(() => {
      db.prepare('INSERT INTO ceremonies (id, title, starts_at, phase, created_at, contact_json, officials_json) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        ceremony.id,
        ceremony.title,
        ceremony.startsAt,
        ceremony.phase,
        ceremony.createdAt,
        ceremony.contact ? JSON.stringify(ceremony.contact) : null,
        ceremony.officials ? JSON.stringify(ceremony.officials) : null,
      );
      const room = db.prepare(
        'INSERT INTO rooms (ceremony_id, id, ord, name, province, regency, timezone, is_stage) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      ceremony.rooms.forEach((r, i) =>
        room.run(ceremony.id, r.id, i, r.name, r.province, r.regency, r.timezone, r.isStage ? 1 : 0),
      );
      const party = db.prepare(`INSERT INTO parties (ceremony_id, id, ord, kind, name, sector, province, room_id,
        representative_name, representative_title) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      ceremony.parties.forEach((p, i) =>
        party.run(ceremony.id, p.id, i, p.kind, p.name, p.sector, p.province, p.room, p.representative.name, p.representative.title),
      );
      const agreement = db.prepare(`INSERT INTO agreements (ceremony_id, id, ord, title, value_idr, parties_json, status,
        original_pdf, original_sha256, e_meterai_serial) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`);
      ceremony.agreements.forEach((a, i) => {
        const doc = documents.originals.get(a.id);
        if (!doc) throw new Error(`no document for agreement ${a.id}`);
        agreement.run(ceremony.id, a.id, i, a.title, a.valueIdr, JSON.stringify(a.parties), Buffer.from(doc.pdf), doc.sha256, a.eMeteraiSerial ?? null);
      });
      const rosterHash = sha256Hex(
        JSON.stringify({ rooms: ceremony.rooms, parties: ceremony.parties, agreements: ceremony.agreements.map((a) => [a.id, a.parties, a.valueIdr]) }),
      );
      return this.appendAudit(ceremony.id, ceremony.createdAt, 'ceremony.created', {
        title: ceremony.title,
        rooms: ceremony.rooms.length,
        parties: ceremony.parties.length,
        agreements: ceremony.agreements.length,
        rosterSha256: rosterHash,
        documents: Object.fromEntries([...documents.originals].map(([id, d]) => [id, d.sha256])),
      });
    }).immediate();
  }

  async commit(ceremonyId: string, expectedVersion: number, events: DomainEvent[], attachments: Attachments = {}): Promise<Committed> {
    const statements = this.events;
    if (!statements) throw new Error('the store is open read-only');
    return this.db
      .transaction((): Committed => {
        const head = this.stmts.head.get(ceremonyId) as { n: number } | undefined;
        if (!head) throw new Error(`no ceremony ${ceremonyId} in storage`);
        if (head.n !== expectedVersion) throw new VersionConflictError(ceremonyId, expectedVersion, head.n);
        const activity = events.map((event) => {
          persistEvent(statements, ceremonyId, event, attachments);
          const { type, at, ...payload } = event;
          const n = this.appendAudit(ceremonyId, at, type, payload);
          return toActivity(n, at, type, payload);
        });
        return { version: expectedVersion + events.length, activity };
      })
      .immediate();
  }

  /** Appends one link to the ceremony's chain; must run inside a transaction. */
  private appendAudit(ceremonyId: string, at: string, type: string, payload: object): number {
    const head = (this.stmts.head.get(ceremonyId) as { n: number; hash: string } | undefined) ?? { n: 0, hash: '' };
    const link = {
      ceremonyId,
      n: head.n + 1,
      at,
      type,
      payload: JSON.stringify(payload),
      prevHash: head.n === 0 ? GENESIS_HASH : head.hash,
    };
    const hash = hashAuditLink(link);
    this.stmts.audit.run(ceremonyId, link.n, at, type, link.payload, link.prevHash, hash);
    this.stmts.setHead.run(link.n, hash, ceremonyId);
    return link.n;
  }

  async getSignatures(ceremonyId: string, agreementId: string): Promise<StoredSignature[]> {
    return (
      this.db
        .prepare('SELECT * FROM signatures WHERE ceremony_id = ? AND agreement_id = ? ORDER BY signed_at')
        .all(ceremonyId, agreementId) as Row[]
    ).map((s) => ({
      record: toSignatureRecord(s),
      evidence: { ipHmac: s.ip_hash, userAgentHash: s.user_agent_hash, tokenId: s.token_id },
      ...(s.ip_address ? { ipAddress: s.ip_address as string } : {}),
      ...(s.image ? { image: new Uint8Array(s.image) } : {}),
    }));
  }

  async getOriginal(ceremonyId: string, agreementId: string): Promise<{ pdf: Uint8Array; sha256: string } | undefined> {
    const r = this.sql('SELECT original_pdf, original_sha256 FROM agreements WHERE ceremony_id = ? AND id = ?')
      .get(ceremonyId, agreementId) as Row | undefined;
    return r ? { pdf: new Uint8Array(r.original_pdf), sha256: r.original_sha256 as string } : undefined;
  }

  async getDocument(ceremonyId: string, agreementId: string): Promise<StoredDocument | undefined> {
    const r = this.sql(
        'SELECT original_pdf, original_sha256, document_pdf, document_sha256 FROM agreements WHERE ceremony_id = ? AND id = ?',
      )
      .get(ceremonyId, agreementId) as Row | undefined;
    if (!r) return undefined;
    return r.document_pdf
      ? { pdf: new Uint8Array(r.document_pdf), sha256: r.document_sha256, final: true, originalSha256: r.original_sha256 }
      : { pdf: new Uint8Array(r.original_pdf), sha256: r.original_sha256, final: false, originalSha256: r.original_sha256 };
  }

  async findAgreementCeremonies(agreementId: string): Promise<string[]> {
    return (this.sql('SELECT ceremony_id FROM agreements WHERE id = ?').all(agreementId) as Row[]).map(
      (r) => r.ceremony_id,
    );
  }

  async findDocumentBySha256(sha: string): Promise<{ ceremonyId: string; agreementId: string } | undefined> {
    const r = this.sql('SELECT ceremony_id, id FROM agreements WHERE document_sha256 = ? OR original_sha256 = ? LIMIT 1')
      .get(sha, sha) as Row | undefined;
    return r ? { ceremonyId: r.ceremony_id as string, agreementId: r.id as string } : undefined;
  }

  async recentActivity(ceremonyId: string, limit: number): Promise<ActivityItem[]> {
    const rows = this.sql('SELECT n, at, type, payload FROM audit_events WHERE ceremony_id = ? ORDER BY n DESC LIMIT ?')
      .all(ceremonyId, limit * 2) as Row[];
    return rows
      .filter((r) => (ACTIVITY_TYPES as readonly string[]).includes(r.type))
      .slice(0, limit)
      .reverse()
      .map((r) => toActivity(r.n, r.at, r.type, JSON.parse(r.payload)));
  }

  async listAudit(ceremonyId: string): Promise<AuditRow[]> {
    return (this.sql('SELECT * FROM audit_events WHERE ceremony_id = ? ORDER BY n, seq').all(ceremonyId) as Row[]).map(toAuditRow);
  }

  async auditHead(ceremonyId: string): Promise<{ n: number; hash: string }> {
    return (this.stmts.head.get(ceremonyId) as { n: number; hash: string } | undefined) ?? { n: 0, hash: '' };
  }

  /**
   * Ceremonies with a row or any audit event: events left behind by a deleted ceremony row are
   * checked too (their head is then missing, which the audit walk reports). For the audit CLI.
   */
  async auditedCeremonyIds(): Promise<string[]> {
    return (this.sql('SELECT id FROM ceremonies UNION SELECT DISTINCT ceremony_id FROM audit_events ORDER BY 1').all() as Row[]).map(
      (r) => r.id as string,
    );
  }

  async putRecordFile(ceremonyId: string, name: string, bytes: Uint8Array, sha: string, at: string): Promise<boolean> {
    const { changes } = this.sql('INSERT INTO record_files (ceremony_id, name, bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(ceremonyId, name, Buffer.from(bytes), sha, at);
    return changes === 1;
  }

  async getRecordFile(ceremonyId: string, name: string): Promise<{ bytes: Uint8Array; sha256: string } | undefined> {
    const r = this.sql('SELECT bytes, sha256 FROM record_files WHERE ceremony_id = ? AND name = ?')
      .get(ceremonyId, name) as Row | undefined;
    return r ? { bytes: new Uint8Array(r.bytes), sha256: r.sha256 as string } : undefined;
  }

  async claimStampJobs(owner: string, limit: number, leaseMs: number, now: string): Promise<StampJob[]> {
    return this.jobs.claim(owner, limit, leaseMs, now);
  }

  async renewStampJobs(owner: string, jobs: ReadonlyArray<{ ceremonyId: string; agreementId: string }>, leaseMs: number, now: string): Promise<number> {
    return this.jobs.renew(owner, jobs, leaseMs, now);
  }

  async releaseStampJob(ceremonyId: string, agreementId: string, owner: string, retryAt: string): Promise<void> {
    this.jobs.release(ceremonyId, agreementId, owner, retryAt);
  }

  async sweepStampJobs(now: string): Promise<number> {
    return this.jobs.sweep(now);
  }

  async sharedSecret(name: string, candidate: Uint8Array): Promise<Uint8Array> {
    return this.db
      .transaction(() => {
        this.sql('INSERT INTO shared_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING').run(name, Buffer.from(candidate));
        const row = this.sql('SELECT value FROM shared_secrets WHERE name = ?').get(name) as { value: Buffer };
        return new Uint8Array(row.value);
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
