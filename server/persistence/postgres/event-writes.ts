// The rows each domain event changes, on PostgreSQL. Every write is guarded by the row's own
// status in SQL, beside the version check of the commit: a node acting on stale state (or a bug
// above the store) can never reopen a closed ceremony, call a signed agreement or stamp twice.
import type pg from 'pg';
import type { DomainEvent } from '../../domain/events';
import { officialImageFileName } from '../official-images';
import type { Attachments } from '../store-contract';

/** A guarded write matched no row: the stored state does not allow this event. */
export class StoredStateGuardError extends Error {
  override readonly name = 'StoredStateGuardError';
}

const PHASE_FROM: Record<'ceremony.lobbyOpened' | 'ceremony.signingStarted' | 'ceremony.closed', { to: string; from: string[] }> = {
  'ceremony.lobbyOpened': { to: 'lobby', from: ['draft'] },
  'ceremony.signingStarted': { to: 'signing', from: ['lobby'] },
  'ceremony.closed': { to: 'closed', from: ['lobby', 'signing'] },
};

export async function writeEvent(
  client: pg.PoolClient,
  ceremonyId: string,
  event: DomainEvent,
  attachments: Attachments,
): Promise<void> {
  const expectRows = async (sql: string, params: unknown[], rows: number, refusal: string) => {
    const result = await client.query(sql, params);
    if (result.rowCount !== rows) throw new StoredStateGuardError(refusal);
  };
  switch (event.type) {
    case 'ceremony.lobbyOpened':
    case 'ceremony.signingStarted':
    case 'ceremony.closed': {
      const { to, from } = PHASE_FROM[event.type];
      await expectRows('UPDATE ceremonies SET phase = $1 WHERE id = $2 AND phase = ANY($3)', [to, ceremonyId, from], 1,
        `ceremony ${ceremonyId} cannot move to ${to} from its stored phase`);
      break;
    }
    case 'room.joined':
    case 'room.left':
      break;
    case 'agreement.called':
      // An agreement still at the desk may be called again into a new wave; a signed one never.
      await expectRows(
        `UPDATE agreements SET status = 'called', called_at = $1, wave_id = $2
         WHERE ceremony_id = $3 AND id = ANY($4) AND status IN ('pending', 'called')`,
        [event.at, event.waveId, ceremonyId, event.agreementIds],
        new Set(event.agreementIds).size,
        `wave ${event.waveId}: an agreement is already signed in storage`,
      );
      break;
    case 'agreement.recalled':
      await expectRows(
        `UPDATE agreements SET status = 'pending', called_at = NULL, wave_id = NULL
         WHERE ceremony_id = $1 AND id = $2 AND status = 'called'`,
        [ceremonyId, event.agreementId],
        1,
        `agreement ${event.agreementId} is not at the desk in storage`,
      );
      break;
    case 'wave.recalled':
      await expectRows(
        `UPDATE agreements SET status = 'pending', called_at = NULL, wave_id = NULL
         WHERE ceremony_id = $1 AND id = ANY($2) AND status = 'called' AND wave_id = $3`,
        [ceremonyId, event.agreementIds, event.waveId],
        new Set(event.agreementIds).size,
        `wave ${event.waveId}: not every agreement is at the desk in storage`,
      );
      break;
    case 'signature.recorded': {
      const r = event.signature;
      const key = `${r.agreementId}/${r.partyId}`;
      const image = attachments.signatureImages?.get(key);
      if (r.kind === 'drawn' && !image) throw new Error(`missing image for ${key}`);
      // Only onto an agreement at the desk, and only for one of its parties; a second row for
      // the same party fails on the primary key.
      await expectRows(
        `INSERT INTO signatures (ceremony_id, agreement_id, party_id, kind, signer_name, signer_title, room_id, timezone,
           signed_at, typed_text, image_sha256, image, ip_hash, user_agent_hash, token_id, ip_address)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16
         FROM agreements a WHERE a.ceremony_id = $1 AND a.id = $2 AND a.status = 'called' AND $3 = ANY(a.parties)`,
        [
          ceremonyId, r.agreementId, r.partyId, r.kind, r.signerName, r.signerTitle, r.roomId, r.timezone, r.signedAt,
          r.typedText ?? null, r.imageSha256 ?? null, image ? Buffer.from(image) : null,
          event.evidence.ipHmac, event.evidence.userAgentHash, event.evidence.tokenId,
          attachments.signerAddresses?.get(key) ?? null,
        ],
        1,
        `signature ${key}: the agreement is not at the desk in storage, or ${r.partyId} is not its party`,
      );
      break;
    }
    case 'agreement.signed':
      await expectRows(
        "UPDATE agreements SET status = 'signed', signed_at = $1 WHERE ceremony_id = $2 AND id = $3 AND status = 'called'",
        [event.at, ceremonyId, event.agreementId],
        1,
        `agreement ${event.agreementId} was not at the desk in storage`,
      );
      await assertSignatureSetComplete(client, ceremonyId, event.agreementId);
      // Its stamp job, in the same transaction: a signed agreement is never left without one.
      await client.query(
        `INSERT INTO stamp_jobs (ceremony_id, agreement_id, due_at) VALUES ($1, $2, $3)
         ON CONFLICT (ceremony_id, agreement_id) DO NOTHING`,
        [ceremonyId, event.agreementId, event.at],
      );
      break;
    case 'agreement.stamped': {
      const pdf = attachments.documents?.get(event.agreementId);
      if (!pdf) throw new Error(`missing document for ${event.agreementId}`);
      // The status guard makes a second stamp of the same agreement impossible in storage too.
      await expectRows(
        `UPDATE agreements SET status = 'stamped', stamped_at = $1, document_pdf = $2, document_sha256 = $3
         WHERE ceremony_id = $4 AND id = $5 AND status = 'signed'`,
        [event.at, Buffer.from(pdf), event.documentSha256, ceremonyId, event.agreementId],
        1,
        `agreement ${event.agreementId} is not awaiting a stamp`,
      );
      await assertSignatureSetComplete(client, ceremonyId, event.agreementId);
      await client.query('DELETE FROM stamp_jobs WHERE ceremony_id = $1 AND agreement_id = $2', [ceremonyId, event.agreementId]);
      break;
    }
    case 'agreement.stampFailed':
      await expectSigned(event.agreementId);
      await client.query(
        `INSERT INTO stamp_jobs (ceremony_id, agreement_id, due_at, parked) VALUES ($1, $2, $3, TRUE)
         ON CONFLICT (ceremony_id, agreement_id) DO UPDATE SET parked = TRUE, lease_owner = NULL, lease_until = NULL`,
        [ceremonyId, event.agreementId, event.at],
      );
      break;
    case 'agreement.stampRetried':
      await expectSigned(event.agreementId);
      // Back in the queue with a fresh count of attempts, due at once.
      await client.query(
        `INSERT INTO stamp_jobs (ceremony_id, agreement_id, due_at) VALUES ($1, $2, $3)
         ON CONFLICT (ceremony_id, agreement_id) DO UPDATE
           SET parked = FALSE, attempt = 0, due_at = EXCLUDED.due_at, lease_owner = NULL, lease_until = NULL`,
        [ceremonyId, event.agreementId, event.at],
      );
      break;
    case 'invite.reissued':
      // Epochs only move up one at a time: a stale node cannot hand out an old link again.
      await expectRows(
        'UPDATE rooms SET invite_epoch = $1 WHERE ceremony_id = $2 AND id = $3 AND invite_epoch = $1 - 1',
        [event.epoch, ceremonyId, event.roomId],
        1,
        `room ${event.roomId}: stored invite epoch is not ${event.epoch - 1}`,
      );
      break;
    case 'beritaAcara.officialSigned': {
      // Audit only (loading folds it back); a drawn image goes to record_files in the same
      // transaction, whose primary key refuses a second signature image of the same official.
      const image = attachments.officialSignatureImages?.get(event.signature.officialId);
      if (event.signature.kind === 'drawn') {
        if (!image || !event.signature.imageSha256) throw new Error(`missing image for official ${event.signature.officialId}`);
        await client.query('INSERT INTO record_files (ceremony_id, name, bytes, sha256, created_at) VALUES ($1, $2, $3, $4, $5)', [
          ceremonyId,
          officialImageFileName(event.signature.officialId),
          Buffer.from(image),
          event.signature.imageSha256,
          event.at,
        ]);
      }
      break;
    }
    case 'beritaAcara.finishedWithoutOfficials':
      // Audit only; loading folds it back.
      break;
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }

  async function expectSigned(agreementId: string): Promise<void> {
    await expectRows("SELECT 1 FROM agreements WHERE ceremony_id = $1 AND id = $2 AND status = 'signed'", [ceremonyId, agreementId], 1,
      `agreement ${agreementId} is not awaiting a stamp`);
  }
}

/**
 * Throws (rolling the commit back) unless the agreement's stored signature rows are exactly its
 * parties, both ways, whatever the in-memory state believed.
 */
async function assertSignatureSetComplete(client: pg.PoolClient, ceremonyId: string, agreementId: string): Promise<void> {
  const row = (
    await client.query(
      `SELECT
         ARRAY(SELECT p FROM unnest(a.parties) p WHERE NOT EXISTS (SELECT 1 FROM signatures s
           WHERE s.ceremony_id = a.ceremony_id AND s.agreement_id = a.id AND s.party_id = p)) AS unsigned,
         ARRAY(SELECT s.party_id FROM signatures s WHERE s.ceremony_id = a.ceremony_id AND s.agreement_id = a.id
           AND NOT (s.party_id = ANY(a.parties))) AS strangers
       FROM agreements a WHERE a.ceremony_id = $1 AND a.id = $2`,
      [ceremonyId, agreementId],
    )
  ).rows[0] as { unsigned: string[]; strangers: string[] } | undefined;
  if (!row) throw new StoredStateGuardError(`agreement ${agreementId} is not in storage`);
  if (row.unsigned.length || row.strangers.length) {
    throw new StoredStateGuardError(
      `agreement ${agreementId}: stored signatures do not match its parties (unsigned: ${row.unsigned.join(', ') || '—'}; not parties: ${row.strangers.join(', ') || '—'})`,
    );
  }
}
