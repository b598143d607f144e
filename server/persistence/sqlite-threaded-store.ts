// SQLite with its writes in a thread of their own (the default of `npm start`). better-sqlite3 is
// synchronous: a commit with synchronous=FULL holds the calling thread for its fsync (~3–6 ms on
// this machine, much more under load), and during a signing burst the commits, stamp-job claims
// and lease renewals held the main event loop for about a third of the burst. Here every write
// transaction runs in the writer thread (server/workers/sqlite-writer-worker.ts), one at a time
// and in the order they were asked for, with the same durability: a commit resolves only after
// its transaction (and fsync) completed there. Reads stay on the main thread's own connection:
// WAL readers never wait for the writer and see every transaction committed before they start.
// Until the writer thread is up (it starts in the background), writes run on the main connection,
// as they did before; a writer that cannot start leaves them there.
import type { Ceremony } from '../../shared/domain/types';
import type { DomainEvent } from '../domain/events';
import type { WorkerPool } from '../workers/worker-pool';
import type { CommitTaskResult } from '../workers/sqlite-writer-worker';
import { createSqliteWriterPool } from '../workers/sqlite-writer-pool';
import { openSqliteStore, type SqliteStore } from './sqlite-store';
import type { Attachments, CeremonyStore, Committed, NewCeremonyDocuments, StampJob } from './store-contract';
import { VersionConflictError } from './store-errors';

export interface ThreadedSqliteStoreOptions {
  log?: (message: string, error?: unknown) => void;
}

export function openThreadedSqliteStore(file: string, options: ThreadedSqliteStoreOptions = {}): ThreadedSqliteStore {
  // Schema, upgrades, lease reset and the first sweep: done here, before the writer opens the file.
  return new ThreadedSqliteStore(openSqliteStore(file), file, options);
}

export class ThreadedSqliteStore implements CeremonyStore {
  private readonly writer: WorkerPool;
  /** Set once the writer thread answered: from then on every write goes there, in order. */
  private writerUp = false;
  private closed = false;
  /** Resolves once the writer thread is up (true) or could not start (false). */
  readonly ready: Promise<boolean>;

  constructor(
    private readonly main: SqliteStore,
    file: string,
    private readonly options: ThreadedSqliteStoreOptions,
  ) {
    this.writer = createSqliteWriterPool(file, options.log);
    this.ready = this.writer.run('ping', null).then(
      () => (this.writerUp = !this.closed),
      (error) => {
        if (!this.closed) options.log?.('the SQLite writer thread did not start; writes stay on the main thread', error);
        return false;
      },
    );
  }

  /** True once writes run in the writer thread (for tests and benches). */
  get writerThread(): boolean {
    return this.writerUp;
  }

  /**
   * The write runs in the writer thread once it is up, else here (synchronously, as before). Its
   * bytes are copied, never moved: the caller keeps using them.
   */
  private write<T>(task: string, input: unknown, here: () => Promise<T>): Promise<T> {
    return this.writerUp ? this.writer.run<T>(task, input, { transfer: [] }) : here();
  }

  // Reads: the main thread's connection.
  listCeremonies = () => this.main.listCeremonies();
  hasCeremony = (id: string) => this.main.hasCeremony(id);
  loadCeremony = (id: string) => this.main.loadCeremony(id);
  version = (ceremonyId: string) => this.main.version(ceremonyId);
  getSignatures = (ceremonyId: string, agreementId: string) => this.main.getSignatures(ceremonyId, agreementId);
  getOriginal = (ceremonyId: string, agreementId: string) => this.main.getOriginal(ceremonyId, agreementId);
  getDocument = (ceremonyId: string, agreementId: string) => this.main.getDocument(ceremonyId, agreementId);
  findAgreementCeremonies = (agreementId: string) => this.main.findAgreementCeremonies(agreementId);
  findDocumentBySha256 = (sha: string) => this.main.findDocumentBySha256(sha);
  recentActivity = (ceremonyId: string, limit: number) => this.main.recentActivity(ceremonyId, limit);
  listAudit = (ceremonyId: string) => this.main.listAudit(ceremonyId);
  auditHead = (ceremonyId: string) => this.main.auditHead(ceremonyId);
  getRecordFile = (ceremonyId: string, name: string) => this.main.getRecordFile(ceremonyId, name);

  // Writes: the writer thread.
  createCeremony(ceremony: Ceremony, documents: NewCeremonyDocuments): Promise<number> {
    return this.write('createCeremony', { ceremony, documents }, () => this.main.createCeremony(ceremony, documents));
  }

  async commit(ceremonyId: string, expectedVersion: number, events: DomainEvent[], attachments?: Attachments): Promise<Committed> {
    if (!this.writerUp) return this.main.commit(ceremonyId, expectedVersion, events, attachments);
    const r = await this.writer.run<CommitTaskResult>('commit', { ceremonyId, expectedVersion, events, attachments }, { transfer: [] });
    if (!r.ok) throw new VersionConflictError(r.conflict.ceremonyId, r.conflict.expected, r.conflict.actual);
    return r.committed;
  }

  putRecordFile(ceremonyId: string, name: string, bytes: Uint8Array, sha256: string, at: string): Promise<boolean> {
    return this.write('putRecordFile', { ceremonyId, name, bytes, sha256, at }, () => this.main.putRecordFile(ceremonyId, name, bytes, sha256, at));
  }

  claimStampJobs(owner: string, limit: number, leaseMs: number, now: string): Promise<StampJob[]> {
    return this.write('claimStampJobs', { owner, limit, leaseMs, now }, () => this.main.claimStampJobs(owner, limit, leaseMs, now));
  }

  renewStampJobs(owner: string, jobs: ReadonlyArray<{ ceremonyId: string; agreementId: string }>, leaseMs: number, now: string): Promise<number> {
    const plain = jobs.map(({ ceremonyId, agreementId }) => ({ ceremonyId, agreementId }));
    return this.write('renewStampJobs', { owner, jobs: plain, leaseMs, now }, () => this.main.renewStampJobs(owner, jobs, leaseMs, now));
  }

  releaseStampJob(ceremonyId: string, agreementId: string, owner: string, retryAt: string): Promise<void> {
    return this.write('releaseStampJob', { ceremonyId, agreementId, owner, retryAt }, () => this.main.releaseStampJob(ceremonyId, agreementId, owner, retryAt));
  }

  sweepStampJobs(now: string): Promise<number> {
    return this.write('sweepStampJobs', now, () => this.main.sweepStampJobs(now));
  }

  sharedSecret(name: string, candidate: Uint8Array): Promise<Uint8Array> {
    return this.write('sharedSecret', { name, candidate }, () => this.main.sharedSecret(name, candidate));
  }

  /** Writes already asked for finish first (the writer runs them in order), then both handles close. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.writerUp) {
      await this.writer.run('close', null).catch((error) => this.options.log?.('closing the SQLite writer failed', error));
    }
    this.writerUp = false;
    await this.writer.close();
    await this.main.close();
  }
}
