// What a store reads back from the audit chain rather than from its own columns: waves, phase
// times, parked stamping, and the console's feed items. Pure, so that every store implementation
// folds the same rows the same way.
import type { BeritaAcaraSigning, CeremonyTimeline, StampFailure, Wave } from '../../shared/domain/types';
import type { ActivityItem, ActivityType } from '../../shared/protocol/views';
import type { AuditRow } from './audit-chain';

export interface HistoryRow {
  at: string;
  type: string;
  payload: string;
}

/** The audit types foldHistory needs, for a store's WHERE type IN (…). */
export const HISTORY_TYPES = [
  'agreement.called',
  'ceremony.lobbyOpened',
  'ceremony.signingStarted',
  'ceremony.closed',
  'agreement.stampFailed',
  'agreement.stampRetried',
  'beritaAcara.officialSigned',
  'beritaAcara.finishedWithoutOfficials',
] as const;

/** Folds history rows (in chain order) into waves, phase times and parked agreements. */
export function foldHistory(rows: HistoryRow[]): {
  waves: Wave[];
  timeline: CeremonyTimeline;
  stampFailures: Map<string, StampFailure>;
  beritaAcara?: BeritaAcaraSigning;
} {
  const waves: Wave[] = [];
  const timeline: CeremonyTimeline = {};
  const stampFailures = new Map<string, StampFailure>();
  let beritaAcara: BeritaAcaraSigning | undefined;
  for (const r of rows) {
    if (r.type === 'ceremony.lobbyOpened') timeline.lobbyOpenedAt = r.at;
    else if (r.type === 'ceremony.signingStarted') timeline.signingStartedAt = r.at;
    else if (r.type === 'ceremony.closed') timeline.closedAt = r.at;
    else if (r.type === 'agreement.called') {
      const p = JSON.parse(r.payload) as { waveId: string; agreementIds: string[]; waveNumber?: number; waveName?: string };
      // Calls recorded before waves had numbers are numbered in order, as they would have been.
      waves.push({
        id: p.waveId,
        number: p.waveNumber ?? waves.length + 1,
        ...(p.waveName ? { name: p.waveName } : {}),
        calledAt: r.at,
        size: p.agreementIds.length,
      });
    } else if (r.type === 'agreement.stampRetried') {
      stampFailures.delete(JSON.parse(r.payload).agreementId);
    } else if (r.type === 'agreement.stampFailed') {
      const p = JSON.parse(r.payload);
      stampFailures.set(p.agreementId, { at: r.at, reason: p.reason, attempts: p.attempts, detail: p.detail });
    } else if (r.type === 'beritaAcara.officialSigned') {
      (beritaAcara ??= { signatures: [] }).signatures.push(JSON.parse(r.payload).signature);
    } else if (r.type === 'beritaAcara.finishedWithoutOfficials') {
      const p = JSON.parse(r.payload);
      (beritaAcara ??= { signatures: [] }).finishedWithoutOfficials = { at: r.at, reason: p.reason, unsigned: p.unsigned };
    }
  }
  return { waves, timeline, stampFailures, ...(beritaAcara ? { beritaAcara } : {}) };
}

/** The console's feed item for one audit event. */
export function toActivity(n: number, at: string, type: string, payload: Record<string, any>): ActivityItem {
  const item: ActivityItem = { seq: n, at, type: type as ActivityType };
  if (typeof payload.roomId === 'string') item.roomId = payload.roomId;
  if (typeof payload.agreementId === 'string') item.agreementId = payload.agreementId;
  if (Array.isArray(payload.agreementIds)) item.agreementIds = payload.agreementIds;
  if (typeof payload.waveId === 'string') item.waveId = payload.waveId;
  if (payload.signature && typeof payload.signature.officialId === 'string') {
    item.officialId = payload.signature.officialId;
    item.roomId = payload.signature.roomId;
    return item;
  }
  if (payload.signature) {
    item.agreementId = payload.signature.agreementId;
    item.partyId = payload.signature.partyId;
    item.roomId = payload.signature.roomId;
  }
  return item;
}

/** An `audit_events` row as either store's driver returns it (seq is BIGSERIAL text on PostgreSQL). */
export function toAuditRow(r: Record<string, any>): AuditRow {
  return {
    seq: Number(r.seq),
    ceremonyId: r.ceremony_id,
    n: r.n,
    at: r.at,
    type: r.type,
    payload: r.payload,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
