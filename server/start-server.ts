// Composition root shared by `npm start` and the tests: config → secrets → store → documents →
// app → listen → (demo seed). Returns a handle whose close() releases everything.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, type App } from './app';
import type { Config } from './config';
import { importRoster } from './ceremony/import-ceremony';
import { createDocumentService } from './documents/document-service';
import { loadOrCreateSealIdentity } from './documents/certificates';
import { createSealer } from './documents/seal';
import { createMediaPlugin } from './media/media-plugin';
import { claimDemoSeed, claimOnce, openClusterParts, type ClusterParts } from './cluster/cluster-start';
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
import { createDocumentPool } from './workers/document-pool';
import { PdfVerifier } from './workers/pdf-verifier';

/** Inflated bytes an uploaded PDF's compressed streams may reach before it is "too complex". */
const VERIFY_INFLATE_BUDGET_BYTES = 64 * 1024 * 1024;

export interface StartedServer {
  app: App;
  url: string;
  /** The demo ceremony's id when it was created on this start. */
  seededCeremonyId?: string;
  close(): Promise<void>;
}

export { DATABASE_FILE };

export const DEFAULT_CLIENT_DIR = resolve(fileURLToPath(new URL('../dist/client', import.meta.url)));

export async function startServer(
  config: Config,
  options: { env?: NodeJS.ProcessEnv; clientDir?: string; log?: (m: string, e?: unknown) => void; media?: boolean } = {},
): Promise<StartedServer> {
  const warn = options.log ?? ((message: string) => console.warn(`[saksi] ${message}`));
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[saksi] ${message}`, error ?? ''));
  const { store, secrets, seal, link } = config.cluster
    ? await openClusterParts(config.cluster, { ...config, log })
    : await openEmbeddedParts(config, warn);
  const documents = createDocumentService({ sealer: createSealer(seal) });
  // Parse the fonts now (2–3 s with the CJK face), not during the first import. The stamping
  // workers parse their own copies in parallel, off this thread.
  documents.fonts.preload();
  const documentPool = createDocumentPool({ size: config.stampWorkers, seal, stampTimeoutMs: config.stampTimeoutMs, log });
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
    stampLeaseMs: config.stampTimeoutMs * 2,
    nodeId: config.nodeId,
    cluster: link,
    log,
    plugins: ({ io, service }) =>
      options.media === false ? [] : [createMediaPlugin({ io, env, getCeremony: (id) => service.ceremony(id) })],
    routes: (ctx) => {
      // Cluster mode: one node renders each version of a ceremony's record.
      const claimBuild = config.cluster ? (ceremonyId: string, version: number) => claimOnce(store, `record-build:${ceremonyId}:${version}`, config.nodeId) : undefined;
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
  let seededCeremonyId: string | undefined;
  // Nodes of a cluster starting together: only the one that wins the once-flag seeds.
  if (config.seedDemo && (await store.listCeremonies()).length === 0 && (!config.cluster || (await claimDemoSeed(store, config.nodeId)))) {
    const result = await importRoster(app, buildDemoRoster());
    if (!result.ok) throw result.error;
    seededCeremonyId = result.value.id;
  }
  return {
    app,
    url,
    seededCeremonyId,
    async close() {
      await app.close();
      await Promise.all([documentPool.close(), verifier.close()]);
      await link?.close();
      await store.close();
    },
  };
}

/** The embedded default: SQLite and secrets in DATA_DIR, exactly as before cluster mode. */
async function openEmbeddedParts(config: Config, warn: (m: string) => void): Promise<ClusterParts> {
  prepareDataDir(config.dataDir, join(config.dataDir, DATABASE_FILE), warn);
  const secrets = loadOrCreateSecrets(config.dataDir, config.organizerToken);
  const store = openStore(config.dataDir);
  const seal = await loadOrCreateSealIdentity({
    dataDir: config.dataDir,
    p12Path: config.sealP12Path,
    p12Passphrase: config.sealP12Passphrase,
  });
  // The seal's key and certificates were just written by code that does not know about modes.
  tightenDataDir(config.dataDir);
  return { store, secrets, seal };
}
