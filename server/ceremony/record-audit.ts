// Checking a ceremony's audit chain, shared by the API and the CLI so both report the same thing.
// The rows are returned exactly as stored: the payload stays the JSON string the hash covers, so
// anyone holding the rows can recompute every link themselves.
import { verifyAuditChain, type AuditRow, type ChainReport } from '../persistence/audit-chain';

export interface AuditSource {
  listAudit(ceremonyId: string): AuditRow[];
  auditHead(ceremonyId: string): { n: number; hash: string };
}

export interface AuditCheck {
  report: ChainReport;
  rows: AuditRow[];
}

export function checkAudit(source: AuditSource, ceremonyId: string): AuditCheck {
  const rows = source.listAudit(ceremonyId);
  return { report: verifyAuditChain(ceremonyId, rows, source.auditHead(ceremonyId)), rows };
}

/** One line per ceremony for people: "OK" or where the chain first breaks (id first, then en). */
export function describeChainReport(report: ChainReport): string {
  if (report.ok) return `OK     ${report.ceremonyId}: ${report.events} peristiwa/events, head ${report.headHash}`;
  const at = report.brokenAt!;
  const seq = at.seq === undefined ? '' : ` (seq ${at.seq})`;
  return `RUSAK  ${report.ceremonyId}: rantai putus pada peristiwa ke-${at.n}${seq} / chain broken at event ${at.n}${seq}: ${at.reason}`;
}
