// Stamping runs here, off the socket handlers' path: a signature is acknowledged as soon as it is
// stored, and the PDF work (hundreds of ms with sealing) happens in the background, a few at a
// time. A signed-but-unstamped agreement is found again on restart (status 'signed' in storage).
import type { DocumentService } from '../documents/types';
import type { CeremonyStore } from '../persistence/store';
import type { CeremonyService } from './ceremony-service';
import { findAgreement } from '../domain/state';
import { finalizeInput } from './document-inputs';
import { links } from './links';
import { sha256Hex } from '../security/sha256';

export interface StampQueueDeps {
  service: CeremonyService;
  store: CeremonyStore;
  documents: DocumentService;
  publicUrl: () => string;
  concurrency: number;
  log: (message: string, error?: unknown) => void;
  /** Delay before retrying a failed stamp (tests shorten it). */
  retryDelayMs?: number;
}

const MAX_ATTEMPTS = 3;

export class StampQueue {
  private readonly waiting: Array<{ ceremonyId: string; agreementId: string; attempt: number }> = [];
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

  /** Queues every agreement of the ceremony that is signed but not yet stamped. */
  resume(ceremonyId: string): number {
    const state = this.deps.service.get(ceremonyId);
    if (!state) return 0;
    const pending = state.ceremony.agreements.filter((a) => a.status === 'signed');
    for (const a of pending) this.enqueue(ceremonyId, a.id);
    return pending.length;
  }

  get size(): number {
    return this.waiting.length + this.running;
  }

  whenIdle(): Promise<void> {
    if (this.size === 0 && this.timers.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.running > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (!this.closed && this.running < this.deps.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running += 1;
      void this.run(job).finally(() => {
        this.running -= 1;
        this.queued.delete(`${job.ceremonyId}/${job.agreementId}`);
        this.pump();
        if (this.size === 0 && this.timers.size === 0) this.idleWaiters.splice(0).forEach((r) => r());
      });
    }
  }

  private async run(job: { ceremonyId: string; agreementId: string; attempt: number }): Promise<void> {
    const { service, store, documents } = this.deps;
    const state = service.get(job.ceremonyId);
    if (!state || findAgreement(state, job.agreementId)?.status !== 'signed') return;
    try {
      const input = finalizeInput(
        state,
        store,
        job.agreementId,
        links.verifyAgreement(this.deps.publicUrl(), job.ceremonyId, job.agreementId),
      );
      if (!input) throw new Error('agreement or original document missing');
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
      this.deps.log(`stamping ${job.ceremonyId}/${job.agreementId} failed (attempt ${job.attempt})`, error);
      if (job.attempt < MAX_ATTEMPTS && !this.closed) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.enqueue(job.ceremonyId, job.agreementId, job.attempt + 1);
        }, this.deps.retryDelayMs ?? 2000);
        this.timers.add(timer);
      }
    }
  }
}
