// The in-memory state of one ceremony, as the pure core sees it. Indexes are built once at load
// so that each command touches only what it changes (a signature never rescans all agreements).
import type { Agreement, Ceremony, Party, Room, RoomPresence, Tally } from '../../shared/domain/types';
import { agreementProvince as agreementProvinceOf } from '../../shared/domain/agreement-province';
import { computeTally } from './tally';

export interface CeremonyState {
  ceremony: Ceremony;
  presence: Record<string, RoomPresence>;
  tally: Tally;
  inviteEpochs: Record<string, number>;
  /** How many signatures each party has put (drives the by-kind tally). */
  partySignatures: Record<string, number>;
  index: CeremonyIndex;
}

/** Lookups that never change after import. */
export interface CeremonyIndex {
  agreementPosition: Map<string, number>;
  party: Map<string, Party>;
  room: Map<string, Room>;
  /** Province an agreement is counted under: that of its first UMKM party. */
  agreementProvince: Map<string, string>;
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
  };
}

export function createState(
  ceremony: Ceremony,
  options: { inviteEpochs?: Record<string, number>; now: string },
): CeremonyState {
  const index = buildIndex(ceremony);
  const partySignatures: Record<string, number> = {};
  for (const a of ceremony.agreements) {
    for (const partyId of Object.keys(a.signatures)) {
      partySignatures[partyId] = (partySignatures[partyId] ?? 0) + 1;
    }
  }
  const presence: Record<string, RoomPresence> = {};
  for (const r of ceremony.rooms) presence[r.id] = { roomId: r.id, online: false, connections: 0 };
  const inviteEpochs: Record<string, number> = {};
  for (const r of ceremony.rooms) inviteEpochs[r.id] = options.inviteEpochs?.[r.id] ?? 0;
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

/** Copy-on-write replacement of some agreements; the others are shared with the old state. */
export function replaceAgreements(state: CeremonyState, changed: Agreement[]): Ceremony {
  const agreements = state.ceremony.agreements.slice();
  for (const a of changed) {
    const i = state.index.agreementPosition.get(a.id);
    if (i !== undefined) agreements[i] = a;
  }
  return { ...state.ceremony, agreements };
}
