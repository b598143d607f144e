// Stamping runs here, off the socket handlers' path: a signature is acknowledged as soon as it is
// stored, and the PDF work happens in the stamping pool's worker threads, as many at once as the
// pool has workers. The work itself lives in the store as stamp jobs (created in the commit that
// stores `agreement.signed`), so any node can do it: the queue claims due jobs with a short lease
// that it renews (a heartbeat) while it works on them, runs them, and commits `agreement.stamped`
// (guarded by status in storage, so a job that runs twice never stamps twice). A node that dies
// stops renewing: its jobs are taken over by another node within a lease and a poll. A failed job is given back with backoff;
// after MAX_STAMP_ATTEMPTS it is parked with an audited `agreement.stampFailed` (visible in the
// console, retried by an organizer), never dropped. The queue is nudged when this node stores a
// signature, polls for jobs created by other nodes or left by a dead one, and sweeps now and then
// for signed agreements that have no job at all.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { StampFailureReason } from '../../shared/domain/types';
import type { DocumentService, FinalizeAgreementInput } from '../documents/types';
import type { CeremonyStore, StampJob } from '../persistence/store-contract';
import type { CeremonyService } from './ceremony-service';
import { findAgreement } from '../domain/state';
import { SaksiError } from '../domain/errors';
import { finalizeInput } from './document-inputs';
import { links } from './links';
import { sha256Hex } from '../security/sha256';
import { WorkerTaskError } from '../workers/worker-protocol';

export interface StampQueueDeps {
  service: CeremonyService;
  store: CeremonyStore;
  documents: Pick<DocumentService, 'finalizeAgreement'> & {
    /** When present (the stamping pool): the stamped file with its SHA-256 taken off the main event loop. */
    finalizeAgreementHashed?: (input: FinalizeAgreementInput) => Promise<{ pdf: Uint8Array; sha256: string }>;
  };
  publicUrl: () => string;
  /** Jobs running at once (the stamping pool's size). */
  concurrency: number;
  log: (message: string, error?: unknown) => void;
  /** Delay before the first retry of a failed stamp; each further retry waits four times longer. */
  retryDelayMs?: number;
  /** How long a claim lasts without renewal (then any node may take the job over). */
  leaseMs?: number;
  /** How often the leases of running jobs are renewed (a third of the lease by default). */
  renewMs?: number;
  /** How often the store is asked for due jobs besides the local nudges. */
  pollMs?: number;
  /** How often signed agreements without a job are looked for. */
  sweepMs?: number;
  now?: () => string;
  /** This node's name on the leases it takes (unique per process by default). */
  owner?: string;
}

export const MAX_STAMP_ATTEMPTS = 3;
const MAX_DETAIL_CHARS = 300;
/** Short: a dead node's jobs wait this long. Renewed every third of it, so a live node keeps its jobs. */
export const DEFAULT_STAMP_LEASE_MS = 6_000;
const DEFAULT_POLL_MS = 1_000;
const DEFAULT_SWEEP_MS = 30_000;
/**
 * Jobs claimed ahead of free workers, as a multiple of the concurrency. Each claim is a write
 * transaction (an fsync on the main event loop with SQLite); claiming one job per finished stamp
 * cost the burst ~196 of them. Ahead-claimed jobs wait here, leased to this node and renewed by the
 * heartbeat like running ones; one whose lease ran out meanwhile (a renewal failed or found it
 * taken) is dropped (another node may have it) and found again by the next claim.
 */
const CLAIM_AHEAD = 2;
/** Below this lease the heartbeat would renew too often to be safe for held jobs: nothing is claimed ahead. */
const MIN_LEASE_TO_CLAIM_AHEAD_MS = 3_000;

/** A stamp the queue cannot even start: storage lacks what the document is made of. */
class MissingInputError extends Error {
  override readonly name = 'StampInputError';
}

const keyOf = (job: { ceremonyId: string; agreementId: string }) => `${job.ceremonyId}\n${job.agreementId}`;

export class StampQueue {
  /** Jobs whose document is being made (each holds a stamping worker). */
  private running = 0;
  /** Jobs whose document is made and whose commit is in flight: their worker is free for the next job. */
  private committing = 0;
  private pumping = false;
  private pumpAgain = false;
  private closed = false;
  private readonly idleWaiters: Array<() => void> = [];
  /** Jobs given back after a failure, with the timer that nudges the queue when they are due. */
  private readonly retrying = new Map<string, NodeJS.Timeout>();
  /** Claimed (leased to this node, renewed by the heartbeat) but not started yet: no worker was free. */
  private readonly held: StampJob[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly owner: string;
  private readonly now: () => string;
  private readonly leaseMs: number;
  /** Jobs claimed by this node and not finished: their leases are renewed. */
  private readonly leased = new Map<string, StampJob>();
  private renewing = false;
  /** Runs while `leased` is not empty. */
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly deps: StampQueueDeps) {
    this.owner = deps.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.now = deps.now ?? (() => new Date().toISOString());
    this.leaseMs = deps.leaseMs ?? DEFAULT_STAMP_LEASE_MS;
  }

  /** Starts polling and sweeping; jobs owed from before a restart are taken at once. */
  start(): void {
    if (this.closed || this.timers.length) return;
    this.timers.push(setInterval(() => this.nudge(), this.deps.pollMs ?? DEFAULT_POLL_MS));
    this.timers.push(setInterval(() => void this.sweep(), this.deps.sweepMs ?? DEFAULT_SWEEP_MS));
    void this.sweep();
  }

  /** An agreement was signed (or a parked one retried) here: look for its job now. */
  enqueue(_ceremonyId: string, _agreementId: string): void {
    this.nudge();
  }

  /** A ceremony was imported or is owed work: look for due jobs now. */
  resume(_ceremonyId: string): void {
    this.nudge();
  }

  /** Jobs running or committing here, claimed and held, being claimed, or given back here and waiting for their retry. */
  get size(): number {
    return this.running + this.committing + this.held.length + this.retrying.size + (this.pumping ? 1 : 0);
  }

  whenIdle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers.splice(0)) clearInterval(t);
    for (const t of this.retrying.values()) clearTimeout(t);
    this.retrying.clear();
    // Jobs held but never started go back at once, for this node after a restart or another one.
    const held = this.held.splice(0);
    for (const job of held) this.unlease(keyOf(job));
    await Promise.all(held.map((job) => this.giveBack(job, 0)));
    if (this.running > 0 || this.committing > 0 || this.pumping) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    else this.idleWaiters.splice(0).forEach((r) => r());
  }

  private nudge(): void {
    if (this.closed) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
      this.settle();
    });
  }

  private async pump(): Promise<void> {
    do {
      this.pumpAgain = false;
      let free = this.deps.concurrency - this.running;
      if (free <= 0 || this.closed) return;
      free -= this.startHeld(free);
      if (free <= 0) return;
      const limit = free + (this.leaseMs >= MIN_LEASE_TO_CLAIM_AHEAD_MS ? this.deps.concurrency * CLAIM_AHEAD : 0);
      let jobs: StampJob[];
      try {
        jobs = await this.deps.store.claimStampJobs(this.owner, limit, this.leaseMs, this.now());
      } catch (error) {
        this.deps.log('claiming stamp jobs failed', error);
        return;
      }
      if (this.closed) {
        await Promise.all(jobs.filter((job) => !this.leased.has(keyOf(job))).map((job) => this.giveBack(job, 0)));
        return;
      }
      // A job of ours whose lease lapsed (this node stalled past it) and came back to us runs once here.
      const fresh = jobs.filter((job) => !this.leased.has(keyOf(job)));
      // Just claimed: started at once (as many as workers are free), the rest held (and renewed).
      const startNow = Math.max(0, this.deps.concurrency - this.running);
      for (const job of fresh.slice(0, startNow)) this.startJob(job);
      for (const job of fresh.slice(startNow)) this.hold(job);
      // A full batch may have left more behind.
      if (jobs.length === limit && this.held.length === 0) this.pumpAgain = true;
    } while (this.pumpAgain && !this.closed);
  }

  /** Starts up to `free` held jobs whose lease is still this node's; returns how many started. */
  private startHeld(free: number): number {
    let started = 0;
    const nowMs = Date.parse(this.now());
    while (started < free && this.held.length) {
      const job = this.held.shift()!;
      if (Date.parse(job.leaseUntil) <= nowMs) {
        this.unlease(keyOf(job));
        continue;
      }
      this.startJob(job);
      started += 1;
    }
    return started;
  }

  private lease(key: string, job: StampJob): void {
    this.leased.set(key, job);
    this.heartbeat ??= setInterval(() => void this.renew(), this.deps.renewMs ?? Math.max(1, Math.floor(this.leaseMs / 3)));
  }

  private unlease(key: string): void {
    this.leased.delete(key);
    if (this.leased.size === 0) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  private hold(job: StampJob): void {
    this.lease(keyOf(job), job);
    this.held.push(job);
  }

  private startJob(job: StampJob): void {
    const key = keyOf(job);
    const timer = this.retrying.get(key);
    if (timer) clearTimeout(timer);
    this.retrying.delete(key);
    this.running += 1;
    this.lease(key, job);
    // The worker is free as soon as the document is made: the next job starts while this one's
    // commit waits for the SQLite writer thread (or PostgreSQL), not after it.
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.running -= 1;
      this.committing += 1;
      this.nudge();
    };
    void this.run(job, release).finally(() => {
      this.unlease(key);
      if (released) this.committing -= 1;
      else this.running -= 1;
      this.nudge();
      this.settle();
    });
  }

  private settle(): void {
    if (this.size === 0 || (this.closed && this.running === 0 && this.committing === 0 && !this.pumping)) this.idleWaiters.splice(0).forEach((r) => r());
  }

  /** The heartbeat: the leases of the jobs this node works on run on (one statement for all). */
  private async renew(): Promise<void> {
    if (this.renewing || this.leased.size === 0) return;
    this.renewing = true;
    try {
      const now = this.now();
      const jobs = [...this.leased.values()];
      const renewed = await this.deps.store.renewStampJobs(this.owner, jobs, this.leaseMs, now);
      // Held jobs start only while their lease is ours: when every lease was renewed, theirs runs on;
      // otherwise (one was taken over — which one is not known) they keep their old deadline.
      if (renewed === jobs.length) {
        const until = new Date(Date.parse(now) + this.leaseMs).toISOString();
        for (let i = 0; i < this.held.length; i += 1) this.held[i] = { ...this.held[i]!, leaseUntil: until };
      }
    } catch (error) {
      this.deps.log('renewing stamp leases failed', error);
    } finally {
      this.renewing = false;
    }
  }

  private async sweep(): Promise<void> {
    if (this.closed) return;
    try {
      await this.deps.store.sweepStampJobs(this.now());
    } catch (error) {
      this.deps.log('sweeping stamp jobs failed', error);
    }
    this.nudge();
  }

  /** `release` is called once the document is made, before its commit: the job no longer needs its worker. */
  private async run(job: StampJob, release: () => void): Promise<void> {
    const { service, store, documents } = this.deps;
    try {
      // The job is in storage, so storage knows better than a cached state that may be behind.
      service.markStale(job.ceremonyId, await store.version(job.ceremonyId));
      const state = await service.ensure(job.ceremonyId);
      const agreement = state && findAgreement(state, job.agreementId);
      if (!state || agreement?.status !== 'signed' || agreement.stampFailure) {
        this.deps.log(`stamp job ${job.ceremonyId}/${job.agreementId} has nothing to stamp (${agreement?.status ?? 'unknown'})`);
        return await this.giveBack(job, this.leaseMs);
      }
      const input = await finalizeInput(state, store, job.agreementId, links.verifyAgreement(this.deps.publicUrl(), job.ceremonyId, job.agreementId));
      if (!input) throw new MissingInputError('agreement or original document missing');
      const { pdf, sha256: documentSha256 } = documents.finalizeAgreementHashed
        ? await documents.finalizeAgreementHashed(input)
        : await documents.finalizeAgreement(input).then((bytes) => ({ pdf: bytes, sha256: sha256Hex(bytes) }));
      if (this.closed) return await this.giveBack(job, 0);
      release();
      const result = await service.execute(
        job.ceremonyId,
        { type: 'markStamped', actor: { role: 'system' }, agreementId: job.agreementId, documentSha256 },
        { documents: new Map([[job.agreementId, pdf]]) },
      );
      if (!result.ok) throw result.error;
    } catch (error) {
      if (this.closed) return await this.giveBack(job, 0);
      this.deps.log(`stamping ${job.ceremonyId}/${job.agreementId} failed (attempt ${job.attempt} of ${MAX_STAMP_ATTEMPTS})`, error);
      if (job.attempt < MAX_STAMP_ATTEMPTS) return await this.retryLater(job);
      await this.park(job, error);
    }
  }

  private async giveBack(job: StampJob, afterMs: number): Promise<void> {
    const retryAt = new Date(Date.parse(this.now()) + afterMs).toISOString();
    try {
      await this.deps.store.releaseStampJob(job.ceremonyId, job.agreementId, this.owner, retryAt);
    } catch (error) {
      this.deps.log(`giving back stamp job ${job.ceremonyId}/${job.agreementId} failed`, error);
    }
  }

  private async retryLater(job: StampJob): Promise<void> {
    const delay = (this.deps.retryDelayMs ?? 2000) * 4 ** (job.attempt - 1);
    await this.giveBack(job, delay);
    if (this.closed) return;
    const key = keyOf(job);
    this.retrying.set(
      key,
      setTimeout(() => {
        this.retrying.delete(key);
        this.nudge();
        this.settle();
      }, delay),
    );
  }

  private async park(job: StampJob, error: unknown): Promise<void> {
    const { reason, detail } = describeFailure(error);
    const parked = await this.deps.service.execute(job.ceremonyId, {
      type: 'markStampFailed',
      actor: { role: 'system' },
      agreementId: job.agreementId,
      reason,
      attempts: job.attempt,
      detail: detail.slice(0, MAX_DETAIL_CHARS),
    });
    if (!parked.ok) {
      this.deps.log(`parking ${job.ceremonyId}/${job.agreementId} failed`, parked.error);
      await this.giveBack(job, this.leaseMs);
    }
  }
}

function describeFailure(error: unknown): { reason: StampFailureReason; detail: string } {
  if (error instanceof WorkerTaskError) {
    if (error.kind === 'timeout') return { reason: 'timeout', detail: error.message };
    if (error.kind === 'crashed') return { reason: 'worker-crashed', detail: error.message };
    if (error.errorName === 'StampInputError') return { reason: 'invalid-input', detail: error.message };
    return { reason: 'error', detail: error.message };
  }
  if (error instanceof MissingInputError) return { reason: 'invalid-input', detail: error.message };
  if (error instanceof SaksiError) return { reason: 'error', detail: `${error.code}: ${error.message}` };
  return { reason: 'error', detail: error instanceof Error ? error.message : String(error) };
}
