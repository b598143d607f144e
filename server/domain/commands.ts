import type { SignatureKind, StampFailureReason } from '../../shared/domain/types';
import type { Identity } from '../../shared/protocol/views';

/** Who asks: a connected identity, or the platform itself (stamping, restarts). */
export type Actor = Identity | { role: 'system' };

/** Kept with a signature; see server/security/signer-evidence.ts for who may see what. */
export interface SignatureEvidence {
  /** Keyed HMAC of the signer's address (rows from before the key hold SHA-256 of ceremony:ip). */
  ipHmac: string;
  userAgentHash: string;
  tokenId: string;
}

export type Command =
  | { type: 'openLobby'; actor: Actor }
  | { type: 'startSigning'; actor: Actor }
  | { type: 'close'; actor: Actor }
  | { type: 'call'; actor: Actor; agreementIds: string[]; waveId: string; waveName?: string }
  | { type: 'recall'; actor: Actor; agreementId: string }
  | { type: 'recallWave'; actor: Actor; waveId: string }
  | { type: 'join'; actor: Actor; roomId: string }
  | { type: 'leave'; actor: Actor; roomId: string }
  /** The platform, a short while after a room's last connection left: audit it offline if it still is. */
  | { type: 'settlePresence'; actor: Actor; roomId: string }
  | {
      type: 'sign';
      actor: Actor;
      agreementId: string;
      partyId: string;
      signature: { kind: SignatureKind; typedText?: string; imageSha256?: string };
      evidence: SignatureEvidence;
    }
  | { type: 'markStamped'; actor: Actor; agreementId: string; documentSha256: string }
  | { type: 'markStampFailed'; actor: Actor; agreementId: string; reason: StampFailureReason; attempts: number; detail: string }
  | { type: 'retryStamp'; actor: Actor; agreementId: string }
  | { type: 'reissueInvite'; actor: Actor; roomId: string }
  /** An official named in the roster signs the Berita Acara, from the room the roster seats them in. */
  | {
      type: 'signBeritaAcara';
      actor: Actor;
      officialId: string;
      signature: { kind: SignatureKind; typedText?: string; imageSha256?: string };
      evidence: SignatureEvidence;
    }
  | { type: 'finishWithoutOfficials'; actor: Actor; reason: string };

/** Injected so the core stays pure: the clock is read by the adapter, never here. */
export interface CommandContext {
  now: string;
}
