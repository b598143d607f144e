// What the ceremony needs from storage, asynchronous so that SQLite (embedded default) and
// PostgreSQL (cluster mode, several nodes) implement the same contract. Nothing above the store
// knows which one it runs on.
//
// Versions: a ceremony's version is its audit chain's head `n` (0 before the first event; the
// `ceremony.created` link makes it 1). Every state change is a compare-and-set on it: commit()
// applies events only if the stored head still equals `expectedVersion`, inside one transaction
// with the rows it changes; otherwise it throws VersionConflictError and changes nothing. Two
// nodes can therefore never both apply a command to the same state: the loser reloads, re-applies
// and retries. Each write is also guarded in SQL by the row's own status (a stale node cannot
// reopen a closed ceremony or call an agreement that is already signed).
import type { Ceremony, SignatureRecord } from '../../shared/domain/types';
import type { ActivityItem } from '../../shared/protocol/views';
import type { SignatureEvidence } from '../domain/commands';
import type { DomainEvent } from '../domain/events';
import type { AuditRow } from './audit-chain';

export interface CeremonySummary {
  id: string;
  title: string;
  startsAt: string;
  phase: Ceremony['phase'];
  createdAt: string;
  agreements: number;
}

export interface LoadedCeremony {
  ceremony: Ceremony;
  inviteEpochs: Map<string, number>;
  /** The audit head `n` the loaded state corresponds to. */
  version: number;
}

export interface NewCeremonyDocuments {
  /** agreementId → the unsigned PDF rendered at import. */
  originals: Map<string, { pdf: Uint8Array; sha256: string }>;
}

/** Binary payloads that travel beside domain events (the events themselves stay small). */
export interface Attachments {
  /** `${agreementId}/${partyId}` → PNG bytes of a drawn signature. */
  signatureImages?: Map<string, Uint8Array>;
  /** agreementId → final (stamped, sealed) PDF. */
  documents?: Map<string, Uint8Array>;
  /**
   * `${agreementId}/${partyId}` → the signer's plain IP address. Kept beside the signature in a
   * private column, never in the audit chain (which the public record carries).
   */
  signerAddresses?: Map<string, string>;
  /** officialId → PNG bytes of an official's drawn signature on the Berita Acara (kept as record file `pejabat/<id>.png`). */
  officialSignatureImages?: Map<string, Uint8Array>;
}

export interface StoredSignature {
  record: SignatureRecord;
  evidence: SignatureEvidence;
  /** The plain IP address: for the organizer's audit view only (absent on rows from before it was kept). */
  ipAddress?: string;
  image?: Uint8Array;
}

export interface StoredDocument {
  pdf: Uint8Array;
  sha256: string;
  final: boolean;
  originalSha256: string;
}

export interface Committed {
  /** The ceremony's version after the commit (= expectedVersion + events.length). */
  version: number;
  /**
   * Feed items of the committed events, one per event in the events' order (item i has seq
   * expectedVersion + 1 + i): the service splits a group commit's items back to its commands.
   */
  activity: ActivityItem[];
}

/**
 * A stamp (and seal) job. Created in the same transaction that stores `agreement.signed`, removed
 * by the one that stores `agreement.stamped`, parked by `agreement.stampFailed`, unparked by
 * `agreement.stampRetried`. A claim is a short lease that its node renews while it works on the
 * job: a job whose lease ran out (its node died or stalled) is claimed again by any node; the
 * stamp itself is guarded by the agreement's status, so a job that runs twice can never stamp twice.
 */
export interface StampJob {
  ceremonyId: string;
  agreementId: string;
  /** Claims so far, this one included. */
  attempt: number;
  leaseOwner: string;
  leaseUntil: string;
}

export interface CeremonyStore {
  listCeremonies(): Promise<CeremonySummary[]>;
  hasCeremony(id: string): Promise<boolean>;
  loadCeremony(id: string): Promise<LoadedCeremony | undefined>;
  /** The current version (audit head n) without loading the ceremony; 0 when unknown. */
  version(ceremonyId: string): Promise<number>;
  /** Writes a whole ceremony in one transaction, with its first audit event; returns its version (1). */
  createCeremony(ceremony: Ceremony, documents: NewCeremonyDocuments): Promise<number>;
  /**
   * Persists events (and their audit links) atomically if the stored version equals
   * `expectedVersion`; throws VersionConflictError (changing nothing) if it does not. The events
   * may be several commands' (group commit): event i becomes audit link expectedVersion + 1 + i,
   * and the attachments of all of them arrive merged (their keys never collide).
   */
  commit(ceremonyId: string, expectedVersion: number, events: DomainEvent[], attachments?: Attachments): Promise<Committed>;
  getSignatures(ceremonyId: string, agreementId: string): Promise<StoredSignature[]>;
  getOriginal(ceremonyId: string, agreementId: string): Promise<{ pdf: Uint8Array; sha256: string } | undefined>;
  getDocument(ceremonyId: string, agreementId: string): Promise<StoredDocument | undefined>;
  /** Which ceremonies hold an agreement with this id (ids are unique per ceremony only). */
  findAgreementCeremonies(agreementId: string): Promise<string[]>;
  findDocumentBySha256(sha256: string): Promise<{ ceremonyId: string; agreementId: string } | undefined>;
  recentActivity(ceremonyId: string, limit: number): Promise<ActivityItem[]>;
  listAudit(ceremonyId: string): Promise<AuditRow[]>;
  auditHead(ceremonyId: string): Promise<{ n: number; hash: string }>;
  /** Stores a record file unless one of that name exists; true if this call stored it (built once). */
  putRecordFile(ceremonyId: string, name: string, bytes: Uint8Array, sha256: string, at: string): Promise<boolean>;
  getRecordFile(ceremonyId: string, name: string): Promise<{ bytes: Uint8Array; sha256: string } | undefined>;

  /** Claims up to `limit` due, unparked, unleased (or lease-expired) stamp jobs for `owner`. */
  claimStampJobs(owner: string, limit: number, leaseMs: number, now: string): Promise<StampJob[]>;
  /**
   * Extends the leases `owner` still holds on these jobs to `now + leaseMs` (its heartbeat while it
   * works on them); a job another node has claimed since stays that node's. Returns how many were renewed.
   */
  renewStampJobs(owner: string, jobs: ReadonlyArray<{ ceremonyId: string; agreementId: string }>, leaseMs: number, now: string): Promise<number>;
  /** Gives a claimed job back after a failed attempt, due again at `retryAt`. */
  releaseStampJob(ceremonyId: string, agreementId: string, owner: string, retryAt: string): Promise<void>;
  /** Creates jobs for agreements that are signed, not stamped, not parked and have none; returns how many. */
  sweepStampJobs(now: string): Promise<number>;

  /**
   * A named secret shared by every node: returns the stored value, or stores `candidate` if none
   * exists yet (the first node to start wins, the others read its value). The value is stored as
   * given; callers encrypt what must not sit in the database in clear.
   */
  sharedSecret(name: string, candidate: Uint8Array): Promise<Uint8Array>;

  close(): Promise<void>;
}
