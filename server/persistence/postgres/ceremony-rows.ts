// A whole ceremony into rows (at import) and back out of them (at load), on PostgreSQL.
import type pg from 'pg';
import type { Ceremony } from '../../../shared/domain/types';
import { sha256Hex } from '../../security/sha256';
import { HISTORY_TYPES } from '../audit-history';
import { ceremonyFromRows } from '../ceremony-from-rows';
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
  return ceremonyFromRows({
    ceremony: c,
    rooms: rooms.rows,
    parties: parties.rows,
    // BIGINT arrives as a string; rupiah totals stay far below 2^53.
    agreements: agreements.rows.map((a: Row) => ({ ...a, value_idr: Number(a.value_idr) })),
    signatures: signatures.rows,
    history: history.rows,
  });
}
