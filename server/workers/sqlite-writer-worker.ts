// The SQLite writer thread's task module: it holds its own connection to the ceremony database
// (WAL, synchronous=FULL) and runs every write transaction of the store — commits with their
// fsync, stamp-job claims and renewals, imports — so that the main event loop, where every socket
// lives, never waits on the disk. Reads stay on the main thread's connection (WAL readers do not
// wait for the writer). Refusals the layer above handles by meaning come back as data: an Error
// subclass does not survive the trip between threads.
import type { Ceremony } from '../../shared/domain/types';
import type { DomainEvent } from '../domain/events';
import { openSqliteWriter, type SqliteStore } from '../persistence/sqlite-store';
import type { Attachments, Committed, NewCeremonyDocuments } from '../persistence/store-contract';
import { VersionConflictError } from '../persistence/store-errors';
import { serveTasks } from './worker-runtime';

export interface SqliteWriterSetup {
  file: string;
}

export type CommitTaskResult = { ok: true; committed: Committed } | { ok: false; conflict: { ceremonyId: string; expected: number; actual: number } };

serveTasks((setup: SqliteWriterSetup) => {
  let store: SqliteStore | undefined = openSqliteWriter(setup.file);
  const open = () => {
    if (!store) throw new Error('the SQLite writer is closed');
    return store;
  };
  return {
    async commit(input: { ceremonyId: string; expectedVersion: number; events: DomainEvent[]; attachments?: Attachments }): Promise<CommitTaskResult> {
      try {
        return { ok: true, committed: await open().commit(input.ceremonyId, input.expectedVersion, input.events, input.attachments) };
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        return { ok: false, conflict: { ceremonyId: error.ceremonyId, expected: error.expected, actual: error.actual } };
      }
    },
    createCeremony: (input: { ceremony: Ceremony; documents: NewCeremonyDocuments }) => open().createCeremony(input.ceremony, input.documents),
    claimStampJobs: (input: { owner: string; limit: number; leaseMs: number; now: string }) =>
      open().claimStampJobs(input.owner, input.limit, input.leaseMs, input.now),
    renewStampJobs: (input: { owner: string; jobs: Array<{ ceremonyId: string; agreementId: string }>; leaseMs: number; now: string }) =>
      open().renewStampJobs(input.owner, input.jobs, input.leaseMs, input.now),
    releaseStampJob: (input: { ceremonyId: string; agreementId: string; owner: string; retryAt: string }) =>
      open().releaseStampJob(input.ceremonyId, input.agreementId, input.owner, input.retryAt),
    sweepStampJobs: (now: string) => open().sweepStampJobs(now),
    putRecordFile: (input: { ceremonyId: string; name: string; bytes: Uint8Array; sha256: string; at: string }) =>
      open().putRecordFile(input.ceremonyId, input.name, input.bytes, input.sha256, input.at),
    sharedSecret: (input: { name: string; candidate: Uint8Array }) => open().sharedSecret(input.name, input.candidate),
    ping: () => true,
    async close() {
      await store?.close();
      store = undefined;
      return true;
    },
  };
});
