// Checking PDFs from outside, a few at a time: POST /api/verify reserves a place before its body
// is read (so a flood cannot even fill memory with bodies), then the bytes go to a worker with a
// time limit and a memory cap. What a worker cannot finish is answered "too complex to check";
// when every place is taken the answer is "busy, retry after N seconds", at once.
import type { SealIdentity } from '../documents/certificates';
import type { PdfCheck, VerifyWorkerSetup } from './verify-worker';
import { WorkerPool } from './worker-pool';
import { WorkerTaskError } from './worker-protocol';

export interface PdfVerifierOptions {
  seal: SealIdentity;
  /** Checks running at once. */
  workers: number;
  /** Uploads allowed to wait (bodies being read count too). */
  queue: number;
  timeoutMs: number;
  /** V8 heap cap of each worker. */
  memoryMb: number;
  inflateBudgetBytes: number;
  log?: (message: string, error?: unknown) => void;
}

export type PdfCheckResult = { ok: true; check: PdfCheck } | { ok: false; code: 'TOO_COMPLEX' | 'BUSY'; detail: string };

/** A place in the queue, held while an upload's body is read. */
export interface VerifyTicket {
  release(): void;
}

const HELD_CACHE_MAX = 5_000;

export class PdfVerifier {
  private started?: WorkerPool;
  private closed = false;
  private reserved = 0;
  /** Checks of the platform's own stored documents, by SHA-256: the same bytes, the same answer. */
  private readonly held = new Map<string, Promise<PdfCheckResult>>();

  constructor(private readonly options: PdfVerifierOptions) {}

  /**
   * The workers start at the first upload, not with the server: at start-up they would compete for
   * the cores with the stamping workers rendering the demo's originals, and many servers never
   * check an upload. A closed verifier starts none (its callers get BUSY).
   */
  private get pool(): WorkerPool | undefined {
    if (this.closed) return undefined;
    const options = this.options;
    const setup: VerifyWorkerSetup = { fingerprintSha256: options.seal.certificate.fingerprintSha256, inflateBudgetBytes: options.inflateBudgetBytes };
    return (this.started ??= new WorkerPool({
      name: 'verify',
      module: new URL('./verify-worker.ts', import.meta.url),
      size: options.workers,
      setup,
      timeoutMs: options.timeoutMs,
      maxQueue: options.queue,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.ceil(options.memoryMb / 4)) },
      log: options.log,
    }));
  }

  /** Seconds a refused uploader should wait: about one check's time limit. */
  get retryAfterSeconds(): number {
    return Math.max(1, Math.ceil(this.options.timeoutMs / 1000));
  }

  reserve(): VerifyTicket | undefined {
    if (!this.pool?.hasRoom(this.reserved)) return undefined;
    this.reserved += 1;
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.reserved -= 1;
      },
    };
  }

  /** Checks uploaded bytes in the place `ticket` holds (and gives the place up). */
  async check(ticket: VerifyTicket, bytes: Uint8Array): Promise<PdfCheckResult> {
    ticket.release();
    return this.run(bytes);
  }

  /** Checks a document the platform holds; results are remembered by SHA-256. */
  checkHeld(sha256: string, bytes: Uint8Array): Promise<PdfCheckResult> {
    let result = this.held.get(sha256);
    if (!result) {
      if (this.held.size >= HELD_CACHE_MAX) this.held.clear();
      // A copy: the stored bytes stay usable by the caller after the buffer moves to the worker.
      result = this.run(bytes.slice(), true);
      this.held.set(sha256, result);
      void result.then((r) => {
        if (!r.ok) this.held.delete(sha256);
      });
    }
    return result;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.started?.close();
  }

  private async run(bytes: Uint8Array, urgent = false): Promise<PdfCheckResult> {
    const pool = this.pool;
    if (!pool) return { ok: false, code: 'BUSY', detail: 'verify pool is closed' };
    try {
      return { ok: true, check: await pool.run<PdfCheck>('checkPdf', bytes, { urgent }) };
    } catch (error) {
      if (!(error instanceof WorkerTaskError)) throw error;
      if (error.kind === 'busy' || error.kind === 'closed') return { ok: false, code: 'BUSY', detail: error.message };
      if (error.kind === 'failed' && error.errorName !== 'InflateBudgetExceeded') {
        // Not a limit: a parser fault on strange input. Still no verdict can be given for it.
        this.options.log?.('verification of an upload failed', error);
      }
      return { ok: false, code: 'TOO_COMPLEX', detail: error.message };
    }
  }
}
