// The only list of Socket.IO events. Every client→server event carries an ack; the server
// validates each payload with the schema of the same name in ./schemas before acting.
import type { Agreement, BeritaAcaraSigning, RoomPresence, Tally, Wave } from '../domain/types';
import type { AckCallback } from './ack';
import type { MediaClientToServerEvents, MediaServerToClientEvents } from './media-events';
import type {
  TAgreementPayload,
  TCallPayload,
  TEmptyPayload,
  TFinishWithoutOfficialsPayload,
  TOfficialSignPayload,
  TRoomPayload,
  TSignPayload,
  TWavePayload,
} from './schemas';
import type { ActivityItem, CeremonyUpdate, CeremonyView, InviteLink, ObserverView, PhaseChange, CallResult, SignResult, WaveRecallResult } from './views';

export interface CeremonyClientToServerEvents {
  /** Anyone: the full view for the caller's role (used on connect and after a reconnect). */
  'ceremony:sync': (payload: TEmptyPayload, ack: AckCallback<CeremonyView>) => void;
  /** Organizer: draft → lobby. */
  'ceremony:openLobby': (payload: TEmptyPayload, ack: AckCallback<PhaseChange>) => void;
  /** Organizer: lobby → signing. */
  'ceremony:startSigning': (payload: TEmptyPayload, ack: AckCallback<PhaseChange>) => void;
  /** Organizer: lobby/signing → closed. */
  'ceremony:close': (payload: TEmptyPayload, ack: AckCallback<PhaseChange>) => void;
  /** Organizer: call one agreement or a wave of many to the signing desk (or re-call them). */
  'agreement:call': (payload: TCallPayload, ack: AckCallback<CallResult>) => void;
  /** Organizer: take a called agreement back from the desk (signatures already made are kept). */
  'agreement:recall': (payload: TAgreementPayload, ack: AckCallback<Agreement>) => void;
  /** Organizer: take back every agreement of a wave still at the desk (signatures are kept). */
  'wave:recall': (payload: TWavePayload, ack: AckCallback<WaveRecallResult>) => void;
  /** Organizer: send an agreement whose stamping failed (parked) back to the stamping queue. */
  'agreement:retryStamp': (payload: TAgreementPayload, ack: AckCallback<Agreement>) => void;
  /** Official: sign a called agreement for a party seated in the official's room. Idempotent. */
  'agreement:sign': (payload: TSignPayload, ack: AckCallback<SignResult>) => void;
  /** Official: after the close, sign the Berita Acara for an official seated in the caller's room. Idempotent. */
  'beritaAcara:sign': (payload: TOfficialSignPayload, ack: AckCallback<BeritaAcaraSigning>) => void;
  /** Organizer: after the close, seal the Berita Acara without the officials who have not signed. */
  'beritaAcara:finishWithoutOfficials': (payload: TFinishWithoutOfficialsPayload, ack: AckCallback<BeritaAcaraSigning>) => void;
  /** Organizer: issue a new invite link for a room; earlier links for that room stop working. */
  'room:reissueInvite': (payload: TRoomPayload, ack: AckCallback<InviteLink>) => void;
}

// State updates carry, as their last argument, the ceremony's version (audit head) they reflect:
// a client keeps only updates not older than its view (see client/lib/ceremony-state.ts).
export interface CeremonyServerToClientEvents {
  'ceremony:snapshot': (view: CeremonyView) => void;
  'ceremony:phase': (change: PhaseChange) => void;
  /**
   * Participants only (not observers): what changed since their last update, coalesced (a few per
   * second at most): the latest state of each agreement that changed, and the tally if it did. One
   * message, not a tally and an agreements update: each costs a socket write per participant.
   */
  'ceremony:updated': (update: CeremonyUpdate, version: number) => void;
  /** A new wave was called (its agreements follow in `ceremony:updated`). */
  'wave:called': (wave: Wave, version: number) => void;
  'presence:updated': (presence: RoomPresence) => void;
  /** Observers only (participants get the tally in `ceremony:updated`). Coalesced: a few per second at most, however many signatures land. */
  'tally:updated': (tally: Tally, version: number) => void;
  'activity:appended': (items: ActivityItem[]) => void;
  /** Participants: an official signed the Berita Acara, or the organizer finished it without them. */
  'beritaAcara:updated': (signing: BeritaAcaraSigning) => void;
  /** Observers only, on connect: the tally-only view (see ObserverView). */
  'observer:snapshot': (view: ObserverView) => void;
  /** Observers only, coalesced like the tally: the rooms of the agreements now called. */
  'observer:spotlight': (roomIds: string[], version: number) => void;
}

export type ClientToServerEvents = CeremonyClientToServerEvents & MediaClientToServerEvents;
export type ServerToClientEvents = CeremonyServerToClientEvents & MediaServerToClientEvents;

/** Handshake `auth` sent by socket.io-client. */
export interface HandshakeAuth {
  /** Organizer credential or an official's invite token; absent for observers. */
  token?: string;
  ceremonyId: string;
}
