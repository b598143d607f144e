// Pure merge of server messages into the client's copy of the ceremony. Kept free of sockets and
// React so reconnects, duplicates and out-of-order updates can be unit-tested directly.
// Ordering is by the ceremony's version (its audit head), which the server puts on every snapshot
// and state update: an update older than the view (e.g. a broadcast replayed after a fresh
// snapshot) is dropped whole. Acks carry no version: a request's ack is sent before the
// broadcasts of any later change on the same socket, so it is applied as current.
import type { Agreement, BeritaAcaraSigning, CeremonyPhase, CeremonyTimeline, RoomPresence, Tally, Wave } from '../../shared/domain/types';
import type { ActivityItem, CeremonyView, ObserverView, PhaseChange } from '../../shared/protocol/views';

/** The console feed only needs the recent past; older lines live in the record. */
export const ACTIVITY_KEEP = 200;

export type ServerUpdate = (
  | { type: 'snapshot'; view: CeremonyView }
  | { type: 'phase'; change: PhaseChange }
  | { type: 'agreements'; agreements: Agreement[] }
  /** A participants' coalesced update (`ceremony:updated`): agreements and, if it changed, the tally. */
  | { type: 'changes'; agreements: Agreement[]; tally?: Tally }
  | { type: 'wave'; wave: Wave }
  | { type: 'presence'; presence: RoomPresence }
  | { type: 'tally'; tally: Tally }
  | { type: 'activity'; items: ActivityItem[] }
  | { type: 'spotlight'; roomIds: string[] }
  | { type: 'beritaAcara'; signing: BeritaAcaraSigning }
) & {
  /** The version the update reflects (absent on acks and on unversioned presence). */
  version?: number;
};

/** An observer's tally-only view as a CeremonyView without agreements or parties (screens read it alike). */
export function viewFromObserverView(view: ObserverView, ceremonyId: string): CeremonyView {
  return {
    ceremony: { ...view.ceremony, parties: [], agreements: [] },
    presence: view.presence,
    tally: view.tally,
    you: { role: 'observer', ceremonyId },
    activity: [],
    serverTime: view.serverTime,
    spotlightRoomIds: view.spotlightRoomIds,
    version: view.version,
  };
}

const TIMELINE_KEY: Record<CeremonyPhase, keyof CeremonyTimeline | undefined> = {
  draft: undefined,
  lobby: 'lobbyOpenedAt',
  signing: 'signingStartedAt',
  closed: 'closedAt',
};

/**
 * Applies one update. Updates that arrive before the first snapshot are dropped: the snapshot
 * that follows already contains them.
 */
export function applyUpdate(view: CeremonyView | undefined, update: ServerUpdate): CeremonyView | undefined {
  if (update.type === 'snapshot') return view && update.view.version < view.version ? view : update.view;
  if (!view) return view;
  const version = update.type === 'phase' ? update.change.version : update.version;
  if (version !== undefined && version < view.version) return view;
  const next = merge(view, update);
  return version !== undefined && version > next.version ? { ...next, version } : next;
}

function merge(view: CeremonyView, update: Exclude<ServerUpdate, { type: 'snapshot' }>): CeremonyView {
  switch (update.type) {
    case 'phase':
      return applyPhase(view, update.change);
    case 'agreements':
      return mergeAgreements(view, update.agreements);
    case 'changes': {
      const merged = update.agreements.length ? mergeAgreements(view, update.agreements) : view;
      return update.tally ? mergeTally(merged, update.tally) : merged;
    }
    case 'wave':
      return addWave(view, update.wave);
    case 'presence':
      return mergePresence(view, update.presence);
    case 'tally':
      return mergeTally(view, update.tally);
    case 'activity':
      return appendActivity(view, update.items);
    case 'spotlight':
      return { ...view, spotlightRoomIds: update.roomIds };
    case 'beritaAcara':
      return mergeBeritaAcara(view, update.signing);
    default: {
      const unreachable: never = update;
      return unreachable;
    }
  }
}

function applyPhase(view: CeremonyView, change: PhaseChange): CeremonyView {
  const key = TIMELINE_KEY[change.phase];
  const timeline = key && !view.ceremony.timeline[key] ? { ...view.ceremony.timeline, [key]: change.at } : view.ceremony.timeline;
  return {
    ...view,
    ceremony: { ...view.ceremony, phase: change.phase, timeline },
    tally: { ...view.tally, phase: change.phase },
  };
}

function mergeAgreements(view: CeremonyView, incoming: Agreement[]): CeremonyView {
  const byId = new Map(incoming.map((a) => [a.id, a]));
  const agreements = view.ceremony.agreements.map((current) => byId.get(current.id) ?? current);
  return { ...view, ceremony: { ...view.ceremony, agreements } };
}

/** Waves arrive by broadcast and in the caller's ack; either may come first, each is kept once. */
function addWave(view: CeremonyView, wave: Wave): CeremonyView {
  if (view.ceremony.waves.some((w) => w.id === wave.id)) return view;
  const waves = [...view.ceremony.waves, wave].sort((a, b) => a.number - b.number);
  return { ...view, ceremony: { ...view.ceremony, waves } };
}

function mergePresence(view: CeremonyView, presence: RoomPresence): CeremonyView {
  const exists = view.presence.some((p) => p.roomId === presence.roomId);
  const list = exists
    ? view.presence.map((p) => (p.roomId === presence.roomId ? presence : p))
    : [...view.presence, presence];
  return { ...view, presence: list };
}

function mergeTally(view: CeremonyView, tally: Tally): CeremonyView {
  return { ...view, tally };
}

function appendActivity(view: CeremonyView, items: ActivityItem[]): CeremonyView {
  const lastSeq = view.activity.length ? view.activity[view.activity.length - 1].seq : -Infinity;
  const fresh = items.filter((i) => i.seq > lastSeq).sort((a, b) => a.seq - b.seq);
  if (!fresh.length) return view;
  return { ...view, activity: [...view.activity, ...fresh].slice(-ACTIVITY_KEEP) };
}

// ---- Derived values the screens share ----

/** Rooms of the parties of agreements now at the signing desk (for the media stage). */
export function spotlightRoomIds(view: CeremonyView): string[] {
  if (view.spotlightRoomIds) return view.spotlightRoomIds;
  const partyRoom = new Map(view.ceremony.parties.map((p) => [p.id, p.room]));
  const rooms = new Set<string>();
  for (const a of view.ceremony.agreements) {
    if (a.status !== 'called') continue;
    for (const partyId of a.parties) {
      const room = partyRoom.get(partyId);
      if (room) rooms.add(room);
    }
  }
  return [...rooms];
}

/** Agreements with at least one party seated in the room. */
export function agreementsForRoom(view: CeremonyView, roomId: string): Agreement[] {
  const seated = new Set(view.ceremony.parties.filter((p) => p.room === roomId).map((p) => p.id));
  return view.ceremony.agreements.filter((a) => a.parties.some((id) => seated.has(id)));
}

export function isDone(agreement: Agreement): boolean {
  return agreement.status === 'signed' || agreement.status === 'stamped';
}

/** Signatures on the minutes only accumulate: an older broadcast carrying fewer is ignored. */
function mergeBeritaAcara(view: CeremonyView, signing: BeritaAcaraSigning): CeremonyView {
  const current = view.ceremony.beritaAcara;
  if (current && current.signatures.length > signing.signatures.length) return view;
  if (current?.finishedWithoutOfficials && !signing.finishedWithoutOfficials) return view;
  return { ...view, ceremony: { ...view.ceremony, beritaAcara: signing } };
}
