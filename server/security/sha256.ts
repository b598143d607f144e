import { createHash } from 'node:crypto';

/** SHA-256 as lowercase hex: document fingerprints, evidence hashes, audit links. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
