// What the Berita Acara (official minutes) of a ceremony is made from. The lead's record job
// builds it from the ceremony state, presence history and the stamped agreements.
import type { PartyKind, Room, TimeZoneName } from '../../shared/domain/types';

export interface BeritaAcaraOfficial {
  name: string;
  title: string;
  institution: string;
  /** NIP of a civil servant, printed under the name when present. */
  nip?: string;
}

export interface BeritaAcaraOfficialSignature {
  /** Index of the official in the signature block: the organizers in order, then the witness. */
  official: number;
  /** UTC instant; shown in the ceremony's zone. */
  signedAt: string;
  /** PNG of a drawn signature; absent for a typed one. */
  image?: Uint8Array;
  typedText?: string;
}

export interface BeritaAcaraRoom {
  room: Room;
  present: boolean;
  /** First time any device of the room joined (UTC instant). */
  firstJoinedAt?: string;
}

/**
 * Where a fully signed agreement's sealed document stands in the record: in the ZIP, or left out
 * because stamping failed (parked), its stored bytes failed the integrity check, or it is still
 * being stamped.
 */
export type RecordDocumentState = 'sealed' | 'stamp-failed' | 'integrity-failed' | 'awaiting-stamp';

export interface BeritaAcaraAgreement {
  id: string;
  title: string;
  parties: { name: string; kind: PartyKind }[];
  valueIdr: number;
  /** When the last party signed (UTC instant); absent if not signed. */
  signedAt?: string;
  /** Zone the signing time is shown in (the room of the last signature, or the stage's). */
  timezone: TimeZoneName;
  /** For a signed agreement: whether its sealed document is in the record (absent means sealed). */
  document?: RecordDocumentState;
}

export interface BeritaAcaraInput {
  /** e.g. "BA-01/SETNEG-BKPM/I/2021". */
  number: string;
  /** e.g. "Istana Negara, Jakarta". */
  place: string;
  /** Where the Berita Acara can be verified (printed and QR-encoded on every page). */
  verifyUrl: string;
  ceremony: { id: string; title: string; startsAt: string; closedAt?: string };
  /** Zone of the place (the stage room's). */
  timezone: TimeZoneName;
  /** The organizers (Setneg, BKPM) who sign the minutes. */
  organizers: BeritaAcaraOfficial[];
  /** "Disaksikan oleh": the witness, if the ceremony has one. */
  witness?: BeritaAcaraOfficial;
  /** Officials who signed the minutes electronically (after the organizer closed the signing). */
  officialSignatures?: BeritaAcaraOfficialSignature[];
  /** The organizer finished the minutes without waiting for every official: the text says so. */
  finishedWithoutOfficials?: boolean;
  /** Why the organizer finished without them (printed after the list of who did not sign). */
  finishedWithoutReason?: string;
  rooms: BeritaAcaraRoom[];
  agreements: BeritaAcaraAgreement[];
  /**
   * Every recorded signature's instant (UTC), for the dates the signing actually took place;
   * without it the agreements' last signatures are used.
   */
  signatureTimes?: string[];
  /** Hash of the last audit event when the minutes were made: ties the minutes to the log. */
  auditHeadHash?: string;
}
