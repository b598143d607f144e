// The stamping pool, started before the rest of the server is loaded. Each worker loads pdf-lib
// and fontkit and parses the fonts (about half a second of CPU) before it can render. At first
// only the workers that fit beside the main thread start (one on two cores): they load on the
// core the main thread leaves idle while it loads Express and Socket.IO, opens the store and
// makes the seal identity (on a first start an RSA key and its PKCS#12 file), so on an idle
// machine it listens no later than before; the others start once the demo is seeded, or as soon
// as it listens when there is none to seed (pool.startAll(), start-server.ts): a worker started
// while the originals render spends more CPU loading than it saves. Originals render before the
// seal is known; the workers get it once it is (setupFollows in worker-protocol.ts). (On a machine
// busy with other work the early workers share the process's CPU with the main thread: it listens
// later.)
import { availableParallelism } from 'node:os';
import type { SealIdentity } from './documents/certificates';
import type { Config } from './config';
import { createDocumentPool, type DocumentPool } from './workers/document-pool';

export interface EarlyDocumentPool {
  pool: DocumentPool;
  /** Hands the seal identity to the workers (once). */
  setSeal(seal: SealIdentity): void;
}

export function startDocumentPool(
  config: Pick<Config, 'stampWorkers' | 'stampTimeoutMs' | 'stampPriority'>,
  log?: (message: string, error?: unknown) => void,
  /** Workers to start now (the rest at pool.startAll(): start-server.ts calls it once the demo is seeded); all when absent. */
  initialSize?: number,
): EarlyDocumentPool {
  let provide!: (seal: SealIdentity) => void;
  const seal = new Promise<SealIdentity>((resolve) => (provide = resolve));
  const pool = createDocumentPool({ size: config.stampWorkers, seal, stampTimeoutMs: config.stampTimeoutMs, initialSize, threadPriority: config.stampPriority, log });
  return {
    pool,
    setSeal: provide,
  };
}

/** Workers that can load beside a busy main thread without slowing it: one fewer than the cores. */
export const workersBesideMainThread = (): number => Math.max(1, availableParallelism() - 1);
