// Ceremony domain types shared by client and server. Instants are UTC ISO-8601 strings;
// rupiah values are integer numbers of rupiah (the whole event is 1.5e12, far below 2^53).

export const PARTY_KINDS = ['PMA', 'PMDN', 'UMKM'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

export const TIME_ZONES = ['WIB', 'WITA', 'WIT'] as const;
export type TimeZoneName = (typeof TIME_ZONES)[number];

export const CEREMONY_PHASES = ['draft', 'lobby', 'signing', 'closed'] as const;
export type CeremonyPhase = (typeof CEREMONY_PHASES)[number];

/** pending → called (at the signing desk) → signed (every party signed) → stamped (PDF final). */
export const AGREEMENT_STATUSES = ['pending', 'called', 'signed', 'stamped'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export interface Room {
  id: string;
  name: string;
  province: string;
  regency: string;
  timezone: TimeZoneName;
  /** The main stage (palace) room where a few pairs sign in person and the witness sits. */
  isStage?: boolean;
}

export interface Representative {
  name: string;
  title: string;
}

export interface Party {
  id: string;
  kind: PartyKind;
  name: string;
  sector: string;
  province: string;
  room: string;
  representative: Representative;
}

export interface AgreementDefinition {
  id: string;
  title: string;
  parties: string[];
  valueIdr: number;
  /** Serial of the e-Meterai (stamp duty) affixed to this agreement, when the operator has one. */
  eMeteraiSerial?: string;
}

export type SignatureKind = 'drawn' | 'typed';

/** What the domain keeps of a signature; the image bytes live in storage, keyed by hash. */
export interface SignatureRecord {
  agreementId: string;
  partyId: string;
  kind: SignatureKind;
  signerName: string;
  signerTitle: string;
  roomId: string;
  timezone: TimeZoneName;
  signedAt: string;
  typedText?: string;
  imageSha256?: string;
}

/** Why the platform could not produce an agreement's stamped document. */
export const STAMP_FAILURE_REASONS = ['timeout', 'invalid-input', 'worker-crashed', 'error'] as const;
export type StampFailureReason = (typeof STAMP_FAILURE_REASONS)[number];

/**
 * Stamping gave up after its retries ("parked"): the agreement stays `signed` — every party did
 * sign — but has no sealed document until an organizer retries it.
 */
export interface StampFailure {
  at: string;
  reason: StampFailureReason;
  attempts: number;
  /** For the organizers, in English: what the last attempt reported. */
  detail: string;
}

export interface Agreement extends AgreementDefinition {
  status: AgreementStatus;
  calledAt?: string;
  /** Identifies the wave (one call of one or more agreements) this agreement was last called in. */
  waveId?: string;
  signatures: Record<string, SignatureRecord>;
  signedAt?: string;
  stampedAt?: string;
  documentSha256?: string;
  /** Present while stamping is parked (status stays `signed`). */
  stampFailure?: StampFailure;
}

export interface RoomPresence {
  roomId: string;
  online: boolean;
  connections: number;
  /** When the room last went online or offline. */
  since?: string;
}

/** Who officials call when something goes wrong (a refused link, a dead camera). */
export interface OrganizerContact {
  name: string;
  phone?: string;
  email?: string;
}

/**
 * One call of one or more agreements to the signing desk, numbered from 1 in each ceremony.
 * `size` is how many agreements the call named; an agreement re-called later belongs to the
 * later wave (Agreement.waveId), so the wave's current members are read from the agreements.
 */
export interface Wave {
  id: string;
  number: number;
  /** Given by the organizer ("Banten", "PT Contoh"); absent for an unnamed call. */
  name?: string;
  calledAt: string;
  size: number;
}

/** When the ceremony entered each phase (UTC); drives the console's end-of-ceremony summary. */
export interface CeremonyTimeline {
  lobbyOpenedAt?: string;
  signingStartedAt?: string;
  closedAt?: string;
}

export interface Ceremony {
  id: string;
  title: string;
  startsAt: string;
  phase: CeremonyPhase;
  createdAt: string;
  contact?: OrganizerContact;
  rooms: Room[];
  parties: Party[];
  agreements: Agreement[];
  /** Oldest first. */
  waves: Wave[];
  timeline: CeremonyTimeline;
  /** Who signs the Berita Acara (from the roster); absent: the offices in DEFAULT_OFFICIALS. */
  officials?: CeremonyOfficial[];
  /** The officials' signatures on the Berita Acara after the close (see berita-acara-signing.ts). */
  beritaAcara?: BeritaAcaraSigning;
}

export interface CeremonyOfficial {
  /** From the roster, or `pejabat-1`, `pejabat-2`… in roster order. */
  id: string;
  name: string;
  title: string;
  institution?: string;
  /** The room whose invite link may sign for this official: the roster's `room`, else the stage. */
  room: string;
}

/** An official's signature on the Berita Acara; the image bytes live in storage, keyed by hash. */
export interface OfficialSignatureRecord {
  officialId: string;
  kind: SignatureKind;
  roomId: string;
  timezone: TimeZoneName;
  signedAt: string;
  typedText?: string;
  imageSha256?: string;
}

/** The organizer sealed the Berita Acara without waiting for every official. */
export interface BeritaAcaraFinish {
  at: string;
  reason: string;
  /** Officials who had not signed. */
  unsigned: string[];
}

export interface BeritaAcaraSigning {
  /** In signing order. */
  signatures: OfficialSignatureRecord[];
  finishedWithoutOfficials?: BeritaAcaraFinish;
}

export interface KindTally {
  total: number;
  signed: number;
}

export interface ProvinceTally {
  province: string;
  agreementsTotal: number;
  agreementsSigned: number;
  valueTotalIdr: number;
  valueSignedIdr: number;
}

export interface LatestSigning {
  agreementId: string;
  title: string;
  partyNames: string[];
  roomId: string;
  roomName: string;
  province: string;
  valueIdr: number;
  signedAt: string;
  timezone: TimeZoneName;
}

export interface Tally {
  ceremonyId: string;
  phase: CeremonyPhase;
  agreementsTotal: number;
  agreementsSigned: number;
  agreementsStamped: number;
  valueTotalIdr: number;
  valueSignedIdr: number;
  /** Parties of each kind, and how many of them have put at least one signature. */
  byKind: Record<PartyKind, KindTally>;
  /** Grouped by the province of the agreement's (first) UMKM party: where the partnership lands. */
  byProvince: ProvinceTally[];
  /** Newest first, at most LATEST_SIGNINGS_MAX. */
  latestSignings: LatestSigning[];
  updatedAt: string;
}

export const LATEST_SIGNINGS_MAX = 10;

export type Role = 'organizer' | 'official' | 'observer';
