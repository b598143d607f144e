// The in-memory state of one ceremony, as the pure core sees it. Indexes are built once at load
// so that each command touches only what it changes (a signature never rescans all agreements).
// Everything keyed by an id from outside (a roster, a token, a payload) is a Map: a room called
// `constructor` or a party called `toString` must not be answered by Object.prototype.
import type { Agreement, Ceremony, CeremonyOfficial, Party, Room, RoomPresence, Tally } from '../../shared/domain/types';
import { agreementProvince as agreementProvinceOf } from '../../shared/domain/agreement-province';
import { computeTally } from './tally';

/** A room's live presence plus what the audit log last said about it (see apply's presence). */
export interface PresenceEntry {
  /** Accurate at every moment: what clients see. */
  view: RoomPresence;
  /** The audit log's last word on this room: `room.joined` (true) or `room.left` (false). */
  auditedOnline: boolean;
  /** Connections that came back before the room's going offline was audited. */
  reconnects: number;
}

export interface CeremonyState {
  ceremony: Ceremony;
  presence: ReadonlyMap<string, PresenceEntry>;
  tally: Tally;
  inviteEpochs: ReadonlyMap<string, number>;
  /** How many signatures each party has put (drives the by-kind tally). */
  partySignatures: ReadonlyMap<string, number>;
  index: CeremonyIndex;
}

/** Lookups that never change after import. */
export interface CeremonyIndex {
  agreementPosition: Map<string, number>;
  party: Map<string, Party>;
  room: Map<string, Room>;
  /** Province an agreement is counted under: that of its first UMKM party. */
  agreementProvince: Map<string, string>;
  /** The roster's officials who sign the Berita Acara, by id. */
  official: Map<string, CeremonyOfficial>;
}

export function buildIndex(ceremony: Ceremony): CeremonyIndex {
  const party = new Map(ceremony.parties.map((p) => [p.id, p]));
  const agreementProvince = new Map<string, string>();
  for (const a of ceremony.agreements) {
    agreementProvince.set(a.id, agreementProvinceOf(a, (id) => party.get(id)));
  }
  return {
    agreementPosition: new Map(ceremony.agreements.map((a, i) => [a.id, i])),
    party,
    room: new Map(ceremony.rooms.map((r) => [r.id, r])),
    agreementProvince,
    official: new Map((ceremony.officials ?? []).map((o) => [o.id, o])),
  };
}

export function createState(
  ceremony: Ceremony,
  options: { inviteEpochs?: ReadonlyMap<string, number>; now: string },
): CeremonyState {
  const index = buildIndex(ceremony);
  const partySignatures = new Map<string, number>();
  for (const a of ceremony.agreements) {
    // Only the agreement's own parties count, and only signatures stored under their own key.
    for (const partyId of a.parties) {
      if (Object.hasOwn(a.signatures, partyId)) partySignatures.set(partyId, (partySignatures.get(partyId) ?? 0) + 1);
    }
  }
  const presence = new Map<string, PresenceEntry>();
  const inviteEpochs = new Map<string, number>();
  for (const r of ceremony.rooms) {
    presence.set(r.id, { view: { roomId: r.id, online: false, connections: 0 }, auditedOnline: false, reconnects: 0 });
    inviteEpochs.set(r.id, options.inviteEpochs?.get(r.id) ?? 0);
  }
  return {
    ceremony,
    presence,
    inviteEpochs,
    partySignatures,
    index,
    tally: computeTally(ceremony, index, partySignatures, options.now),
  };
}

export function findAgreement(state: CeremonyState, agreementId: string): Agreement | undefined {
  const i = state.index.agreementPosition.get(agreementId);
  return i === undefined ? undefined : state.ceremony.agreements[i];
}

/** The live presence of every room, in roster order. */
export function presenceList(state: CeremonyState): RoomPresence[] {
  return [...state.presence.values()].map((entry) => entry.view);
}

/** Copy-on-write replacement of some agreements; the others are shared with the old state. */
export function replaceAgreements(state: CeremonyState, changed: Agreement[]): Ceremony {
  const agreements = state.ceremony.agreements.slice();
  for (const a of changed) {
    const i = state.index.agreementPosition.get(a.id);
    if (i !== undefined) agreements[i] = a;
  }
  return { ...state.ceremony, agreements };
}

/** A copy of a map with one entry set: states are never mutated, older ones stay valid. */
export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): Map<K, V> {
  return new Map(map).set(key, value);
}
