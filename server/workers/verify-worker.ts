// The verification pool's task module: an uploaded PDF (anyone's bytes) is hashed and its seal
// checked here, in a worker with a memory cap and a time limit, never on the main event loop.
// The inflate budget runs first, so a compressed bomb is refused in milliseconds; an error named
// InflateBudgetExceeded reaches the pool as the task's errorName.
import { checkInflateBudget } from '../documents/inflate-budget';
import { verifySealedPdf, type SealVerification } from '../documents/verify';
import { sha256Hex } from '../security/sha256';
import { serveTasks } from './worker-runtime';

export interface VerifyWorkerSetup {
  /** The platform seal's certificate fingerprint, to tell its seals from others'. */
  fingerprintSha256: string;
  /** Inflated bytes allowed across the file's compressed streams. */
  inflateBudgetBytes: number;
}

export interface PdfCheck {
  sha256: string;
  size: number;
  seal: SealVerification;
}

serveTasks((setup: VerifyWorkerSetup) => ({
  async checkPdf(bytes: Uint8Array): Promise<PdfCheck> {
    const sha256 = sha256Hex(bytes);
    checkInflateBudget(bytes, setup.inflateBudgetBytes);
    const seal = await verifySealedPdf(bytes, { certificate: { fingerprintSha256: setup.fingerprintSha256 } });
    return { sha256, size: bytes.byteLength, seal };
  },
}));
