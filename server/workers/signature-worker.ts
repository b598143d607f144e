// The signature pool's task module: a drawn signature (anyone's PNG data URL) is decoded by the
// strict decoder and re-encoded here, off the main event loop. During a 196-agreement burst this
// was the largest cost on the main thread after storage (~1 ms per signature, in runs of 16
// signers at once). A refusal comes back as plain data (code, detail, details): a SaksiError does
// not survive the trip between threads.
import type { ErrorCode } from '../../shared/errors';
import { decodeSignatureDataUrl, type DecodedSignature } from '../realtime/signature-image';
import { serveTasks } from './worker-runtime';

export type SignatureTaskResult =
  | { ok: true; value: DecodedSignature }
  | { ok: false; code: ErrorCode; detail: string; details?: string[] };

serveTasks(() => ({
  decodeSignature(dataUrl: string): SignatureTaskResult {
    const r = decodeSignatureDataUrl(dataUrl);
    if (r.ok) return r;
    return { ok: false, code: r.error.code, detail: r.error.message, ...(r.error.details ? { details: r.error.details } : {}) };
  },
}));
