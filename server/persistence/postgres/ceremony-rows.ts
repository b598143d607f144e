// A whole ceremony into rows (at import) and back out of them (at load), on PostgreSQL.
import { normalizeOfficials } from '../../../shared/domain/berita-acara-signing';
import type pg from 'pg';
import type { Agreement, Ceremony, PartyKind, SignatureRecord, TimeZoneName } from '../../../shared/domain/types';
import { withOwnValue } from '../../../shared/domain/own-keys';
import { sha256Hex } from '../../security/sha256';
import { foldHistory, HISTORY_TYPES } from '../audit-history';
import type { LoadedCeremony, NewCeremonyDocuments } from '../store-contract';
import { insertRows, type Row } from './sql';

/** Inserts the ceremony's rows; the caller appends the `ceremony.created` audit link returned. */
export async function insertCeremonyRows(
  client: pg.PoolClient,
  ceremony: Ceremony,
  documents: NewCeremonyDocuments,
): Promise<{ type: 'ceremony.created'; at: string; payload: object }> {
  await client.query(
    'INSERT INTO ceremonies (id, title, starts_at, phase, created_at, contact_json, officials_json) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [
      ceremony.id,
      ceremony.title,
      ceremony.startsAt,
      ceremony.phase,
      ceremony.createdAt,
      ceremony.contact ? JSON.stringify(ceremony.contact) : null,
      ceremony.officials ? JSON.stringify(ceremony.officials) : null,
    ],
  );
  await insertRows(
    client,
    'rooms',
    ['ceremony_id', 'id', 'ord', 'name', 'province', 'regency', 'timezone', 'is_stage'],
    ceremony.rooms.map((r, i) => [ceremony.id, r.id, i, r.name, r.province, r.regency, r.timezone, !!r.isStage]),
  );
  await insertRows(
    client,
    'parties',
    ['ceremony_id', 'id', 'ord', 'kind', 'name', 'sector', 'province', 'room_id', 'representative_name', 'representative_title'],
    ceremony.parties.map((p, i) => [
      ceremony.id, p.id, i, p.kind, p.name, p.sector, p.province, p.room, p.representative.name, p.representative.title,
    ]),
  );
  await insertRows(
    client,
    'agreements',
    ['ceremony_id', 'id', 'ord', 'title', 'value_idr', 'parties', 'status', 'original_pdf', 'original_sha256', 'e_meterai_serial'],
    ceremony.agreements.map((a, i) => {
      const doc = documents.originals.get(a.id);
      if (!doc) throw new Error(`no document for agreement ${a.id}`);
      return [ceremony.id, a.id, i, a.title, a.valueIdr, a.parties, 'pending', Buffer.from(doc.pdf), doc.sha256, a.eMeteraiSerial ?? null];
    }),
  );
  // The same payload as the SQLite store's, so that a chain reads the same on either.
  const rosterSha256 = sha256Hex(
    JSON.stringify({ rooms: ceremony.rooms, parties: ceremony.parties, agreements: ceremony.agreements.map((a) => [a.id, a.parties, a.valueIdr]) }),
  );
  return {
    type: 'ceremony.created',
    at: ceremony.createdAt,
    payload: {
      title: ceremony.title,
      rooms: ceremony.rooms.length,
      parties: ceremony.parties.length,
      agreements: ceremony.agreements.length,
      rosterSha256,
      documents: Object.fromEntries([...documents.originals].map(([id, d]) => [id, d.sha256])),
    },
  };
}

/** Reads a ceremony; run inside one REPEATABLE READ transaction so rows and version agree. */
export async function readCeremony(client: pg.PoolClient, id: string): Promise<LoadedCeremony | undefined> {
  const c = (await client.query('SELECT * FROM ceremonies WHERE id = $1', [id])).rows[0] as Row | undefined;
  if (!c) return undefined;
  // One after the other: a client runs one query at a time (the snapshot is the transaction's).
  const rooms = await client.query('SELECT * FROM rooms WHERE ceremony_id = $1 ORDER BY ord', [id]);
  const parties = await client.query('SELECT * FROM parties WHERE ceremony_id = $1 ORDER BY ord', [id]);
  const agreements = await client.query(
    `SELECT id, title, value_idr, e_meterai_serial, parties, status, wave_id, called_at, signed_at, stamped_at, document_sha256
     FROM agreements WHERE ceremony_id = $1 ORDER BY ord`,
    [id],
  );
  const signatures = await client.query('SELECT * FROM signatures WHERE ceremony_id = $1 ORDER BY signed_at, agreement_id, party_id', [id]);
  const history = await client.query('SELECT at, type, payload FROM audit_events WHERE ceremony_id = $1 AND type = ANY($2) ORDER BY n', [
    id,
    HISTORY_TYPES,
  ]);
  const byAgreement = new Map<string, Record<string, SignatureRecord>>();
  for (const s of signatures.rows) {
    // An own property even for ids like `__proto__`: assignment would set the prototype instead.
    byAgreement.set(s.agreement_id, withOwnValue(byAgreement.get(s.agreement_id) ?? {}, s.party_id, toSignatureRecord(s)));
  }
  const { waves, timeline, stampFailures, beritaAcara } = foldHistory(history.rows);
  const ceremony: Ceremony = {
    id: c.id,
    title: c.title,
    startsAt: c.starts_at,
    phase: c.phase,
    createdAt: c.created_at,
    ...(c.contact_json ? { contact: JSON.parse(c.contact_json) } : {}),
    // Officials stored before live signing have no id or room: numbered and seated on the stage.
    ...(c.officials_json
      ? { officials: normalizeOfficials(JSON.parse(c.officials_json), rooms.rows.map((r) => ({ id: r.id as string, isStage: !!r.is_stage }))) }
      : {}),
    ...(beritaAcara ? { beritaAcara } : {}),
    rooms: rooms.rows.map((r) => ({
      id: r.id,
      name: r.name,
      province: r.province,
      regency: r.regency,
      timezone: r.timezone as TimeZoneName,
      ...(r.is_stage ? { isStage: true } : {}),
    })),
    parties: parties.rows.map((p) => ({
      id: p.id,
      kind: p.kind as PartyKind,
      name: p.name,
      sector: p.sector,
      province: p.province,
      room: p.room_id,
      representative: { name: p.representative_name, title: p.representative_title },
    })),
    agreements: agreements.rows.map(
      (a): Agreement => ({
        id: a.id,
        title: a.title,
        // BIGINT arrives as a string; rupiah totals stay far below 2^53.
        valueIdr: Number(a.value_idr),
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
  return {
    ceremony,
    inviteEpochs: new Map(rooms.rows.map((r) => [r.id as string, r.invite_epoch as number])),
    version: c.audit_head_n,
  };
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
