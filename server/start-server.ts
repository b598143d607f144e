// Composition root shared by `npm start` and the tests: config → secrets → store → documents →
// app → listen → (demo seed). Returns a handle whose close() releases everything.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CeremonyStore } from './persistence/store-contract';
import { createApp, type App } from './app';
import type { Config } from './config';
import { importValidated } from './ceremony/import-ceremony';
import { prerenderOriginals } from './ceremony/prerender-originals';
import { validateRoster } from './roster/validate-roster';
import { loadOrCreateSealIdentity, writeSealP12IfMissing, type SealIdentity } from './documents/certificates';
import type { DocumentService } from './documents/types';
import { createMediaPlugin } from './media/media-plugin';
import type { ClusterParts } from './cluster/cluster-start';
import { DATABASE_FILE, openStore } from './persistence/open-store';
import { prepareDataDir, tightenDataDir } from './security/data-dir';
import { loadOrCreateSecrets } from './security/secrets';
import { buildDemoRoster } from './seed/demo-roster';
import { recordRoutes } from './http/record-routes';
import { createCeremonyRecord } from './ceremony/ceremony-record';
import { verifyRoutes } from './http/verify-routes';
import { tallyPageRoutes } from './http/tally-page';
import { verifyAssetRoutes } from './http/verify-assets';
import { publicUrlRoutes, publicUrlStatus, publicUrlWarning } from './http/public-url-check';
import { startDocumentPool, workersBesideMainThread, type EarlyDocumentPool } from './early-document-pool';
import { PdfVerifier } from './workers/pdf-verifier';

/** Inflated bytes an uploaded PDF's compressed streams may reach before it is "too complex". */
const VERIFY_INFLATE_BUDGET_BYTES = 64 * 1024 * 1024;

export interface StartedServer {
  app: App;
  url: string;
  /** The demo ceremony's id when it was created on this start (unset with `seedInBackground`). */
  seededCeremonyId?: string;
  /** Settles when the demo ceremony is created (its id), or at once when none is seeded. */
  seeding: Promise<string | undefined>;
  close(): Promise<void>;
}

export { DATABASE_FILE };

/** dist/client, from server/ (TypeScript sources) or from the bundle in dist/server/ (`npm start`). */
export const DEFAULT_CLIENT_DIR = resolve(fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../dist/client' : '../client', import.meta.url)));

export async function startServer(
  config: Config,
  options: {
    env?: NodeJS.ProcessEnv;
    clientDir?: string;
    log?: (m: string, e?: unknown) => void;
    media?: boolean;
    /** Resolve once the server listens, not once the demo is seeded (`npm start`: the first page is not held up). */
    seedInBackground?: boolean;
    /** The stamping pool when the caller started it already (`npm start` does, before loading this module). */
    documentPool?: EarlyDocumentPool;
  } = {},
): Promise<StartedServer> {
  const warn = options.log ?? ((message: string) => console.warn(`[saksi] ${message}`));
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[saksi] ${message}`, error ?? ''));
  // The stamping workers render, stamp and seal. They start first and load while the store opens
  // and the seal is made (early-document-pool.ts); this thread's own document service (fontkit,
  // pdf-lib) is loaded only if something in process asks for a document.
  const early = options.documentPool ?? startDocumentPool(config, log, workersBesideMainThread());
  const documentPool = early.pool;
  // On an empty DATA_DIR the demo's originals render from now on, while the store opens and the
  // seal is made (the workers render before they have the seal); the seed below takes them.
  const demo = config.seedDemo ? validateRoster(buildDemoRoster()) : undefined;
  const demoDocuments =
    demo?.ok && !config.cluster && !existsSync(join(config.dataDir, DATABASE_FILE)) ? prerenderOriginals(documentPool, demo.roster, documentPool.size * 2) : documentPool;
  let opened: Awaited<ReturnType<typeof openParts>>;
  try {
    opened = await openParts(config, warn, log);
  } catch (error) {
    await documentPool.close();
    throw error;
  }
  const { cluster, parts: { store, secrets, seal, link } } = opened;
  early.setSeal(seal);
  const documents = inProcessDocuments(seal);
  const verifier = new PdfVerifier({ seal, ...config.verify, inflateBudgetBytes: VERIFY_INFLATE_BUDGET_BYTES, log });
  const env = options.env ?? process.env;
  const app = createApp({
    store,
    documents,
    documentPool,
    secrets,
    clientDir: options.clientDir ?? DEFAULT_CLIENT_DIR,
    publicUrl: config.publicUrl,
    inviteTtlSeconds: config.inviteTtlSeconds,
    tallyIntervalMs: config.tallyIntervalMs,
    limits: config.limits,
    stampRetryMs: config.stampRetryMs,
    // A claimed stamp job is this node's for twice the time one stamp may take.
    stampLeaseMs: config.stampLeaseMs,
    nodeId: config.nodeId,
    cluster: link,
    log,
    plugins: ({ io, service }) =>
      options.media === false ? [] : [createMediaPlugin({ io, env, getCeremony: (id) => service.ceremony(id) })],
    routes: (ctx) => {
      // Cluster mode: one node renders each version of a ceremony's record.
      const claimBuild = cluster ? (ceremonyId: string, version: number) => cluster.claimOnce(store, `record-build:${ceremonyId}:${version}`, config.nodeId) : undefined;
      const record = createCeremonyRecord({ ...ctx, claimBuild });
      ctx.onClose(() => record.close());
      return [publicUrlRoutes(ctx, config.publicUrl), verifyAssetRoutes(), verifyRoutes(ctx, seal, verifier), recordRoutes(ctx, record), tallyPageRoutes(ctx, options.clientDir ?? DEFAULT_CLIENT_DIR)];
    },
  });
  let url: string;
  try {
    url = await app.listen(config.port, config.host);
  } catch (error) {
    await app.close();
    await Promise.all([documentPool.close(), verifier.close()]);
    await link?.close();
    await store.close();
    throw error;
  }
  const publicUrlProblem = publicUrlWarning(publicUrlStatus(config.publicUrl, url));
  if (publicUrlProblem) app.log(publicUrlProblem);
  // The demo's 196 originals render in the workers while the server already answers.
  const seeding: Promise<string | undefined> = demo
    ? seedDemoIfEmpty(store, cluster ? () => cluster.claimDemoSeed(store, config.nodeId) : async () => true, async () => {
        const result = await importValidated({ store, documents: demoDocuments, now: app.now, renderConcurrency: documentPool.size * 2 }, demo);
        if (!result.ok) throw result.error;
        return result.value.id;
      })
    : Promise.resolve(undefined);
  // Once the demo is seeded (or at once when there is none to seed), and after whoever awaits
  // `seeding` has reported it (a macrotask later: `npm start` prints "demo ceremony created"):
  // - the stamping workers left out so far (early-document-pool.ts) start: on two cores a second
  //   worker loading pdf-lib and fontkit while the first renders the originals cost ~0.9 s of CPU
  //   (its own load, and V8 compiling the rendering code a second time) for the few it took over;
  // - the signature worker starts, if there is a ceremony to sign: otherwise it would load at the
  //   first drawn signature, in the middle of the burst;
  // - the generated seal's PKCS#12 copy for other tools is written (certificates.ts; forge's
  //   PKCS#12 holds this thread for ~0.1 s).
  let closing = false;
  const afterSeeding = seeding
    .catch(() => undefined)
    .then((seeded) => new Promise<string | undefined>((resolve) => setImmediate(() => resolve(seeded))))
    .then(async (seeded) => {
      if (closing) return;
      documentPool.startAll();
      if (!cluster && !config.sealP12Path) {
        try {
          writeSealP12IfMissing(config.dataDir);
        } catch (error) {
          log('seal.p12 not written', error);
        }
      }
      if (seeded !== undefined || (await store.listCeremonies()).length > 0) {
        if (!closing) app.realtime.startSignatureWorker();
      }
    })
    .catch((error: unknown) => {
      if (!closing) log('start-up: starting the remaining workers failed', error);
    });
  let seededCeremonyId: string | undefined;
  if (!options.seedInBackground) seededCeremonyId = await seeding;
  else seeding.catch(() => {}); // the caller awaits `seeding` and reports its failure
  return {
    app,
    url,
    seededCeremonyId,
    seeding,
    async close() {
      closing = true;
      await app.close();
      await Promise.all([documentPool.close(), verifier.close()]);
      // A seed still rendering fails with the pool; it must not write into a closed store.
      await seeding.catch(() => {});
      await afterSeeding;
      await link?.close();
      await store.close();
    },
  };
}

/** Store, secrets and seal: cluster mode's (its modules, node-postgres and redis, ~0.3 s of CPU to load, only when asked for) or the embedded default. */
async function openParts(config: Config, warn: (m: string) => void, log: (m: string, e?: unknown) => void) {
  const cluster = config.cluster ? await import('./cluster/cluster-start') : undefined;
  const parts: ClusterParts = config.cluster && cluster
    ? await cluster.openClusterParts(config.cluster, { ...config, log })
    : await openEmbeddedParts(config, warn);
  return { cluster, parts };
}

/** A document service on this thread, loaded at its first use (it is not needed to start). */
function inProcessDocuments(seal: SealIdentity): DocumentService {
  let service: Promise<DocumentService> | undefined;
  const load = () =>
    (service ??= Promise.all([import('./documents/document-service'), import('./documents/seal')]).then(([documents, sealing]) =>
      documents.createDocumentService({ sealer: sealing.createSealer(seal) }),
    ));
  return {
    renderAgreement: async (input) => (await load()).renderAgreement(input),
    finalizeAgreement: async (input) => (await load()).finalizeAgreement(input),
  };
}

/**
 * Seeds the demo only into an empty store; nodes of a cluster starting together: only the one
 * that wins the once-flag seeds.
 */
async function seedDemoIfEmpty(store: CeremonyStore, claim: () => Promise<boolean>, seed: () => Promise<string>): Promise<string | undefined> {
  if ((await store.listCeremonies()).length > 0) return undefined;
  if (!(await claim())) return undefined;
  return seed();
}

/** The embedded default: SQLite and secrets in DATA_DIR, exactly as before cluster mode. */
async function openEmbeddedParts(config: Config, warn: (m: string) => void): Promise<ClusterParts> {
  prepareDataDir(config.dataDir, join(config.dataDir, DATABASE_FILE), warn);
  // On a first start the seal's two RSA keys are made on libuv's threads while this one opens the store.
  const sealing = loadOrCreateSealIdentity({
    dataDir: config.dataDir,
    p12Path: config.sealP12Path,
    p12Passphrase: config.sealP12Passphrase,
  });
  sealing.catch(() => {}); // awaited below, unless opening the store throws first
  const secrets = loadOrCreateSecrets(config.dataDir, config.organizerToken);
  const store = openStore(config.dataDir);
  let seal: SealIdentity;
  try {
    seal = await sealing;
  } catch (error) {
    await store.close();
    throw error;
  }
  // The seal's key and certificates were just written by code that does not know about modes.
  tightenDataDir(config.dataDir);
  return { store, secrets, seal };
}
