// How each domain event lands in SQLite, inside the commit's transaction. Every write is guarded
// by the row's own state, not only by the caller's in-memory belief: a phase moves only from its
// previous phase (a closed ceremony is never reopened), only pending or called agreements are
// called and only while signing, only called ones are recalled or signed, only signed ones are
// stamped. A guard that does not match throws, and the whole commit rolls back.
import type Database from 'better-sqlite3';
import type { DomainEvent } from '../domain/events';
import { officialImageFileName } from './official-images';
import type { Attachments } from './store-contract';

type Statements = ReturnType<typeof prepareEventStatements>;

export function prepareEventStatements(db: Database.Database) {
  return {
    phase: db.prepare('UPDATE ceremonies SET phase = ? WHERE id = ? AND phase IN (SELECT value FROM json_each(?))'),
    called: db.prepare(`UPDATE agreements SET status = 'called', called_at = ?, wave_id = ?
      WHERE ceremony_id = ? AND id = ? AND status IN ('pending', 'called')
        AND (SELECT phase FROM ceremonies WHERE id = ?) = 'signing'`),
    recalled: db.prepare(
      "UPDATE agreements SET status = 'pending', called_at = NULL, wave_id = NULL WHERE ceremony_id = ? AND id = ? AND status = 'called'",
    ),
    // A signature is stored only for one of the agreement's parties, at the desk, while signing;
    // the primary key refuses a second one of the same party.
    signature: db.prepare(`INSERT INTO signatures (ceremony_id, agreement_id, party_id, kind, signer_name, signer_title,
        room_id, timezone, signed_at, typed_text, image_sha256, image, ip_hash, user_agent_hash, token_id, ip_address)
      SELECT @ceremonyId, @agreementId, @partyId, @kind, @signerName, @signerTitle, @roomId, @timezone, @signedAt,
        @typedText, @imageSha256, @image, @ipHmac, @userAgentHash, @tokenId, @ipAddress
      WHERE EXISTS (SELECT 1 FROM agreements a JOIN ceremonies c ON c.id = a.ceremony_id
        WHERE a.ceremony_id = @ceremonyId AND a.id = @agreementId AND a.status = 'called' AND c.phase = 'signing'
          AND EXISTS (SELECT 1 FROM json_each(a.parties_json) p WHERE p.value = @partyId))`),
    signed: db.prepare(
      "UPDATE agreements SET status = 'signed', signed_at = ? WHERE ceremony_id = ? AND id = ? AND status = 'called'",
    ),
    stamped: db.prepare(`UPDATE agreements SET status = 'stamped', stamped_at = ?, document_pdf = ?, document_sha256 = ?
      WHERE ceremony_id = ? AND id = ? AND status = 'signed'`),
    // An official's drawn signature on the Berita Acara: kept once among the record files.
    officialImage: db.prepare('INSERT INTO record_files (ceremony_id, name, bytes, sha256, created_at) VALUES (?, ?, ?, ?, ?)'),
    isSigned: db.prepare("SELECT 1 FROM agreements WHERE ceremony_id = ? AND id = ? AND status = 'signed'"),
    epoch: db.prepare('UPDATE rooms SET invite_epoch = ? WHERE ceremony_id = ? AND id = ? AND invite_epoch = ?'),
    roomExists: db.prepare('SELECT 1 FROM rooms WHERE ceremony_id = ? AND id = ?'),
    jobCreate: db.prepare(
      'INSERT INTO stamp_jobs (ceremony_id, agreement_id, attempt, due_at, parked) VALUES (?, ?, 0, ?, 0) ON CONFLICT DO NOTHING',
    ),
    jobDelete: db.prepare('DELETE FROM stamp_jobs WHERE ceremony_id = ? AND agreement_id = ?'),
    // Parking keeps the row (so no sweep recreates it) and drops any lease.
    jobPark: db.prepare(`INSERT INTO stamp_jobs (ceremony_id, agreement_id, attempt, due_at, parked) VALUES (?, ?, 0, ?, 1)
      ON CONFLICT (ceremony_id, agreement_id) DO UPDATE SET parked = 1, lease_owner = NULL, lease_until = NULL
      WHERE parked = 0`),
    jobUnpark: db.prepare(`UPDATE stamp_jobs SET parked = 0, attempt = 0, due_at = ?, lease_owner = NULL, lease_until = NULL
      WHERE ceremony_id = ? AND agreement_id = ? AND parked = 1`),
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

/** A write the stored state does not allow (the caller's state was stale or wrong). */
export class StorageGuardError extends Error {
  override readonly name = 'StorageGuardError';
}

const PREVIOUS_PHASES = {
  'ceremony.lobbyOpened': ['lobby', ['draft']],
  'ceremony.signingStarted': ['signing', ['lobby']],
  'ceremony.closed': ['closed', ['lobby', 'signing']],
} as const;

/** Writes one event's rows; must run inside the commit's transaction. */
export function persistEvent(s: Statements, ceremonyId: string, event: DomainEvent, attachments: Attachments): void {
  const guard = (changes: number, expected: number, what: string) => {
    if (changes !== expected) throw new StorageGuardError(`${ceremonyId}: ${what}`);
  };
  switch (event.type) {
    case 'ceremony.lobbyOpened':
    case 'ceremony.signingStarted':
    case 'ceremony.closed': {
      const [to, from] = PREVIOUS_PHASES[event.type];
      guard(s.phase.run(to, ceremonyId, JSON.stringify(from)).changes, 1, `cannot move to ${to} from its stored phase`);
      break;
    }
    case 'room.joined':
    case 'room.left':
      guard(s.roomExists.get(ceremonyId, event.roomId) ? 1 : 0, 1, `no room ${event.roomId}`);
      break;
    case 'agreement.called':
      for (const id of event.agreementIds) {
        guard(s.called.run(event.at, event.waveId, ceremonyId, id, ceremonyId).changes, 1, `${id} cannot be called (stored status or phase)`);
      }
      break;
    case 'agreement.recalled':
      guard(s.recalled.run(ceremonyId, event.agreementId).changes, 1, `${event.agreementId} is not at the desk in storage`);
      break;
    case 'wave.recalled':
      for (const id of event.agreementIds) guard(s.recalled.run(ceremonyId, id).changes, 1, `${id} is not at the desk in storage`);
      break;
    case 'signature.recorded': {
      const r = event.signature;
      const image = attachments.signatureImages?.get(`${r.agreementId}/${r.partyId}`);
      const ipAddress = attachments.signerAddresses?.get(`${r.agreementId}/${r.partyId}`);
      if (r.kind === 'drawn' && !image) throw new Error(`missing image for ${r.agreementId}/${r.partyId}`);
      const changes = s.signature.run({
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
      }).changes;
      guard(changes, 1, `${r.agreementId} is not at the desk while signing in storage, or ${r.partyId} is not its party`);
      break;
    }
    case 'agreement.signed':
      guard(s.signed.run(event.at, ceremonyId, event.agreementId).changes, 1, `agreement ${event.agreementId} was not at the desk in storage`);
      assertSignatureSetComplete(s, ceremonyId, event.agreementId);
      // The stamp job is born with the signature that owes it.
      s.jobCreate.run(ceremonyId, event.agreementId, event.at);
      break;
    case 'agreement.stamped': {
      const pdf = attachments.documents?.get(event.agreementId);
      if (!pdf) throw new Error(`missing document for ${event.agreementId}`);
      // The status guard makes a second stamp of the same agreement impossible in storage too.
      const changes = s.stamped.run(event.at, Buffer.from(pdf), event.documentSha256, ceremonyId, event.agreementId).changes;
      guard(changes, 1, `agreement ${event.agreementId} is not awaiting a stamp`);
      assertSignatureSetComplete(s, ceremonyId, event.agreementId);
      s.jobDelete.run(ceremonyId, event.agreementId);
      break;
    }
    case 'invite.reissued':
      guard(s.epoch.run(event.epoch, ceremonyId, event.roomId, event.epoch - 1).changes, 1, `invite epoch of ${event.roomId} moved on`);
      break;
    case 'agreement.stampFailed':
      guard(s.isSigned.get(ceremonyId, event.agreementId) ? 1 : 0, 1, `${event.agreementId} is not awaiting a stamp`);
      guard(s.jobPark.run(ceremonyId, event.agreementId, event.at).changes, 1, `${event.agreementId} is parked already`);
      break;
    case 'agreement.stampRetried':
      guard(s.isSigned.get(ceremonyId, event.agreementId) ? 1 : 0, 1, `${event.agreementId} is not awaiting a stamp`);
      guard(s.jobUnpark.run(event.at, ceremonyId, event.agreementId).changes, 1, `${event.agreementId} is not parked`);
      break;
    case 'beritaAcara.officialSigned': {
      // Audit only (loading folds it back); a drawn image goes to record_files in the same
      // transaction, whose primary key refuses a second signature image of the same official.
      const image = attachments.officialSignatureImages?.get(event.signature.officialId);
      if (event.signature.kind === 'drawn') {
        if (!image || !event.signature.imageSha256) throw new Error(`missing image for official ${event.signature.officialId}`);
        s.officialImage.run(ceremonyId, officialImageFileName(event.signature.officialId), Buffer.from(image), event.signature.imageSha256, event.at);
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
}

/** Throws (rolling the commit back) unless the agreement's stored signatures are exactly its parties'. */
function assertSignatureSetComplete(s: Statements, ceremonyId: string, agreementId: string): void {
  const row = s.signatureMismatch.get(ceremonyId, agreementId) as { unsigned: string; strangers: string } | undefined;
  if (!row) throw new Error(`agreement ${agreementId} is not in storage`);
  const unsigned = JSON.parse(row.unsigned) as string[];
  const strangers = JSON.parse(row.strangers) as string[];
  if (unsigned.length || strangers.length) {
    throw new Error(
      `agreement ${agreementId}: stored signatures do not match its parties (unsigned: ${unsigned.join(', ') || '—'}; not parties: ${strangers.join(', ') || '—'})`,
    );
  }
}
