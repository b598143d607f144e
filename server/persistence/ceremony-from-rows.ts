// A ceremony from its stored rows, the same for SQLite and PostgreSQL: each store reads its rows in
// one transaction (so the state and its version, the audit head, belong together) and converts
// what its driver returns differently (SQLite's JSON text, PostgreSQL's BIGINT as a string) first.
import type { Agreement, Ceremony, PartyKind, SignatureRecord, TimeZoneName } from '../../shared/domain/types';
import { withOwnValue } from '../../shared/domain/own-keys';
import { normalizeOfficials } from '../../shared/domain/berita-acara-signing';
import { foldHistory, type HistoryRow } from './audit-history';
import type { LoadedCeremony } from './store-contract';

type Row = Record<string, any>;

export interface CeremonyRows {
  ceremony: Row;
  /** In roster order. */
  rooms: Row[];
  parties: Row[];
  /** In roster order; `parties` already parsed and `value_idr` a number. */
  agreements: Row[];
  /** In the order they were signed. */
  signatures: Row[];
  /** The audit events foldHistory reads, in chain order. */
  history: HistoryRow[];
}

export function ceremonyFromRows(rows: CeremonyRows): LoadedCeremony {
  const { ceremony: c, rooms, parties, agreements, signatures } = rows;
  const { waves, timeline, stampFailures, beritaAcara } = foldHistory(rows.history);
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
    ...(c.officials_json ? { officials: normalizeOfficials(JSON.parse(c.officials_json), rooms.map((r) => ({ id: r.id as string, isStage: !!r.is_stage }))) } : {}),
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
        parties: a.parties,
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
