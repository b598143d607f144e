// Hash chain over a ceremony's audit events: each hash covers the previous hash and the event,
// so editing, inserting or deleting any row breaks every link after it. The ceremony row keeps
// the head (count and last hash) so that cutting events off the end is caught too.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditLink {
  ceremonyId: string;
  n: number;
  at: string;
  type: string;
  payload: string;
  prevHash: string;
}

export function hashAuditLink(link: AuditLink): string {
  return createHash('sha256')
    .update([link.prevHash, link.ceremonyId, String(link.n), link.at, link.type, link.payload].join('\n'))
    .digest('hex');
}

export interface AuditRow extends AuditLink {
  seq: number;
  hash: string;
}

export interface ChainReport {
  ceremonyId: string;
  events: number;
  ok: boolean;
  /** The first broken link, if any. */
  brokenAt?: { n: number; seq?: number; reason: string };
  headHash: string;
}

/** Walks the chain in order and reports the first link that does not hold. */
export function verifyAuditChain(
  ceremonyId: string,
  rows: AuditRow[],
  head: { n: number; hash: string },
): ChainReport {
  let prevHash = GENESIS_HASH;
  let expectedN = 1;
  for (const row of rows) {
    const broken = (reason: string): ChainReport => ({
      ceremonyId,
      events: rows.length,
      ok: false,
      brokenAt: { n: expectedN, seq: row.seq, reason },
      headHash: head.hash,
    });
    if (row.n !== expectedN) return broken(`event ${expectedN} is missing (found ${row.n})`);
    if (row.prevHash !== prevHash) return broken('prev_hash does not match the previous event');
    if (hashAuditLink(row) !== row.hash) return broken('event content does not match its hash');
    prevHash = row.hash;
    expectedN += 1;
  }
  if (head.n !== rows.length || head.hash !== prevHash) {
    return {
      ceremonyId,
      events: rows.length,
      ok: false,
      brokenAt: { n: rows.length + 1, reason: `chain ends at ${rows.length} but the ceremony records ${head.n} events` },
      headHash: head.hash,
    };
  }
  return { ceremonyId, events: rows.length, ok: true, headHash: prevHash };
}
