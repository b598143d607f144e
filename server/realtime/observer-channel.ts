// Observers (the public tally screen, thousands of them) get their own channel and a tally-only
// view: a few KB on connect instead of the ~87 KB CeremonyView, and one message per tally change
// instead of agreement updates they never draw. Issue 11: observers cost what a raw broadcast costs.
import type { ObserverView } from '../../shared/protocol/views';
import { presenceList, type CeremonyState } from '../domain/state';
import type { SaksiSocket } from './types';

export const observerChannel = (ceremonyId: string) => `c:${ceremonyId}:observers`;

/** Rooms of the agreements now at the signing desk (the stage's spotlight), in agreement order (as the client computes it). */
export function spotlightRoomIds(state: CeremonyState): string[] {
  const rooms = new Set<string>();
  for (const agreement of state.ceremony.agreements) {
    if (agreement.status !== 'called') continue;
    for (const partyId of agreement.parties) {
      const room = state.index.party.get(partyId)?.room;
      if (room) rooms.add(room);
    }
  }
  return [...rooms];
}

export function buildObserverView(state: CeremonyState, version: number, now: string): ObserverView {
  const { parties: _parties, agreements: _agreements, ...ceremony } = state.ceremony;
  return {
    ceremony,
    presence: presenceList(state),
    tally: state.tally,
    spotlightRoomIds: spotlightRoomIds(state),
    serverTime: now,
    version,
  };
}

/**
 * The observer snapshot, built once per ceremony state (a presence change or a commit makes a new
 * state object) instead of once per connecting observer: 10,000 observers connecting at the
 * start of a ceremony cost one build. Only `serverTime` is fresh on every answer. A state merged
 * with the other nodes' presence (cluster mode) is a new object at every read: never reused.
 */
export class ObserverSnapshots {
  private readonly built = new Map<string, { state: CeremonyState; version: number; view: ObserverView }>();
  /** Views built (cache misses), for tests. */
  builds = 0;

  view(state: CeremonyState, version: number, now: string): ObserverView {
    const cached = this.built.get(state.ceremony.id);
    if (cached && cached.state === state && cached.version === version) return { ...cached.view, serverTime: now };
    this.builds += 1;
    const view = buildObserverView(state, version, now);
    this.built.set(state.ceremony.id, { state, version, view });
    return view;
  }

  clear(): void {
    this.built.clear();
  }
}

/**
 * Attaches an observer's request handlers at its first request instead of at connect. Thousands
 * of observers only listen; each set of handlers (the ceremony's and the media plugin's, a
 * closure, a context and an entry in the socket's listener table per event) cost ~3–4 KB of heap
 * per idle observer over a raw Socket.IO client. Must be called before the socket guard's
 * middleware, which answers events without a listener as unknown.
 */
export function attachOnFirstRequest(socket: SaksiSocket, attach: () => void): void {
  let attached = false;
  socket.use((_packet, next) => {
    if (!attached) {
      attached = true;
      attach();
    }
    next();
  });
}
