// Reading a ceremony back from SQLite: its rows, and what the audit chain already records (waves,
// phase times, parked stamps). The caller runs it inside one read transaction, so the state and
// its version (the audit head) belong together.
import type Database from 'better-sqlite3';
import type { Agreement, Ceremony, CeremonyTimeline, PartyKind, SignatureRecord, StampFailure, TimeZoneName, Wave } from '../../shared/domain/types';
import type { ActivityItem, ActivityType } from '../../shared/protocol/views';
import { withOwnValue } from '../../shared/domain/own-keys';
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
  const stampFailures = readStampFailures(db, id);
  const byAgreement = new Map<string, Record<string, SignatureRecord>>();
  for (const s of signatures) {
    // An own property even for ids like `__proto__`: assignment would set the prototype instead.
    byAgreement.set(s.agreement_id, withOwnValue(byAgreement.get(s.agreement_id) ?? {}, s.party_id, toSignatureRecord(s)));
  }
  const { waves, timeline } = readHistory(db, id);
  const ceremony: Ceremony = {
    id: c.id,
    title: c.title,
    startsAt: c.starts_at,
    phase: c.phase,
    createdAt: c.created_at,
    ...(c.contact_json ? { contact: JSON.parse(c.contact_json) } : {}),
    ...(c.officials_json ? { officials: JSON.parse(c.officials_json) } : {}),
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

/** Waves and phase times are read back from the audit chain, which already records them. */
function readHistory(db: Database.Database, ceremonyId: string): { waves: Wave[]; timeline: CeremonyTimeline } {
  const rows = db
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

export function toActivity(n: number, at: string, type: string, payload: Row): ActivityItem {
  const item: ActivityItem = { seq: n, at, type: type as ActivityType };
  if (typeof payload.roomId === 'string') item.roomId = payload.roomId;
  if (typeof payload.agreementId === 'string') item.agreementId = payload.agreementId;
  if (Array.isArray(payload.agreementIds)) item.agreementIds = payload.agreementIds;
  if (typeof payload.waveId === 'string') item.waveId = payload.waveId;
  if (payload.signature) {
    item.agreementId = payload.signature.agreementId;
    item.partyId = payload.signature.partyId;
    item.roomId = payload.signature.roomId;
  }
  return item;
}
