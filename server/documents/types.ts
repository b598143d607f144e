// The contract between the ceremony and its documents. Only server/documents/ imports pdf-lib.
import type { AgreementDefinition, Party, Room, SignatureRecord } from '../../shared/domain/types';

export interface AgreementDocumentInput {
  ceremony: { id: string; title: string; startsAt: string };
  agreement: AgreementDefinition;
  /** In the agreement's party order: the PMA/PMDN party first, then the UMKM parties. */
  parties: Party[];
  /** The rooms the parties are seated in (any order). */
  rooms: Room[];
}

/** Where and how a signature was made, kept as evidence (issue: trustworthy agreements). */
export interface SignerEvidence {
  /**
   * The signing client's IP address was recorded. A stamped PDF is public, so it says only that:
   * the address itself is for the organizers (server/security/signer-evidence.ts).
   */
  ipRecorded: boolean;
  /** Keyed HMAC (hex) of the signing client's User-Agent header (plain SHA-256 on older rows). */
  userAgentHash: string;
  /** The `jti` of the invite token used to sign. */
  tokenId: string;
}

export interface StampSignature {
  party: Party;
  room: Room;
  record: SignatureRecord;
  /** PNG bytes of a drawn signature; absent for a typed one (record.typedText is set). */
  image?: Uint8Array;
  evidence: SignerEvidence;
}

export interface FinalizeAgreementInput {
  document: AgreementDocumentInput;
  /** The unstamped PDF generated at import, and its SHA-256 (hex) printed in the footer. */
  original: Uint8Array;
  originalSha256: string;
  signatures: StampSignature[];
  /** Absolute link to the verification page for this agreement (printed and QR-encoded). */
  verifyUrl: string;
}

export interface DocumentService {
  /** The bilingual, unsigned agreement PDF generated at import. */
  renderAgreement(input: AgreementDocumentInput): Promise<Uint8Array>;
  /** Stamps every signature onto the original (and seals it, once sealing exists). */
  finalizeAgreement(input: FinalizeAgreementInput): Promise<Uint8Array>;
}
