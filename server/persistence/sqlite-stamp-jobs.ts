// Stamp jobs in SQLite. A claim is a lease (owner + until) taken in one IMMEDIATE transaction, so
// two handles on the same file never both hold a live lease on one job; a lease that ran out (its
// holder died) is claimed again. The sweep finds agreements that are signed but have no job
// (data from before jobs existed, or a row deleted by hand); whether such an agreement is parked
// is read from its audit events, as loadCeremony does.
import type Database from 'better-sqlite3';
import type { StampJob } from './store-contract';

type Row = Record<string, any>;

const plusMs = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

export class SqliteStampJobs {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      due: db.prepare(`SELECT ceremony_id, agreement_id FROM stamp_jobs
        WHERE parked = 0 AND due_at <= @now AND (lease_until IS NULL OR lease_until <= @now)
        ORDER BY due_at, ceremony_id, agreement_id LIMIT @limit`),
      lease: db.prepare(`UPDATE stamp_jobs SET attempt = attempt + 1, lease_owner = ?, lease_until = ?
        WHERE ceremony_id = ? AND agreement_id = ? RETURNING attempt`),
      renew: db.prepare(`UPDATE stamp_jobs SET lease_until = ?
        WHERE ceremony_id = ? AND agreement_id = ? AND lease_owner = ?`),
      release: db.prepare(`UPDATE stamp_jobs SET lease_owner = NULL, lease_until = NULL, due_at = ?
        WHERE ceremony_id = ? AND agreement_id = ? AND lease_owner = ?`),
      sweep: db.prepare(`INSERT INTO stamp_jobs (ceremony_id, agreement_id, attempt, due_at, parked)
        SELECT a.ceremony_id, a.id, 0, @now,
          COALESCE((SELECT e.type = 'agreement.stampFailed' FROM audit_events e
            WHERE e.ceremony_id = a.ceremony_id AND e.type IN ('agreement.stampFailed', 'agreement.stampRetried')
              AND json_extract(e.payload, '$.agreementId') = a.id
            ORDER BY e.n DESC LIMIT 1), 0)
        FROM agreements a
        WHERE a.status = 'signed'
          AND NOT EXISTS (SELECT 1 FROM stamp_jobs j WHERE j.ceremony_id = a.ceremony_id AND j.agreement_id = a.id)`),
    };
  }

  claim(owner: string, limit: number, leaseMs: number, now: string): StampJob[] {
    if (limit <= 0) return [];
    const leaseUntil = plusMs(now, leaseMs);
    return this.db
      .transaction(() =>
        (this.stmts.due.all({ now, limit }) as Row[]).map((r): StampJob => {
          const { attempt } = this.stmts.lease.get(owner, leaseUntil, r.ceremony_id, r.agreement_id) as { attempt: number };
          return { ceremonyId: r.ceremony_id, agreementId: r.agreement_id, attempt, leaseOwner: owner, leaseUntil };
        }),
      )
      .immediate();
  }

  /** Extends the leases `owner` still holds on these jobs. */
  renew(owner: string, jobs: ReadonlyArray<{ ceremonyId: string; agreementId: string }>, leaseMs: number, now: string): number {
    if (jobs.length === 0) return 0;
    const leaseUntil = plusMs(now, leaseMs);
    return this.db
      .transaction(() => jobs.reduce((n, j) => n + this.stmts.renew.run(leaseUntil, j.ceremonyId, j.agreementId, owner).changes, 0))
      .immediate();
  }

  release(ceremonyId: string, agreementId: string, owner: string, retryAt: string): void {
    this.stmts.release.run(retryAt, ceremonyId, agreementId, owner);
  }

  /** Jobs created for signed agreements that had none (unparked ones count). */
  sweep(now: string): number {
    return this.db
      .transaction(() => {
        const before = this.db.prepare('SELECT COUNT(*) AS n FROM stamp_jobs WHERE parked = 0').get() as { n: number };
        this.stmts.sweep.run({ now });
        const after = this.db.prepare('SELECT COUNT(*) AS n FROM stamp_jobs WHERE parked = 0').get() as { n: number };
        return after.n - before.n;
      })
      .immediate();
  }
}
