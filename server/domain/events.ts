// Domain events: what happened, as decided by the pure core. The persistence adapter stores
// them (each one is also an audit event) and the realtime adapter broadcasts their effects.
import type { OfficialSignatureRecord, SignatureRecord, StampFailureReason } from '../../shared/domain/types';
import type { SignatureEvidence } from './commands';

export type DomainEvent =
  | { type: 'ceremony.lobbyOpened'; at: string }
  | { type: 'ceremony.signingStarted'; at: string }
  | { type: 'ceremony.closed'; at: string }
  /** The room came online (audited at once; reconnects within the debounce are not repeated). */
  | { type: 'room.joined'; at: string; roomId: string; connections: number; reconnects?: number }
  /** The room stayed offline past the debounce; `reconnects` counts the flaps since it joined. */
  | { type: 'room.left'; at: string; roomId: string; connections: number; reconnects?: number }
  | { type: 'agreement.called'; at: string; waveId: string; agreementIds: string[]; waveNumber: number; waveName?: string }
  | { type: 'agreement.recalled'; at: string; agreementId: string }
  | { type: 'wave.recalled'; at: string; waveId: string; agreementIds: string[] }
  | { type: 'signature.recorded'; at: string; signature: SignatureRecord; evidence: SignatureEvidence }
  | { type: 'agreement.signed'; at: string; agreementId: string }
  | { type: 'agreement.stamped'; at: string; agreementId: string; documentSha256: string }
  | { type: 'agreement.stampFailed'; at: string; agreementId: string; reason: StampFailureReason; attempts: number; detail: string }
  | { type: 'agreement.stampRetried'; at: string; agreementId: string }
  | { type: 'invite.reissued'; at: string; roomId: string; epoch: number }
  | { type: 'beritaAcara.officialSigned'; at: string; signature: OfficialSignatureRecord; evidence: SignatureEvidence }
  | { type: 'beritaAcara.finishedWithoutOfficials'; at: string; reason: string; unsigned: string[] };
