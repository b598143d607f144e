// Pure assembly of what the ceremony's record is made from: the Berita Acara's data and the
// ZIP manifest rows, out of the ceremony state, its signatures and its audit events. No I/O here;
// ceremony-record.ts reads storage and calls these.
import type { Ceremony, Room, TimeZoneName } from '../../shared/domain/types';
import { localParts } from '../../shared/format/time';
import type { AuditRow } from '../persistence/audit-chain';
import type { StoredSignature } from '../persistence/store-contract';
import type { BeritaAcaraInput, BeritaAcaraOfficial, BeritaAcaraRoom, RecordDocumentState } from '../record/berita-acara-input';
import type { ManifestRow } from '../record/record-zip';

/** Who signs the minutes. Offices, not people, unless the operator names them. */
export interface RecordOfficials {
  organizers: BeritaAcaraOfficial[];
  witness?: BeritaAcaraOfficial;
}

export const DEFAULT_OFFICIALS: RecordOfficials = {
  organizers: [
    { name: 'Menteri Sekretaris Negara', title: 'Menteri Sekretaris Negara Republik Indonesia', institution: 'Kementerian Sekretariat Negara (Setneg)' },
    { name: 'Kepala Badan Koordinasi Penanaman Modal', title: 'Kepala BKPM', institution: 'Badan Koordinasi Penanaman Modal (BKPM)' },
  ],
  witness: { name: 'Presiden Republik Indonesia', title: 'Presiden Republik Indonesia', institution: 'Istana Kepresidenan' },
};

export function stageRoom(ceremony: Ceremony): Room {
  return ceremony.rooms.find((r) => r.isStage) ?? ceremony.rooms[0];
}

/** "BA-<ceremonyId>/<yyyy>", the year of the ceremony in the stage's zone. */
export function beritaAcaraNumber(ceremony: Ceremony): string {
  return `BA-${ceremony.id}/${localParts(ceremony.startsAt, stageRoom(ceremony).timezone).year}`;
}

/** A room is present if any of its devices joined during the ceremony; the first join is kept. */
export function attendanceFromAudit(ceremony: Ceremony, rows: AuditRow[]): BeritaAcaraRoom[] {
  const firstJoin = new Map<string, string>();
  for (const row of rows) {
    if (row.type !== 'room.joined') continue;
    const roomId = parsePayload(row.payload)?.roomId;
    if (typeof roomId === 'string' && !firstJoin.has(roomId)) firstJoin.set(roomId, row.at);
  }
  return ceremony.rooms.map((room) => {
    const at = firstJoin.get(room.id);
    return at ? { room, present: true, firstJoinedAt: at } : { room, present: false };
  });
}

/** When the ceremony was closed: the last `ceremony.closed` event. */
export function closedAtFromAudit(rows: AuditRow[]): string | undefined {
  for (let i = rows.length - 1; i >= 0; i -= 1) if (rows[i].type === 'ceremony.closed') return rows[i].at;
  return undefined;
}

function parsePayload(payload: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(payload) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export interface RecordSources {
  ceremony: Ceremony;
  auditRows: AuditRow[];
  auditHead: { n: number; hash: string };
  /** agreementId → its stored signatures. */
  signatures: Map<string, StoredSignature[]>;
  verifyUrl: string;
  officials?: RecordOfficials;
  /** agreementId → where its sealed document stands; signed agreements absent here count as sealed. */
  documents?: Map<string, RecordDocumentState>;
}

/** The Berita Acara's data. The audit head travels with it so the minutes pin the whole log. */
export function beritaAcaraInput(src: RecordSources): BeritaAcaraInput & { auditHeadHash: string; auditEvents: number } {
  const { ceremony } = src;
  const stage = stageRoom(ceremony);
  const rooms = new Map(ceremony.rooms.map((r) => [r.id, r]));
  const parties = new Map(ceremony.parties.map((p) => [p.id, p]));
  // Officials named in the roster are the whole signature block; otherwise the configured ones.
  const officials: RecordOfficials = ceremony.officials
    ? { organizers: ceremony.officials.map((o) => ({ name: o.name, title: o.title, institution: o.institution ?? '' })) }
    : src.officials ?? DEFAULT_OFFICIALS;
  const closedAt = closedAtFromAudit(src.auditRows);
  return {
    number: beritaAcaraNumber(ceremony),
    place: `${stage.name}, ${stage.regency}`,
    verifyUrl: src.verifyUrl,
    ceremony: { id: ceremony.id, title: ceremony.title, startsAt: ceremony.startsAt, ...(closedAt ? { closedAt } : {}) },
    timezone: stage.timezone,
    organizers: officials.organizers,
    ...(officials.witness ? { witness: officials.witness } : {}),
    rooms: attendanceFromAudit(ceremony, src.auditRows),
    agreements: ceremony.agreements.map((a) => {
      const last = lastSignature(src.signatures.get(a.id) ?? []);
      const zone: TimeZoneName = (last && rooms.get(last.record.roomId)?.timezone) ?? stage.timezone;
      return {
        id: a.id,
        title: a.title,
        parties: a.parties.flatMap((id) => {
          const p = parties.get(id);
          return p ? [{ name: p.name, kind: p.kind }] : [];
        }),
        valueIdr: a.valueIdr,
        ...(a.signedAt ? { signedAt: a.signedAt } : {}),
        timezone: zone,
        ...(a.signedAt && src.documents?.has(a.id) ? { document: src.documents.get(a.id) } : {}),
      };
    }),
    signatureTimes: [...src.signatures.values()].flatMap((list) => list.map((s) => s.record.signedAt)),
    auditHeadHash: src.auditHead.hash,
    auditEvents: src.auditHead.n,
  };
}

function lastSignature(signatures: StoredSignature[]): StoredSignature | undefined {
  return signatures.reduce<StoredSignature | undefined>((last, s) => (!last || s.record.signedAt > last.record.signedAt ? s : last), undefined);
}

/** File names inside the ZIP: the agreement id, made safe for every file system. */
export function agreementFileName(agreementId: string): string {
  return `perjanjian/${agreementId.replace(/[^A-Za-z0-9._-]/g, '_')}.pdf`;
}

/** Manifest rows for the agreements that have a sealed document. */
export function manifestRows(src: Pick<RecordSources, 'ceremony' | 'signatures'>, sealedIds: Set<string>): ManifestRow[] {
  const parties = new Map(src.ceremony.parties.map((p) => [p.id, p]));
  return src.ceremony.agreements
    .filter((a) => sealedIds.has(a.id))
    .map((a) => ({
      agreementId: a.id,
      title: a.title,
      fileName: agreementFileName(a.id),
      parties: a.parties.flatMap((id) => {
        const p = parties.get(id);
        return p ? [{ name: p.name, kind: p.kind, province: p.province }] : [];
      }),
      valueIdr: a.valueIdr,
      signatures: (src.signatures.get(a.id) ?? []).map((s) => ({
        party: parties.get(s.record.partyId)?.name ?? s.record.partyId,
        signer: s.record.signerName,
        signedAt: s.record.signedAt,
        timezone: s.record.timezone,
      })),
    }));
}
