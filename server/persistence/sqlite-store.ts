// SQLite (better-sqlite3, WAL) implementation of CeremonyStore. Every commit is one transaction:
// a signature, its audit link and the ceremony's audit head land together or not at all.
import Database from 'better-sqlite3';
import type { Agreement, BeritaAcaraSigning, Ceremony, CeremonyTimeline, PartyKind, SignatureRecord, StampFailure, TimeZoneName, Wave } from '../../shared/domain/types';
import { normalizeOfficials } from '../../shared/domain/berita-acara-signing';
import { officialImageFileName } from './official-images';
import type { ActivityItem, ActivityType } from '../../shared/protocol/views';
import { ACTIVITY_TYPES } from '../../shared/protocol/views';
import type { DomainEvent } from '../domain/events';
import { GENESIS_HASH, hashAuditLink, type AuditRow } from './audit-chain';
import { readAuditHead, readAuditRows } from './audit-rows';
import { ADDED_COLUMNS, SCHEMA_SQL } from './schema';
import type {
  Attachments,
  CeremonyStore,
  CeremonySummary,
  LoadedCeremony,
  NewCeremonyDocuments,
  StoredDocument,
  StoredSignature,
} from './store';
import { sha256Hex } from '../security/sha256';
import { withOwnValue } from '../../shared/domain/own-keys';

type Row = Record<string, any>;

export function openSqliteStore(file: string): CeremonyStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a signature acknowledged to the official survives power loss, not just a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA_SQL);
  for (const { table, column, definition } of ADDED_COLUMNS) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
  }
  addMissingColumns(db);
  return new SqliteStore(db);
}

/** Columns added after the first release: data directories made before them gain them here. */
function addMissingColumns(db: Database.Database): void {
  const has = (table: string, column: string) =>
    (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
  if (!has('agreements', 'e_meterai_serial')) db.exec('ALTER TABLE agreements ADD COLUMN e_meterai_serial TEXT');
  if (!has('ceremonies', 'officials_json')) db.exec('ALTER TABLE ceremonies ADD COLUMN officials_json TEXT');
}

class SqliteStore implements CeremonyStore {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      head: db.prepare('SELECT audit_head_n AS n, audit_head_hash AS hash FROM ceremonies WHERE id = ?'),
      setHead: db.prepare('UPDATE ceremonies SET audit_head_n = ?, audit_head_hash = ? WHERE id = ?'),
      audit: db.prepare(
        'INSERT INTO audit_events (ceremony_id, n, at, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      phase: db.prepare('UPDATE ceremonies SET phase = ? WHERE id = ?'),
      called: db.prepare(
        "UPDATE agreements SET status = 'called', called_at = ?, wave_id = ? WHERE ceremony_id = ? AND id = ?",
      ),
      recordFile: db.prepare('INSERT OR REPLACE INTO record_files (ceremony_id, name, bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?)'),
      recalled: db.prepare(
        "UPDATE agreements SET status = 'pending', called_at = NULL, wave_id = NULL WHERE ceremony_id = ? AND id = ?",
      ),
      signature: db.prepare(`INSERT INTO signatures (ceremony_id, agreement_id, party_id, kind, signer_name, signer_title,
        room_id, timezone, signed_at, typed_text, image_sha256, image, ip_hash, user_agent_hash, token_id, ip_address)
        VALUES (@ceremonyId, @agreementId, @partyId, @kind, @signerName, @signerTitle, @roomId, @timezone, @signedAt,
        @typedText, @imageSha256, @image, @ipHmac, @userAgentHash, @tokenId, @ipAddress)`),
      signed: db.prepare(
        "UPDATE agreements SET status = 'signed', signed_at = ? WHERE ceremony_id = ? AND id = ? AND status = 'called'",
      ),
      stamped: db.prepare(`UPDATE agreements SET status = 'stamped', stamped_at = ?, document_pdf = ?, document_sha256 = ?
        WHERE ceremony_id = ? AND id = ? AND status = 'signed'`),
      epoch: db.prepare('UPDATE rooms SET invite_epoch = ? WHERE ceremony_id = ? AND id = ?'),
      // The stored signature rows of an agreement against its party list, both ways: parties
      // without a row, and rows of someone who is not a party. Both must be empty before the
      // agreement may count as signed or be stamped, whatever the in-memory state believed.
      signatureMismatch: db.prepare(`SELECT
          (SELECT json_group_array(p.value) FROM json_each(a.parties_json) p
            WHERE NOT EXISTS (SELECT 1 FROM signatures s
              WHERE s.ceremony_id = a.ceremony_id AND s.agreement_id = a.id AND s.party_id = p.value)) AS unsigned,
          (SELECT json_group_array(s.party_id) FROM signatures s
            WHERE s.ceremony_id = a.ceremony_id AND s.agreement_id = a.id
              AND s.party_id NOT IN (SELECT p.value FROM json_each(a.parties_json) p)) AS strangers
        FROM agreements a WHERE a.ceremony_id = ? AND a.id = ?`),
    };
  }

  listCeremonies(): CeremonySummary[] {
    return this.db
      .prepare(
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

  hasCeremony(id: string): boolean {
    return !!this.db.prepare('SELECT 1 FROM ceremonies WHERE id = ?').get(id);
  }

  loadCeremony(id: string): LoadedCeremony | undefined {
    const c = this.db.prepare('SELECT * FROM ceremonies WHERE id = ?').get(id) as Row | undefined;
    if (!c) return undefined;
    const rooms = this.db.prepare('SELECT * FROM rooms WHERE ceremony_id = ? ORDER BY ord').all(id) as Row[];
    const parties = this.db.prepare('SELECT * FROM parties WHERE ceremony_id = ? ORDER BY ord').all(id) as Row[];
    const agreements = this.db
      .prepare(
        `SELECT id, title, value_idr, e_meterai_serial, parties_json, status, wave_id, called_at, signed_at, stamped_at, document_sha256
         FROM agreements WHERE ceremony_id = ? ORDER BY ord`,
      )
      .all(id) as Row[];
    const signatures = this.db
      .prepare('SELECT * FROM signatures WHERE ceremony_id = ? ORDER BY signed_at')
      .all(id) as Row[];
    const stampFailures = readStampFailures(this.db, id);
    const byAgreement = new Map<string, Record<string, SignatureRecord>>();
    for (const s of signatures) {
      // An own property even for ids like `__proto__`: assignment would set the prototype instead.
      byAgreement.set(s.agreement_id, withOwnValue(byAgreement.get(s.agreement_id) ?? {}, s.party_id, toSignatureRecord(s)));
    }
    const { waves, timeline } = this.loadHistory(id);
    const ceremony: Ceremony = {
      id: c.id,
      title: c.title,
      startsAt: c.starts_at,
      phase: c.phase,
      createdAt: c.created_at,
      ...(c.contact_json ? { contact: JSON.parse(c.contact_json) } : {}),
      // Officials stored before live signing have no id or room: numbered and seated on the stage.
      ...(c.officials_json ? { officials: normalizeOfficials(JSON.parse(c.officials_json), rooms.map((r) => ({ id: r.id, isStage: !!r.is_stage }))) } : {}),
      ...readBeritaAcaraSigning(this.db, id),
      rooms: rooms.map((r) => ({
        id: r.id,
        name: r.name,
        province: r.province,
        regency: r.regency,
        timezone: r.timezone as TimeZoneName,
        ...(r.is_stage ? { isStage: true } : {}),
      })),
      parties: parties.map((p) => ({
        id: p.id,
        kind: p.kind as PartyKind,
        name: p.name,
        sector: p.sector,
        province: p.province,
        room: p.room_id,
        representative: { name: p.representative_name, title: p.representative_title },
      })),
      agreements: agreements.map(
        (a): Agreement => ({
          id: a.id,
          title: a.title,
          valueIdr: a.value_idr,
          ...(a.e_meterai_serial ? { eMeteraiSerial: a.e_meterai_serial } : {}),
          parties: JSON.parse(a.parties_json),
          status: a.status,
          signatures: byAgreement.get(a.id) ?? {},
          ...(a.wave_id ? { waveId: a.wave_id } : {}),
          ...(a.called_at ? { calledAt: a.called_at } : {}),
          ...(a.signed_at ? { signedAt: a.signed_at } : {}),
          ...(a.stamped_at ? { stampedAt: a.stamped_at } : {}),
          ...(a.document_sha256 ? { documentSha256: a.document_sha256 } : {}),
          ...(a.status === 'signed' && stampFailures.has(a.id) ? { stampFailure: stampFailures.get(a.id) } : {}),
        }),
      ),
      waves,
      timeline,
    };
    return { ceremony, inviteEpochs: new Map(rooms.map((r) => [r.id as string, r.invite_epoch as number])) };
  }

  /** Waves and phase times are read back from the audit chain, which already records them. */
  private loadHistory(ceremonyId: string): { waves: Wave[]; timeline: CeremonyTimeline } {
    const rows = this.db
      .prepare(
        `SELECT at, type, payload FROM audit_events WHERE ceremony_id = ? AND type IN
          ('agreement.called', 'ceremony.lobbyOpened', 'ceremony.signingStarted', 'ceremony.closed') ORDER BY n`,
      )
      .all(ceremonyId) as Row[];
    const waves: Wave[] = [];
    const timeline: CeremonyTimeline = {};
    for (const r of rows) {
      if (r.type === 'ceremony.lobbyOpened') timeline.lobbyOpenedAt = r.at;
      else if (r.type === 'ceremony.signingStarted') timeline.signingStartedAt = r.at;
      else if (r.type === 'ceremony.closed') timeline.closedAt = r.at;
      else {
        const p = JSON.parse(r.payload) as { waveId: string; agreementIds: string[]; waveNumber?: number; waveName?: string };
        // Calls recorded before waves had numbers are numbered in order, as they would have been.
        waves.push({
          id: p.waveId,
          number: p.waveNumber ?? waves.length + 1,
          ...(p.waveName ? { name: p.waveName } : {}),
          calledAt: r.at,
          size: p.agreementIds.length,
        });
      }
    }
    return { waves, timeline };
  }

  createCeremony(ceremony: Ceremony, documents: NewCeremonyDocuments): void {
    const db = this.db;
    db.transaction(() => {
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
      this.appendAudit(ceremony.id, ceremony.createdAt, 'ceremony.created', {
        title: ceremony.title,
        rooms: ceremony.rooms.length,
        parties: ceremony.parties.length,
        agreements: ceremony.agreements.length,
        rosterSha256: rosterHash,
        documents: Object.fromEntries([...documents.originals].map(([id, d]) => [id, d.sha256])),
      });
    })();
  }

  commit(ceremonyId: string, events: DomainEvent[], attachments: Attachments = {}): ActivityItem[] {
    if (events.length === 0) return [];
    return this.db.transaction(() => events.map((e) => this.persistEvent(ceremonyId, e, attachments)))();
  }

  private persistEvent(ceremonyId: string, event: DomainEvent, attachments: Attachments): ActivityItem {
    const s = this.stmts;
    switch (event.type) {
      case 'ceremony.lobbyOpened':
        s.phase.run('lobby', ceremonyId);
        break;
      case 'ceremony.signingStarted':
        s.phase.run('signing', ceremonyId);
        break;
      case 'ceremony.closed':
        s.phase.run('closed', ceremonyId);
        break;
      case 'room.joined':
      case 'room.left':
        break;
      case 'agreement.called':
        for (const id of event.agreementIds) s.called.run(event.at, event.waveId, ceremonyId, id);
        break;
      case 'agreement.recalled':
        s.recalled.run(ceremonyId, event.agreementId);
        break;
      case 'wave.recalled':
        for (const id of event.agreementIds) s.recalled.run(ceremonyId, id);
        break;
      case 'signature.recorded': {
        const r = event.signature;
        const image = attachments.signatureImages?.get(`${r.agreementId}/${r.partyId}`);
        const ipAddress = attachments.signerAddresses?.get(`${r.agreementId}/${r.partyId}`);
        if (r.kind === 'drawn' && !image) throw new Error(`missing image for ${r.agreementId}/${r.partyId}`);
        s.signature.run({
          ceremonyId,
          agreementId: r.agreementId,
          partyId: r.partyId,
          kind: r.kind,
          signerName: r.signerName,
          signerTitle: r.signerTitle,
          roomId: r.roomId,
          timezone: r.timezone,
          signedAt: r.signedAt,
          typedText: r.typedText ?? null,
          imageSha256: r.imageSha256 ?? null,
          image: image ? Buffer.from(image) : null,
          ipHmac: event.evidence.ipHmac,
          userAgentHash: event.evidence.userAgentHash,
          tokenId: event.evidence.tokenId,
          ipAddress: ipAddress ?? null,
        });
        break;
      }
      case 'agreement.signed':
        if (s.signed.run(event.at, ceremonyId, event.agreementId).changes !== 1) {
          throw new Error(`agreement ${event.agreementId} was not at the desk in storage`);
        }
        this.assertSignatureSetComplete(ceremonyId, event.agreementId);
        break;
      case 'agreement.stamped': {
        const pdf = attachments.documents?.get(event.agreementId);
        if (!pdf) throw new Error(`missing document for ${event.agreementId}`);
        // The status guard makes a second stamp of the same agreement impossible in storage too.
        if (s.stamped.run(event.at, Buffer.from(pdf), event.documentSha256, ceremonyId, event.agreementId).changes !== 1) {
          throw new Error(`agreement ${event.agreementId} is not awaiting a stamp`);
        }
        this.assertSignatureSetComplete(ceremonyId, event.agreementId);
        break;
      }
      case 'invite.reissued':
        s.epoch.run(event.epoch, ceremonyId, event.roomId);
        break;
      case 'agreement.stampFailed':
      case 'agreement.stampRetried':
        // Kept in the audit chain only; loadCeremony folds them back into the agreement.
        break;
      case 'beritaAcara.officialSigned': {
        // Audit only (loadCeremony folds it back); a drawn image goes to record_files in the same transaction. Port to PostgreSQL as is.
        const image = attachments.officialSignatureImages?.get(event.signature.officialId);
        if (event.signature.kind === 'drawn') {
          if (!image || !event.signature.imageSha256) throw new Error(`missing image for official ${event.signature.officialId}`);
          s.recordFile.run(ceremonyId, officialImageFileName(event.signature.officialId), Buffer.from(image), event.signature.imageSha256, event.at);
        }
        break;
      }
      case 'beritaAcara.finishedWithoutOfficials':
        // Audit only; loadCeremony folds it back. Port to PostgreSQL as is.
        break;
      default: {
        const never: never = event;
        throw new Error(`unhandled event ${JSON.stringify(never)}`);
      }
    }
    const { type, at, ...payload } = event;
    const n = this.appendAudit(ceremonyId, at, type, payload);
    return toActivity(n, at, type, payload);
  }

  /** Throws (rolling the commit back) unless the agreement's stored signatures are exactly its parties'. */
  private assertSignatureSetComplete(ceremonyId: string, agreementId: string): void {
    const row = this.stmts.signatureMismatch.get(ceremonyId, agreementId) as { unsigned: string; strangers: string } | undefined;
    if (!row) throw new Error(`agreement ${agreementId} is not in storage`);
    const unsigned = JSON.parse(row.unsigned) as string[];
    const strangers = JSON.parse(row.strangers) as string[];
    if (unsigned.length || strangers.length) {
      throw new Error(
        `agreement ${agreementId}: stored signatures do not match its parties (unsigned: ${unsigned.join(', ') || '—'}; not parties: ${strangers.join(', ') || '—'})`,
      );
    }
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

  getSignatures(ceremonyId: string, agreementId: string): StoredSignature[] {
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

  getOriginal(ceremonyId: string, agreementId: string) {
    const r = this.db
      .prepare('SELECT original_pdf, original_sha256 FROM agreements WHERE ceremony_id = ? AND id = ?')
      .get(ceremonyId, agreementId) as Row | undefined;
    return r ? { pdf: new Uint8Array(r.original_pdf), sha256: r.original_sha256 as string } : undefined;
  }

  getDocument(ceremonyId: string, agreementId: string): StoredDocument | undefined {
    const r = this.db
      .prepare(
        'SELECT original_pdf, original_sha256, document_pdf, document_sha256 FROM agreements WHERE ceremony_id = ? AND id = ?',
      )
      .get(ceremonyId, agreementId) as Row | undefined;
    if (!r) return undefined;
    return r.document_pdf
      ? { pdf: new Uint8Array(r.document_pdf), sha256: r.document_sha256, final: true, originalSha256: r.original_sha256 }
      : { pdf: new Uint8Array(r.original_pdf), sha256: r.original_sha256, final: false, originalSha256: r.original_sha256 };
  }

  findAgreementCeremonies(agreementId: string): string[] {
    return (this.db.prepare('SELECT ceremony_id FROM agreements WHERE id = ?').all(agreementId) as Row[]).map(
      (r) => r.ceremony_id,
    );
  }

  findDocumentBySha256(sha: string) {
    const r = this.db
      .prepare('SELECT ceremony_id, id FROM agreements WHERE document_sha256 = ? OR original_sha256 = ? LIMIT 1')
      .get(sha, sha) as Row | undefined;
    return r ? { ceremonyId: r.ceremony_id as string, agreementId: r.id as string } : undefined;
  }

  recentActivity(ceremonyId: string, limit: number): ActivityItem[] {
    const rows = this.db
      .prepare('SELECT n, at, type, payload FROM audit_events WHERE ceremony_id = ? ORDER BY n DESC LIMIT ?')
      .all(ceremonyId, limit * 2) as Row[];
    return rows
      .filter((r) => (ACTIVITY_TYPES as readonly string[]).includes(r.type))
      .slice(0, limit)
      .reverse()
      .map((r) => toActivity(r.n, r.at, r.type, JSON.parse(r.payload)));
  }

  listAudit(ceremonyId: string): AuditRow[] {
    return readAuditRows(this.db, ceremonyId);
  }

  auditHead(ceremonyId: string) {
    return readAuditHead(this.db, ceremonyId);
  }

  putRecordFile(ceremonyId: string, name: string, bytes: Uint8Array, sha: string, at: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO record_files (ceremony_id, name, bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(ceremonyId, name, Buffer.from(bytes), sha, at);
  }

  getRecordFile(ceremonyId: string, name: string) {
    const r = this.db
      .prepare('SELECT bytes, sha256 FROM record_files WHERE ceremony_id = ? AND name = ?')
      .get(ceremonyId, name) as Row | undefined;
    return r ? { bytes: new Uint8Array(r.bytes), sha256: r.sha256 as string } : undefined;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Parked stamping, from the audit chain: the last stampFailed of each agreement not retried since. */
function readStampFailures(db: Database.Database, ceremonyId: string): Map<string, StampFailure> {
  const rows = db
    .prepare("SELECT at, type, payload FROM audit_events WHERE ceremony_id = ? AND type IN ('agreement.stampFailed', 'agreement.stampRetried') ORDER BY n")
    .all(ceremonyId) as Row[];
  const parked = new Map<string, StampFailure>();
  for (const r of rows) {
    const p = JSON.parse(r.payload);
    if (r.type === 'agreement.stampRetried') parked.delete(p.agreementId);
    else parked.set(p.agreementId, { at: r.at, reason: p.reason, attempts: p.attempts, detail: p.detail });
  }
  return parked;
}

/** The officials' signatures on the Berita Acara and the organizer's finish, from the audit chain. */
function readBeritaAcaraSigning(db: Database.Database, ceremonyId: string): { beritaAcara?: BeritaAcaraSigning } {
  const rows = db
    .prepare("SELECT at, type, payload FROM audit_events WHERE ceremony_id = ? AND type IN ('beritaAcara.officialSigned', 'beritaAcara.finishedWithoutOfficials') ORDER BY n")
    .all(ceremonyId) as Row[];
  if (rows.length === 0) return {};
  const signing: BeritaAcaraSigning = { signatures: [] };
  for (const r of rows) {
    const p = JSON.parse(r.payload);
    if (r.type === 'beritaAcara.officialSigned') signing.signatures.push(p.signature);
    else signing.finishedWithoutOfficials = { at: r.at, reason: p.reason, unsigned: p.unsigned };
  }
  return { beritaAcara: signing };
}

function toSignatureRecord(s: Row): SignatureRecord {
  return {
    agreementId: s.agreement_id,
    partyId: s.party_id,
    kind: s.kind,
    signerName: s.signer_name,
    signerTitle: s.signer_title,
    roomId: s.room_id,
    timezone: s.timezone,
    signedAt: s.signed_at,
    ...(s.typed_text ? { typedText: s.typed_text } : {}),
    ...(s.image_sha256 ? { imageSha256: s.image_sha256 } : {}),
  };
}

function toActivity(n: number, at: string, type: string, payload: Row): ActivityItem {
  const item: ActivityItem = { seq: n, at, type: type as ActivityType };
  if (typeof payload.roomId === 'string') item.roomId = payload.roomId;
  if (typeof payload.agreementId === 'string') item.agreementId = payload.agreementId;
  if (Array.isArray(payload.agreementIds)) item.agreementIds = payload.agreementIds;
  if (typeof payload.waveId === 'string') item.waveId = payload.waveId;
  if (payload.signature && typeof payload.signature.officialId === 'string') {
    item.officialId = payload.signature.officialId;
    item.roomId = payload.signature.roomId;
    return item;
  }
  if (payload.signature) {
    item.agreementId = payload.signature.agreementId;
    item.partyId = payload.signature.partyId;
    item.roomId = payload.signature.roomId;
  }
  return item;
}
