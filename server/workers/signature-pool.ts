// The main thread's handle on the signature pool: drawn signatures are decoded and re-encoded in
// one worker thread (with a time limit and a memory cap), so a burst of signers does not hold the
// main event loop, where the tally, the SFU and every socket live. The worker starts at the first
// drawn signature, not with the server: most servers (and tests) never see one. A server that
// holds a ceremony starts it once start-up is over (start()), so that it has loaded before the
// first signing burst instead of inside it.
import { fail, type Result } from '../domain/errors';
import type { DecodedSignature } from '../realtime/signature-image';
import type { SignatureTaskResult } from './signature-worker';
import { WorkerPool } from './worker-pool';
import { WorkerTaskError } from './worker-protocol';

export interface SignaturePoolOptions {
  /** Worker threads (1 is plenty: one signature costs ~1 ms). */
  size?: number;
  /** Time limit of one decode; the decoder's own deadline is 500 ms. */
  timeoutMs?: number;
  /** Signatures allowed to wait; beyond it a signature is refused as RATE_LIMITED. */
  maxQueue?: number;
  /** V8 heap cap of the worker. */
  memoryMb?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface SignatureDecoder {
  decode(dataUrl: string): Promise<Result<DecodedSignature>>;
  /** Starts the worker now (e.g. once start-up is over) rather than at the first signature. */
  start(): void;
  /** Whether the worker has been started. */
  readonly started: boolean;
  close(): Promise<void>;
}

export function createSignaturePool(options: SignaturePoolOptions = {}): SignatureDecoder {
  let pool: WorkerPool | undefined;
  let closed = false;
  const memoryMb = options.memoryMb ?? 128;
  const start = () =>
    (pool ??= new WorkerPool({
      name: 'signature',
      module: new URL('./signature-worker.ts', import.meta.url),
      size: options.size ?? 1,
      timeoutMs: options.timeoutMs ?? 5_000,
      maxQueue: options.maxQueue ?? 1_000,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(32, Math.ceil(memoryMb / 4)) },
      log: options.log,
    }));
  return {
    async decode(dataUrl) {
      if (closed) return fail('INTERNAL', 'signature pool is closed');
      let r: SignatureTaskResult;
      try {
        r = await start().run<SignatureTaskResult>('decodeSignature', dataUrl);
      } catch (error) {
        if (!(error instanceof WorkerTaskError)) throw error;
        // An image that runs past the limit or kills its worker is the image's fault.
        if (error.kind === 'timeout' || error.kind === 'crashed') return fail('SIGNATURE_IMAGE_INVALID', error.message, ['the image could not be decoded']);
        if (error.kind === 'busy') return fail('RATE_LIMITED', error.message);
        return fail('INTERNAL', error.message);
      }
      return r.ok ? r : fail(r.code, r.detail, r.details);
    },
    start() {
      if (!closed) start();
    },
    get started() {
      return pool !== undefined;
    },
    async close() {
      closed = true;
      await pool?.close();
    },
  };
}
