import type { Agreement, Ceremony, CeremonyPhase, Role, RoomPresence, Tally, Wave } from '../domain/types';

/** What a connected client is, as the server decided from its credential. */
export interface Identity {
  role: Role;
  ceremonyId: string;
  /** Set for officials: the one room their invite token is for. */
  roomId?: string;
}

export const ACTIVITY_TYPES = [
  'ceremony.lobbyOpened',
  'ceremony.signingStarted',
  'ceremony.closed',
  'room.joined',
  'room.left',
  'agreement.called',
  'agreement.recalled',
  'wave.recalled',
  'signature.recorded',
  'agreement.signed',
  'agreement.stamped',
  'agreement.stampFailed',
  'agreement.stampRetried',
  'invite.reissued',
  'beritaAcara.officialSigned',
  'beritaAcara.finishedWithoutOfficials',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** One line of the console's event feed (a public projection of an audit event). */
export interface ActivityItem {
  seq: number;
  at: string;
  type: ActivityType;
  roomId?: string;
  agreementId?: string;
  agreementIds?: string[];
  partyId?: string;
  waveId?: string;
  officialId?: string;
}

/** Everything a client needs to draw its screen; sent on connect and on `ceremony:sync`. */
export interface CeremonyView {
  ceremony: Ceremony;
  presence: RoomPresence[];
  tally: Tally;
  you: Identity;
  /** Newest last; the console shows them, others get an empty list. */
  activity: ActivityItem[];
  serverTime: string;
  /**
   * The ceremony's version (its audit head) this view reflects. Updates carry the version they
   * reflect too; a client keeps only those not older than what it has.
   */
  version: number;
  /**
   * Rooms of the agreements now at the signing desk, sent by the server to observers (whose view
   * carries no agreements or parties); participants compute it from their agreements.
   */
  spotlightRoomIds?: string[];
}

/**
 * What an observer (the public tally screen) gets on connect, instead of the full CeremonyView:
 * a few KB rather than every agreement and party of the ceremony. Sent as `observer:snapshot`;
 * afterwards observers get `tally:updated`, `ceremony:phase`, `presence:updated` and
 * `observer:spotlight`, never `ceremony:updated`.
 */
export interface ObserverView {
  ceremony: Omit<Ceremony, 'parties' | 'agreements'>;
  presence: RoomPresence[];
  tally: Tally;
  spotlightRoomIds: string[];
  serverTime: string;
  /** See CeremonyView.version. */
  version: number;
}

/** A participants' update (`ceremony:updated`): the agreements that changed and, if it changed, the tally. */
export interface CeremonyUpdate {
  agreements: Agreement[];
  tally?: Tally;
}

export interface PhaseChange {
  phase: CeremonyPhase;
  at: string;
  /** The ceremony's version once the phase changed. */
  version: number;
}

export interface CallResult {
  waveId: string;
  calledAt: string;
  wave: Wave;
  agreements: Agreement[];
}

export interface WaveRecallResult {
  waveId: string;
  agreements: Agreement[];
}

export interface SignResult {
  agreement: Agreement;
  /** True when this party had already signed: the request changed nothing. */
  duplicate: boolean;
}

export interface InviteLink {
  roomId: string;
  name: string;
  url: string;
}

export interface CeremonyLinks {
  console: string;
  tally: string;
  rooms: InviteLink[];
}
