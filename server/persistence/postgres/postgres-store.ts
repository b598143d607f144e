// PostgreSQL (node-postgres) implementation of CeremonyStore, for cluster mode: several Saksi
// nodes share one database. A commit locks the ceremony row (SELECT … FOR UPDATE), compares its
// audit head with the caller's version, writes the events' rows and audit links, and moves the
// head, all in one transaction: the loser of a race gets VersionConflictError and nothing written.
import pg from 'pg';
import { ACTIVITY_TYPES } from '../../../shared/protocol/views';
import type { ActivityItem } from '../../../shared/protocol/views';
import type { Ceremony } from '../../../shared/domain/types';
import type { DomainEvent } from '../../domain/events';
import { GENESIS_HASH, hashAuditLink, type AuditRow } from '../audit-chain';
import { toActivity, toAuditRow } from '../audit-history';
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
} from '../store-contract';
import { VersionConflictError } from '../store-errors';
import { insertCeremonyRows, readCeremony } from './ceremony-rows';
import { toSignatureRecord } from '../ceremony-from-rows';
import { writeEvent } from './event-writes';
import { assertSchemaCurrent, migrate } from './migrate';
import { inTransaction, insertRows, toBytes, type Row } from './sql';
import { claimStampJobs, releaseStampJob, renewStampJobs, sweepStampJobs } from './stamp-jobs';

export interface PostgresStoreOptions {
  /** Apply pending migrations first (tests, the local demo); nodes in production leave it off. */
  migrate?: boolean;
  /** Connections this node keeps open (default 10). */
  poolSize?: number;
}

/** Opens the store; refuses (SchemaVersionError) unless the schema is exactly the one this code knows. */
export async function openPostgresStore(databaseUrl: string, options: PostgresStoreOptions = {}): Promise<CeremonyStore> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.poolSize ?? 10 });
  // An idle connection that breaks (database restarted) must not take the process down.
  pool.on('error', () => undefined);
  try {
    if (options.migrate) await migrate(pool);
    await assertSchemaCurrent(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool);
}

interface PendingLink {
  at: string;
  type: string;
  payload: object;
}

class PostgresStore implements CeremonyStore {
  constructor(private readonly pool: pg.Pool) {}

  async listCeremonies(): Promise<CeremonySummary[]> {
    const { rows } = await this.pool.query(
      `SELECT c.id, c.title, c.starts_at, c.phase, c.created_at,
         (SELECT COUNT(*) FROM agreements a WHERE a.ceremony_id = c.id) AS agreements
       FROM ceremonies c ORDER BY c.created_at, c.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      startsAt: r.starts_at,
      phase: r.phase,
      createdAt: r.created_at,
      agreements: Number(r.agreements),
    }));
  }

  async hasCeremony(id: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM ceremonies WHERE id = $1', [id])).rowCount === 1;
  }

  async loadCeremony(id: string): Promise<LoadedCeremony | undefined> {
    // One snapshot: the rows, the history and the version must describe the same moment.
    return inTransaction(this.pool, (client) => readCeremony(client, id), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async version(ceremonyId: string): Promise<number> {
    return (await this.auditHead(ceremonyId)).n;
  }

  async createCeremony(ceremony: Ceremony, documents: NewCeremonyDocuments): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const created = await insertCeremonyRows(client, ceremony, documents);
      await appendAudit(client, ceremony.id, { n: 0, hash: '' }, [created]);
      return 1;
    });
  }

  async commit(ceremonyId: string, expectedVersion: number, events: DomainEvent[], attachments: Attachments = {}): Promise<Committed> {
    return inTransaction(this.pool, async (client) => {
      // The row lock serializes commits of one ceremony across every node; the compare below
      // then sees the head as the previous committer left it.
      const head = (await client.query('SELECT audit_head_n AS n, audit_head_hash AS hash FROM ceremonies WHERE id = $1 FOR UPDATE', [ceremonyId]))
        .rows[0] as { n: number; hash: string } | undefined;
      if (!head) throw new Error(`ceremony ${ceremonyId} is not in storage`);
      if (head.n !== expectedVersion) throw new VersionConflictError(ceremonyId, expectedVersion, head.n);
      if (events.length === 0) return { version: head.n, activity: [] };
      const links: PendingLink[] = [];
      for (const event of events) {
        await writeEvent(client, ceremonyId, event, attachments);
        const { type, at, ...payload } = event;
        links.push({ at, type, payload });
      }
      const version = await appendAudit(client, ceremonyId, head, links);
      const activity = links.map((l, i) => toActivity(head.n + 1 + i, l.at, l.type, l.payload));
      return { version, activity };
    });
  }

  async getSignatures(ceremonyId: string, agreementId: string): Promise<StoredSignature[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM signatures WHERE ceremony_id = $1 AND agreement_id = $2 ORDER BY signed_at, party_id',
      [ceremonyId, agreementId],
    );
    return rows.map((s) => ({
      record: toSignatureRecord(s),
      evidence: { ipHmac: s.ip_hash, userAgentHash: s.user_agent_hash, tokenId: s.token_id },
      ...(s.ip_address ? { ipAddress: s.ip_address as string } : {}),
      ...(s.image ? { image: toBytes(s.image) } : {}),
    }));
  }

  async getOriginal(ceremonyId: string, agreementId: string) {
    const r = (await this.pool.query('SELECT original_pdf, original_sha256 FROM agreements WHERE ceremony_id = $1 AND id = $2', [ceremonyId, agreementId]))
      .rows[0] as Row | undefined;
    return r ? { pdf: toBytes(r.original_pdf), sha256: r.original_sha256 as string } : undefined;
  }

  async getDocument(ceremonyId: string, agreementId: string): Promise<StoredDocument | undefined> {
    // Only the PDF that is current travels: the original once stamped is not fetched.
    const r = (
      await this.pool.query(
        `SELECT COALESCE(document_pdf, original_pdf) AS pdf, document_pdf IS NOT NULL AS final, original_sha256, document_sha256
         FROM agreements WHERE ceremony_id = $1 AND id = $2`,
        [ceremonyId, agreementId],
      )
    ).rows[0] as Row | undefined;
    if (!r) return undefined;
    return {
      pdf: toBytes(r.pdf),
      sha256: r.final ? r.document_sha256 : r.original_sha256,
      final: r.final,
      originalSha256: r.original_sha256,
    };
  }

  async findAgreementCeremonies(agreementId: string): Promise<string[]> {
    const { rows } = await this.pool.query('SELECT ceremony_id FROM agreements WHERE id = $1 ORDER BY ceremony_id', [agreementId]);
    return rows.map((r) => r.ceremony_id);
  }

  async findDocumentBySha256(sha256: string) {
    const r = (
      await this.pool.query(
        `SELECT ceremony_id, id FROM agreements WHERE document_sha256 = $1
         UNION ALL SELECT ceremony_id, id FROM agreements WHERE original_sha256 = $1 LIMIT 1`,
        [sha256],
      )
    ).rows[0] as Row | undefined;
    return r ? { ceremonyId: r.ceremony_id as string, agreementId: r.id as string } : undefined;
  }

  async recentActivity(ceremonyId: string, limit: number): Promise<ActivityItem[]> {
    const { rows } = await this.pool.query(
      'SELECT n, at, type, payload FROM audit_events WHERE ceremony_id = $1 AND type = ANY($2) ORDER BY n DESC LIMIT $3',
      [ceremonyId, ACTIVITY_TYPES, Math.max(0, Math.floor(limit))],
    );
    return rows.reverse().map((r) => toActivity(r.n, r.at, r.type, JSON.parse(r.payload)));
  }

  async listAudit(ceremonyId: string): Promise<AuditRow[]> {
    const { rows } = await this.pool.query('SELECT * FROM audit_events WHERE ceremony_id = $1 ORDER BY n, seq', [ceremonyId]);
    return rows.map(toAuditRow);
  }

  async auditHead(ceremonyId: string): Promise<{ n: number; hash: string }> {
    const r = (await this.pool.query('SELECT audit_head_n AS n, audit_head_hash AS hash FROM ceremonies WHERE id = $1', [ceremonyId])).rows[0];
    return r ? { n: r.n, hash: r.hash } : { n: 0, hash: '' };
  }

  async putRecordFile(ceremonyId: string, name: string, bytes: Uint8Array, sha256: string, at: string): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO record_files (ceremony_id, name, bytes, sha256, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (ceremony_id, name) DO NOTHING`,
      [ceremonyId, name, Buffer.from(bytes), sha256, at],
    );
    return result.rowCount === 1;
  }

  async getRecordFile(ceremonyId: string, name: string) {
    const r = (await this.pool.query('SELECT bytes, sha256 FROM record_files WHERE ceremony_id = $1 AND name = $2', [ceremonyId, name]))
      .rows[0] as Row | undefined;
    return r ? { bytes: toBytes(r.bytes), sha256: r.sha256 as string } : undefined;
  }

  claimStampJobs(owner: string, limit: number, leaseMs: number, now: string): Promise<StampJob[]> {
    return claimStampJobs(this.pool, owner, limit, leaseMs, now);
  }

  renewStampJobs(owner: string, jobs: ReadonlyArray<{ ceremonyId: string; agreementId: string }>, leaseMs: number, now: string): Promise<number> {
    return renewStampJobs(this.pool, owner, jobs, leaseMs, now);
  }

  releaseStampJob(ceremonyId: string, agreementId: string, owner: string, retryAt: string): Promise<void> {
    return releaseStampJob(this.pool, ceremonyId, agreementId, owner, retryAt);
  }

  sweepStampJobs(now: string): Promise<number> {
    return sweepStampJobs(this.pool, now);
  }

  async sharedSecret(name: string, candidate: Uint8Array): Promise<Uint8Array> {
    // Insert-if-absent, then read: whichever node inserted first, every node reads its value.
    await this.pool.query('INSERT INTO shared_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, Buffer.from(candidate)]);
    const r = (await this.pool.query('SELECT value FROM shared_secrets WHERE name = $1', [name])).rows[0] as Row;
    return toBytes(r.value);
  }

  private closing?: Promise<void>;
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }
}

/** Appends links after `head` (the locked, current head) and moves the head; returns the new n. */
async function appendAudit(client: pg.PoolClient, ceremonyId: string, head: { n: number; hash: string }, links: PendingLink[]): Promise<number> {
  let n = head.n;
  let prevHash = head.n === 0 ? GENESIS_HASH : head.hash;
  const rows: unknown[][] = [];
  for (const link of links) {
    n += 1;
    const full = { ceremonyId, n, at: link.at, type: link.type, payload: JSON.stringify(link.payload), prevHash };
    const hash = hashAuditLink(full);
    rows.push([ceremonyId, n, full.at, full.type, full.payload, prevHash, hash]);
    prevHash = hash;
  }
  if (rows.length > 1000) {
    // Large batches (a flood of presence events) in chunks, then the head.
    await insertRows(client, 'audit_events', ['ceremony_id', 'n', 'at', 'type', 'payload', 'prev_hash', 'hash'], rows);
    await client.query('UPDATE ceremonies SET audit_head_n = $1, audit_head_hash = $2 WHERE id = $3', [n, prevHash, ceremonyId]);
    return n;
  }
  // The links and the head in one statement: one round trip less per commit.
  const params: unknown[] = [n, prevHash, ceremonyId];
  const tuples = rows.map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`);
  await client.query(
    `WITH links AS (INSERT INTO audit_events (ceremony_id, n, at, type, payload, prev_hash, hash) VALUES ${tuples.join(', ')})
     UPDATE ceremonies SET audit_head_n = $1, audit_head_hash = $2 WHERE id = $3`,
    params,
  );
  return n;
}
