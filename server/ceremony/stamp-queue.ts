// Stamping runs here, off the socket handlers' path: a signature is acknowledged as soon as it is
// stored, and the PDF work happens in the stamping pool's worker threads, as many at once as the
// pool has workers. A failed job is retried with backoff; after MAX_ATTEMPTS it is parked with an
// audited `agreement.stampFailed` (visible in the console, retried by an organizer), never
// dropped. A signed-but-unstamped agreement is found again on restart (status 'signed' in
// storage), unless it is parked: a job that failed three times waits for a person, so it cannot
// take the server's first minutes after every restart.
import type { StampFailureReason } from '../../shared/domain/types';
import type { DocumentService } from '../documents/types';
import type { CeremonyStore } from '../persistence/store';
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
  documents: Pick<DocumentService, 'finalizeAgreement'>;
  publicUrl: () => string;
  /** Jobs running at once (the stamping pool's size). */
  concurrency: number;
  log: (message: string, error?: unknown) => void;
  /** Delay before the first retry of a failed stamp; each further retry waits four times longer. */
  retryDelayMs?: number;
}

export const MAX_STAMP_ATTEMPTS = 3;
const MAX_DETAIL_CHARS = 300;

interface Job {
  ceremonyId: string;
  agreementId: string;
  attempt: number;
}

/** A stamp the queue cannot even start: storage lacks what the document is made of. */
class MissingInputError extends Error {
  override readonly name = 'StampInputError';
}

export class StampQueue {
  private readonly waiting: Job[] = [];
  private readonly queued = new Set<string>();
  private running = 0;
  private closed = false;
  private readonly idleWaiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly deps: StampQueueDeps) {}

  enqueue(ceremonyId: string, agreementId: string, attempt = 1): void {
    const key = `${ceremonyId}/${agreementId}`;
    if (this.closed || this.queued.has(key)) return;
    this.queued.add(key);
    this.waiting.push({ ceremonyId, agreementId, attempt });
    this.pump();
  }

  /** Queues every agreement of the ceremony that is signed but neither stamped nor parked. */
  resume(ceremonyId: string): number {
    const state = this.deps.service.get(ceremonyId);
    if (!state) return 0;
    const pending = state.ceremony.agreements.filter((a) => a.status === 'signed' && !a.stampFailure);
    for (const a of pending) this.enqueue(ceremonyId, a.id);
    return pending.length;
  }

  /** Jobs running, waiting, or waiting to be retried. */
  get size(): number {
    return this.waiting.length + this.running + this.timers.size;
  }

  whenIdle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    else this.idleWaiters.splice(0).forEach((r) => r());
  }

  private pump(): void {
    while (!this.closed && this.running < this.deps.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running += 1;
      void this.run(job).finally(() => {
        this.running -= 1;
        this.queued.delete(`${job.ceremonyId}/${job.agreementId}`);
        this.pump();
        if (this.size === 0 || (this.closed && this.running === 0)) this.idleWaiters.splice(0).forEach((r) => r());
      });
    }
  }

  private async run(job: Job): Promise<void> {
    const { service, store, documents } = this.deps;
    const state = service.get(job.ceremonyId);
    const agreement = state && findAgreement(state, job.agreementId);
    if (!state || agreement?.status !== 'signed' || agreement.stampFailure) return;
    try {
      const input = finalizeInput(
        state,
        store,
        job.agreementId,
        links.verifyAgreement(this.deps.publicUrl(), job.ceremonyId, job.agreementId),
      );
      if (!input) throw new MissingInputError('agreement or original document missing');
      const pdf = await documents.finalizeAgreement(input);
      if (this.closed) return;
      const documentSha256 = sha256Hex(pdf);
      const result = service.execute(
        job.ceremonyId,
        { type: 'markStamped', actor: { role: 'system' }, agreementId: job.agreementId, documentSha256 },
        { documents: new Map([[job.agreementId, pdf]]) },
      );
      if (!result.ok) throw result.error;
    } catch (error) {
      if (this.closed) return;
      this.deps.log(`stamping ${job.ceremonyId}/${job.agreementId} failed (attempt ${job.attempt} of ${MAX_STAMP_ATTEMPTS})`, error);
      if (job.attempt < MAX_STAMP_ATTEMPTS) return this.retryLater(job);
      this.park(job, error);
    }
  }

  private retryLater(job: Job): void {
    const delay = (this.deps.retryDelayMs ?? 2000) * 4 ** (job.attempt - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue(job.ceremonyId, job.agreementId, job.attempt + 1);
    }, delay);
    this.timers.add(timer);
  }

  private park(job: Job, error: unknown): void {
    const { reason, detail } = describeFailure(error);
    const parked = this.deps.service.execute(job.ceremonyId, {
      type: 'markStampFailed',
      actor: { role: 'system' },
      agreementId: job.agreementId,
      reason,
      attempts: job.attempt,
      detail: detail.slice(0, MAX_DETAIL_CHARS),
    });
    if (!parked.ok) this.deps.log(`parking ${job.ceremonyId}/${job.agreementId} failed`, parked.error);
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
