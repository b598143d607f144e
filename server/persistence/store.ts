// What the ceremony needs from storage. The SQLite implementation is the only one shipped;
// unit tests use it on ':memory:'.
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
  /** officialId → PNG bytes of an official's drawn signature on the Berita Acara. */
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

export interface CeremonyStore {
  listCeremonies(): CeremonySummary[];
  hasCeremony(id: string): boolean;
  loadCeremony(id: string): LoadedCeremony | undefined;
  /** Writes a whole ceremony in one transaction, with its first audit event. */
  createCeremony(ceremony: Ceremony, documents: NewCeremonyDocuments): void;
  /** Persists events (and their audit links) atomically; returns their feed items. */
  commit(ceremonyId: string, events: DomainEvent[], attachments?: Attachments): ActivityItem[];
  getSignatures(ceremonyId: string, agreementId: string): StoredSignature[];
  getOriginal(ceremonyId: string, agreementId: string): { pdf: Uint8Array; sha256: string } | undefined;
  getDocument(ceremonyId: string, agreementId: string): StoredDocument | undefined;
  /** Which ceremonies hold an agreement with this id (ids are unique per ceremony only). */
  findAgreementCeremonies(agreementId: string): string[];
  findDocumentBySha256(sha256: string): { ceremonyId: string; agreementId: string } | undefined;
  recentActivity(ceremonyId: string, limit: number): ActivityItem[];
  listAudit(ceremonyId: string): AuditRow[];
  auditHead(ceremonyId: string): { n: number; hash: string };
  putRecordFile(ceremonyId: string, name: string, bytes: Uint8Array, sha256: string, at: string): void;
  getRecordFile(ceremonyId: string, name: string): { bytes: Uint8Array; sha256: string } | undefined;
  close(): void;
}
