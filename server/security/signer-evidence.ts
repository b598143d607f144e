// What a signature keeps about where it came from, and who may see which part of it.
// - The audit chain and the signatures table keep keyed HMACs of the signer's address and user
//   agent. The key (DATA_DIR/evidence-key) is never published, so unlike the former
//   SHA-256("<ceremony>:<ip>") — which one guess per address recovers — nobody without it can test
//   a guess; equal values still show that two signatures came from the same address. Scoped to
//   the ceremony so ceremonies cannot be linked by them.
// - The raw address is kept only in a private column beside the signature (never in the audit
//   chain, which the public record ZIP carries), for the organizer's audit view.
// - Everything public (verify pages and API, the record ZIP, the certificate page of a stamped PDF)
//   says only that the address was recorded.
import { createHmac } from 'node:crypto';
import type { SignatureEvidence } from '../domain/commands';

export interface SignerContext {
  ceremonyId: string;
  /** The socket's remote address as Node reports it (IPv4 may come as ::ffff:a.b.c.d). */
  ip: string;
  userAgent: string;
  tokenId: string;
}

export interface SignerEvidenceResult {
  /** Goes into the domain event, the audit chain and the signatures row. */
  evidence: SignatureEvidence;
  /** The plain address, for the private column only. */
  ipAddress: string;
}

/** What the public may know of a signature's evidence. */
export interface PublicEvidence {
  /** The address was recorded; which one only the organizer can see. */
  ipRecorded: true;
  userAgentHash: string;
  tokenId: string;
}

const keyed = (key: Buffer, label: string, ceremonyId: string, value: string) =>
  createHmac('sha256', key).update(`saksi-evidence-v1\n${label}\n${ceremonyId}\n${value}`).digest('hex');

/** "::ffff:10.1.2.3" → "10.1.2.3", so one IPv4 address reads (and hashes) one way. */
export function normalizeAddress(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1] : ip;
}

export function signerEvidence(key: Buffer, ctx: SignerContext): SignerEvidenceResult {
  const ipAddress = normalizeAddress(ctx.ip);
  return {
    evidence: {
      ipHmac: keyed(key, 'ip', ctx.ceremonyId, ipAddress),
      userAgentHash: keyed(key, 'user-agent', ctx.ceremonyId, ctx.userAgent),
      tokenId: ctx.tokenId,
    },
    ipAddress,
  };
}

/** Drops the address (hash or HMAC, old rows included) from anything shown publicly. */
export function publicEvidence(evidence: SignatureEvidence): PublicEvidence {
  return { ipRecorded: true, userAgentHash: evidence.userAgentHash, tokenId: evidence.tokenId };
}

/** The words the public pages and PDFs use for the address. */
export const IP_RECORDED_TEXT = { id: 'tercatat (hanya dapat dilihat panitia)', en: 'recorded (visible to the organizers only)' };
