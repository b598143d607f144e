// The main thread's handle on the stamping pool: typed calls for each document task. Stamping,
// sealing and the record's Berita Acara and ZIP all run in these workers.
import type { ResourceLimits } from 'node:worker_threads';
import type { SealIdentity } from '../documents/certificates';
import type { AgreementDocumentInput, DocumentService, FinalizeAgreementInput } from '../documents/types';
import type { BeritaAcaraInput } from '../record/berita-acara-input';
import type { RecordZipInput } from '../record/record-zip';
import type { DocumentWorkerSetup, HashedDocument } from './document-worker';
import type { ThreadPriority } from './thread-priority';
import { WorkerPool } from './worker-pool';
import { transferablesOf } from './worker-protocol';

export interface DocumentPoolOptions {
  size: number;
  /** A promise: the workers start loading (code, fonts) at once and get the seal when it is known. */
  seal?: SealIdentity | Promise<SealIdentity>;
  /** Time limit of one stamp (stamp + seal of one agreement). */
  stampTimeoutMs: number;
  /** Workers started at once when fewer than `size`; the rest at startAll(). */
  initialSize?: number;
  /** Time limit of the Berita Acara or the record ZIP (a whole ceremony). */
  recordTimeoutMs?: number;
  /** V8 heap limits of each worker (e.g. a larger young generation). */
  resourceLimits?: ResourceLimits;
  /** Node options of the workers (a bench's --cpu-prof); none when absent. */
  execArgv?: string[];
  /** CPU priority each worker thread takes for itself (config STAMP_PRIORITY); as the process when absent. */
  threadPriority?: ThreadPriority;
  log?: (message: string, error?: unknown) => void;
}

export interface DocumentPool extends DocumentService {
  readonly size: number;
  /** Worker threads running now (fewer than `size` until startAll()). */
  readonly started: number;
  /** finalizeAgreement with the stamped file's SHA-256, taken in the worker. */
  finalizeAgreementHashed(input: FinalizeAgreementInput): Promise<HashedDocument>;
  /** Starts the workers `initialSize` left out. */
  startAll(): void;
  renderBeritaAcara(input: BeritaAcaraInput): Promise<Uint8Array>;
  buildRecordZip(input: RecordZipInput): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function createDocumentPool(options: DocumentPoolOptions): DocumentPool {
  const { seal } = options;
  const setup: DocumentWorkerSetup | Promise<DocumentWorkerSetup> = seal instanceof Promise ? seal.then((s) => ({ seal: s })) : { seal };
  const pool = new WorkerPool({
    name: 'stamp',
    module: new URL('./document-worker.ts', import.meta.url),
    size: options.size,
    setup,
    timeoutMs: options.stampTimeoutMs,
    initialSize: options.initialSize,
    // Originals need no seal: at start-up the demo's render while the seal is being made.
    tasksBeforeSetup: ['renderAgreement'],
    ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
    ...(options.threadPriority ? { threadPriority: options.threadPriority, threadPriorityOff: 'STAMP_PRIORITY=off' } : {}),
    log: options.log,
  });
  const recordTimeoutMs = options.recordTimeoutMs ?? Math.max(120_000, options.stampTimeoutMs * 4);
  return {
    size: options.size,
    get started() {
      return pool.started;
    },
    startAll: () => pool.startAll(),
    renderAgreement: (input: AgreementDocumentInput) => pool.run('renderAgreement', input),
    finalizeAgreement: (input: FinalizeAgreementInput) => pool.run('finalizeAgreement', input),
    finalizeAgreementHashed: (input: FinalizeAgreementInput) => pool.run('finalizeAgreementHashed', input),
    renderBeritaAcara: (input) => pool.run('renderBeritaAcara', input, { timeoutMs: recordTimeoutMs }),
    // The agreements' PDFs (tens of MB for a ceremony) are moved to the worker, not copied.
    buildRecordZip: (input) => pool.run('buildRecordZip', input, { timeoutMs: recordTimeoutMs, transfer: transferablesOf(input.files.map((f) => f.bytes)) }),
    close: () => pool.close(),
  };
}
