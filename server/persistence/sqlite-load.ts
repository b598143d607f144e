// Reading a ceremony back from SQLite: its rows, and what the audit chain already records (waves,
// phase times, parked stamps, the officials' signing), folded as the PostgreSQL store folds them. The caller runs it inside one read transaction, so the state and
// its version (the audit head) belong together.
import type Database from 'better-sqlite3';
import type { Agreement, Ceremony, PartyKind, SignatureRecord, TimeZoneName } from '../../shared/domain/types';
import { withOwnValue } from '../../shared/domain/own-keys';
import { normalizeOfficials } from '../../shared/domain/berita-acara-signing';
import { foldHistory, HISTORY_TYPES } from './audit-history';
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
  const { waves, timeline, stampFailures, beritaAcara } = foldHistory(history as { at: string; type: string; payload: string }[]);
  const byAgreement = new Map<string, Record<string, SignatureRecord>>();
  for (const s of signatures) {
    // An own property even for ids like `__proto__`: assignment would set the prototype instead.
    byAgreement.set(s.agreement_id, withOwnValue(byAgreement.get(s.agreement_id) ?? {}, s.party_id, toSignatureRecord(s)));
  }
  const ceremony: Ceremony = {
    id: c.id,
    title: c.title,
    startsAt: c.starts_at,
    phase: c.phase,
    createdAt: c.created_at,
    ...(c.contact_json ? { contact: JSON.parse(c.contact_json) } : {}),
    // Officials stored before live signing have no id or room: numbered and seated on the stage.
    ...(c.officials_json ? { officials: normalizeOfficials(JSON.parse(c.officials_json), rooms.map((r) => ({ id: r.id, isStage: !!r.is_stage }))) } : {}),
    ...(beritaAcara ? { beritaAcara } : {}),
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
  return { ceremony, inviteEpochs: new Map(rooms.map((r) => [r.id as string, r.invite_epoch as number])), version: c.audit_head_n };
}

export function toSignatureRecord(s: Row): SignatureRecord {
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
