// Stamp jobs on PostgreSQL: claimed with FOR UPDATE SKIP LOCKED, so nodes claiming at the same
// moment never get the same job, and held by a short lease that the node renews while it works, so
// a job whose node died is claimed again a few seconds later. The stamp itself is guarded by the agreement's status (event-writes),
// so a job that does run twice still cannot stamp twice.
import type pg from 'pg';
import type { StampJob } from '../store-contract';

export async function claimStampJobs(pool: pg.Pool, owner: string, limit: number, leaseMs: number, now: string): Promise<StampJob[]> {
  if (limit <= 0) return [];
  const { rows } = await pool.query(
    `WITH due AS (
       SELECT j.ceremony_id, j.agreement_id FROM stamp_jobs j
       JOIN agreements a ON a.ceremony_id = j.ceremony_id AND a.id = j.agreement_id
       WHERE NOT j.parked AND j.due_at <= $1::timestamptz AND (j.lease_until IS NULL OR j.lease_until <= $1::timestamptz)
       ORDER BY j.due_at, j.ceremony_id, a.ord
       LIMIT $2
       FOR UPDATE OF j SKIP LOCKED
     )
     UPDATE stamp_jobs j
     SET attempt = j.attempt + 1, lease_owner = $3, lease_until = $1::timestamptz + $4 * interval '1 millisecond'
     FROM due WHERE j.ceremony_id = due.ceremony_id AND j.agreement_id = due.agreement_id
     RETURNING j.ceremony_id, j.agreement_id, j.attempt, j.lease_owner, j.lease_until, j.due_at`,
    [now, Math.floor(limit), owner, Math.max(0, leaseMs)],
  );
  return rows
    .sort((x, y) => x.due_at - y.due_at)
    .map((r) => ({
      ceremonyId: r.ceremony_id,
      agreementId: r.agreement_id,
      attempt: r.attempt,
      leaseOwner: r.lease_owner,
      leaseUntil: (r.lease_until as Date).toISOString(),
    }));
}

/** The heartbeat of a node working on jobs: their leases run on while `owner` still holds them. */
export async function renewStampJobs(
  pool: pg.Pool,
  owner: string,
  jobs: ReadonlyArray<{ ceremonyId: string; agreementId: string }>,
  leaseMs: number,
  now: string,
): Promise<number> {
  if (jobs.length === 0) return 0;
  const result = await pool.query(
    `UPDATE stamp_jobs j SET lease_until = $1::timestamptz + $2 * interval '1 millisecond'
     FROM unnest($4::text[], $5::text[]) AS k(ceremony_id, agreement_id)
     WHERE j.ceremony_id = k.ceremony_id AND j.agreement_id = k.agreement_id AND j.lease_owner = $3`,
    [now, Math.max(0, leaseMs), owner, jobs.map((j) => j.ceremonyId), jobs.map((j) => j.agreementId)],
  );
  return result.rowCount ?? 0;
}

/** Gives the job back, due again at `retryAt`; a no-op if `owner` no longer holds it. */
export async function releaseStampJob(pool: pg.Pool, ceremonyId: string, agreementId: string, owner: string, retryAt: string): Promise<void> {
  await pool.query(
    `UPDATE stamp_jobs SET lease_owner = NULL, lease_until = NULL, due_at = $4::timestamptz
     WHERE ceremony_id = $1 AND agreement_id = $2 AND lease_owner = $3`,
    [ceremonyId, agreementId, owner, retryAt],
  );
}

/**
 * Jobs for agreements that are signed but have none (a job lost with a restored backup, or rows
 * from before jobs existed). Parked agreements are left parked.
 */
export async function sweepStampJobs(pool: pg.Pool, now: string): Promise<number> {
  const result = await pool.query(
    `INSERT INTO stamp_jobs (ceremony_id, agreement_id, due_at)
     SELECT a.ceremony_id, a.id, $1::timestamptz FROM agreements a
     WHERE a.status = 'signed'
       AND NOT EXISTS (SELECT 1 FROM stamp_jobs j WHERE j.ceremony_id = a.ceremony_id AND j.agreement_id = a.id)
       -- Parked per the audit chain (its last word on stamping was a failure): it stays parked.
       AND (SELECT e.type FROM audit_events e
            WHERE e.ceremony_id = a.ceremony_id AND e.type IN ('agreement.stampFailed', 'agreement.stampRetried')
              AND e.payload::jsonb ->> 'agreementId' = a.id
            ORDER BY e.n DESC LIMIT 1) IS DISTINCT FROM 'agreement.stampFailed'
     ON CONFLICT (ceremony_id, agreement_id) DO NOTHING`,
    [now],
  );
  return result.rowCount ?? 0;
}
