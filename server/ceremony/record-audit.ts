// Checking a ceremony's audit chain, shared by the API and the CLI so both report the same thing.
// The rows are returned exactly as stored: the payload stays the JSON string the hash covers, so
// anyone holding the rows can recompute every link themselves.
import type { Ceremony } from '../../shared/domain/types';
import { verifyAuditChain, type AuditRow, type ChainReport } from '../persistence/audit-chain';
import type { StoredSignature } from '../persistence/store-contract';

export interface AuditSource {
  listAudit(ceremonyId: string): Promise<AuditRow[]>;
  auditHead(ceremonyId: string): Promise<{ n: number; hash: string }>;
}

export interface AuditCheck {
  report: ChainReport;
  rows: AuditRow[];
}

export async function checkAudit(source: AuditSource, ceremonyId: string): Promise<AuditCheck> {
  const [rows, head] = await Promise.all([source.listAudit(ceremonyId), source.auditHead(ceremonyId)]);
  return { report: verifyAuditChain(ceremonyId, rows, head), rows };
}

/** One line per ceremony for people: "OK" or where the chain first breaks (id first, then en). */
export function describeChainReport(report: ChainReport): string {
  if (report.ok) return `OK     ${report.ceremonyId}: ${report.events} peristiwa/events, head ${report.headHash}`;
  const at = report.brokenAt!;
  const seq = at.seq === undefined ? '' : ` (seq ${at.seq})`;
  return `RUSAK  ${report.ceremonyId}: rantai putus pada peristiwa ke-${at.n}${seq} / chain broken at event ${at.n}${seq}: ${at.reason}`;
}

/** One signature's evidence as the organizer sees it: the plain address included. */
export interface OrganizerEvidence {
  agreementId: string;
  partyId: string;
  roomId: string;
  signedAt: string;
  /** Null on signatures from before the address was kept (their ipHmac is then SHA-256 of ceremony:ip). */
  ipAddress: string | null;
  ipHmac: string;
  userAgentHash: string;
  tokenId: string;
}

/** For the organizer-only audit API; nothing public may call this. */
export async function organizerEvidence(
  source: { getSignatures(ceremonyId: string, agreementId: string): Promise<StoredSignature[]> },
  ceremony: Ceremony,
): Promise<OrganizerEvidence[]> {
  const stored = await Promise.all(ceremony.agreements.map((a) => source.getSignatures(ceremony.id, a.id)));
  return ceremony.agreements.flatMap((a, i) =>
    stored[i].map(({ record, evidence, ipAddress }) => ({
      agreementId: a.id,
      partyId: record.partyId,
      roomId: record.roomId,
      signedAt: record.signedAt,
      ipAddress: ipAddress ?? null,
      ...evidence,
    })),
  );
}
