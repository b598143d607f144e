// createApp(deps): wires HTTP routes, Socket.IO and the stamping queue around one ceremony
// service. It owns no globals; close() stops every timer, queue and socket it started.
// Work owed from before a restart (agreements signed but not stamped) is queued only once the
// server listens, so /api/health and every client are answered while it runs.
import express from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CeremonyService } from './ceremony/ceremony-service';
import { Invites } from './ceremony/invites';
import { DocumentIntegrity } from './ceremony/document-integrity';
import { StampQueue } from './ceremony/stamp-queue';
import type { DocumentService } from './documents/types';
import type { DocumentPool } from './workers/document-pool';
import { ceremonyRoutes } from './http/ceremony-routes';
import { documentRoutes } from './http/document-routes';
import { createErrorHandler, notFound, rejectMalformedPaths } from './http/http-errors';
import { securityHeaders } from './http/security-headers';
import { credentialSlowdown, rateLimit } from './http/rate-limit';
import { CredentialGuard } from './limits/credential-guard';
import { DEFAULT_LIMITS, type Limits } from './limits/limits';
import { TokenBuckets } from './limits/token-buckets';
import { staticClient } from './http/static-client';
import type { CeremonyStore } from './persistence/store-contract';
import { createRealtime, type Realtime } from './realtime/realtime';
import type { RealtimePlugin, SaksiServer } from './realtime/types';
import type { Secrets } from './security/secrets';
import type { ClusterLink } from './cluster/cluster-link';

export interface AppDeps {
  store: CeremonyStore;
  /** In-process documents (fonts parsed only if used); imports render in `documentPool`. */
  documents: DocumentService;
  /** Stamping, sealing and the record, in worker threads; the stamp queue runs one job per worker. */
  documentPool: DocumentPool;
  secrets: Secrets;
  clientDir: string;
  publicUrl?: string;
  inviteTtlSeconds: number;
  tallyIntervalMs: number;
  /** Rate limits, backpressure, sync cache, presence debounce (DEFAULT_LIMITS when absent). */
  limits?: Limits;
  /** First retry delay of a failed stamp job. */
  stampRetryMs?: number;
  /** How long a claimed stamp job stays this node's (2× the stamp time limit). */
  stampLeaseMs?: number;
  /** Names this node in stamp-job leases and in /api/health (cluster mode). */
  nodeId?: string;
  /** Cluster mode: the Redis adapter and the messages between nodes. */
  cluster?: ClusterLink;
  now?: () => string;
  log?: (message: string, error?: unknown) => void;
  /** Features on the same socket, e.g. media signaling; built once the io server exists. */
  plugins?: (ctx: { io: SaksiServer; service: CeremonyService }) => RealtimePlugin[];
  /** Extra HTTP routes (verification, records), mounted before the client. */
  routes?: (ctx: AppContext) => express.Router[];
}

export interface AppContext {
  service: CeremonyService;
  store: CeremonyStore;
  documents: DocumentService;
  documentPool: DocumentPool;
  integrity: DocumentIntegrity;
  invites: Invites;
  stampQueue: StampQueue;
  baseUrl: () => string;
  now: () => string;
  organizerToken: string;
  log: (message: string, error?: unknown) => void;
  /** Registers cleanup for something built around the app (closed first, in reverse order). */
  onClose(dispose: () => Promise<void> | void): void;
}

export interface App extends AppContext {
  httpServer: HttpServer;
  realtime: Realtime;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export function createApp(deps: AppDeps): App {
  const now = deps.now ?? (() => new Date().toISOString());
  const log = deps.log ?? ((message, error) => console.error(`[saksi] ${message}`, error ?? ''));
  let listenUrl = 'http://localhost:3000';
  const baseUrl = () => deps.publicUrl ?? listenUrl;

  const service = new CeremonyService({ store: deps.store, now, log, commitBatch: (deps.limits ?? DEFAULT_LIMITS).commitBatch });
  const invites = new Invites({
    service,
    inviteSecret: deps.secrets.inviteSecret,
    organizerToken: deps.secrets.organizerToken,
    ttlSeconds: deps.inviteTtlSeconds,
    baseUrl,
    nowMs: () => Date.parse(now()),
  });
  const stampQueue = new StampQueue({
    service,
    store: deps.store,
    documents: deps.documentPool,
    publicUrl: baseUrl,
    concurrency: deps.documentPool.size,
    retryDelayMs: deps.stampRetryMs,
    leaseMs: deps.stampLeaseMs,
    owner: deps.nodeId,
    now,
    log,
  });
  // A fully signed agreement goes to the stamping queue once its signature is stored; a parked
  // one goes back when an organizer retries it.
  const unsubscribe = service.subscribe(({ ceremonyId, events }) => {
    for (const e of events) {
      if (e.type === 'agreement.signed' || e.type === 'agreement.stampRetried') stampQueue.enqueue(ceremonyId, e.agreementId);
    }
  });
  const integrity = new DocumentIntegrity({ store: deps.store, service, log });

  const disposers: Array<() => Promise<void> | void> = [];
  const ctx: AppContext = {
    onClose: (dispose) => disposers.push(dispose),
    service,
    store: deps.store,
    documents: deps.documents,
    documentPool: deps.documentPool,
    integrity,
    invites,
    stampQueue,
    baseUrl,
    now,
    organizerToken: deps.secrets.organizerToken,
    log,
  };

  const limits = deps.limits ?? DEFAULT_LIMITS;
  const credentials = new CredentialGuard(limits.credentialFailures);

  const web = express();
  web.disable('x-powered-by');
  web.set('trust proxy', 'loopback');
  web.use(securityHeaders());
  web.use(rejectMalformedPaths(log));
  // Limits first, before any body is read or any work is done.
  web.use(rateLimit(new TokenBuckets(limits.httpRequests)));
  web.use(credentialSlowdown(credentials));
  web.post(['/api/verify', '/verify'], rateLimit(new TokenBuckets(limits.verifyUploads)));
  const heavy = rateLimit(new TokenBuckets(limits.heavyRequests));
  web.get(['/verify/:ceremonyId/:agreementId', '/api/ceremonies/:id/berita-acara.pdf', '/api/ceremonies/:id/record.zip'], heavy);
  web.post('/api/ceremonies', heavy);
  web.get('/api/health', (_req, res, next) => {
    deps.store.listCeremonies().then((ceremonies) => res.json({ ok: true, time: now(), ceremonies: ceremonies.length, stampQueue: stampQueue.size, ...(deps.nodeId ? { node: deps.nodeId } : {}) }), next);
  });
  web.use(
    ceremonyRoutes({
      store: deps.store,
      // Originals render in the stamping workers, two per worker in flight, not on this loop.
      documents: deps.documentPool,
      renderConcurrency: deps.documentPool.size * 2,
      now,
      service,
      invites,
      organizerToken: deps.secrets.organizerToken,
      onImported: (c) => stampQueue.resume(c.id),
    }),
  );
  web.use(documentRoutes({ store: deps.store, integrity }));
  for (const router of deps.routes?.(ctx) ?? []) web.use(router);
  web.use(staticClient(deps.clientDir, deps.store));
  web.use(notFound);
  web.use(createErrorHandler(log));

  const httpServer = createServer(web);
  const realtime = createRealtime({
    httpServer,
    service,
    store: deps.store,
    organizerToken: deps.secrets.organizerToken,
    inviteSecret: deps.secrets.inviteSecret,
    evidenceKey: deps.secrets.evidenceKey,
    tallyIntervalMs: deps.tallyIntervalMs,
    limits,
    credentials,
    now,
    inviteLink: (ceremonyId, roomId) => invites.roomLink(ceremonyId, roomId),
    log,
    cluster: deps.cluster,
  });
  for (const plugin of deps.plugins?.({ io: realtime.io, service }) ?? []) realtime.addPlugin(plugin);

  return {
    ...ctx,
    httpServer,
    realtime,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          listenUrl = `http://${shownHost}:${address.port}`;
          resolve(listenUrl);
          // Agreements signed before a crash or restart but not yet stamped are queued now that
          // the server answers; the jobs themselves run in the stamping workers.
          setImmediate(() => stampQueue.start());
        });
      });
    },
    async close() {
      for (const dispose of disposers.splice(0).reverse()) await dispose();
      unsubscribe();
      await realtime.close();
      await stampQueue.close();
      integrity.close();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
    },
  };
}
