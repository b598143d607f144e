// The stamping pool, started before the rest of the server is loaded. Each worker loads pdf-lib
// and fontkit and parses the fonts (about half a second of CPU) before it can render; started
// first, that overlaps this thread loading Express and Socket.IO, opening the store and making the
// seal identity (on a first start an RSA key and its PKCS#12 file), instead of following them, so
// the demo's originals start rendering as soon as the server can ask for them. The workers get
// the seal once it is known (setupFollows in worker-protocol.ts).
import type { SealIdentity } from './documents/certificates';
import type { Config } from './config';
import { createDocumentPool, type DocumentPool } from './workers/document-pool';

export interface EarlyDocumentPool {
  pool: DocumentPool;
  /** Hands the seal identity to the workers (once). */
  setSeal(seal: SealIdentity): void;
}

export function startDocumentPool(config: Pick<Config, 'stampWorkers' | 'stampTimeoutMs'>, log?: (message: string, error?: unknown) => void): EarlyDocumentPool {
  let setSeal!: (seal: SealIdentity) => void;
  const seal = new Promise<SealIdentity>((resolve) => (setSeal = resolve));
  return { pool: createDocumentPool({ size: config.stampWorkers, seal, stampTimeoutMs: config.stampTimeoutMs, log }), setSeal };
}
