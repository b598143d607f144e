import { signedPartyCount } from '../../shared/domain/own-keys';
import { agreementProvince } from '../../shared/domain/agreement-province';
import type { Agreement, Ceremony, Party, Room } from '../../shared/domain/types';

export interface CeremonyIndex {
  parties: Map<string, Party>;
  rooms: Map<string, Room>;
  agreements: Map<string, Agreement>;
  /** The province each agreement counts under in the tally (see shared/domain/agreement-province). */
  agreementProvince: Map<string, string>;
}

/**
 * Lookups for the screens. Parties and rooms never change during a ceremony, so their maps (and
 * each agreement's province) are kept when only agreements changed: an update costs one pass.
 */
export function indexCeremony(ceremony: Ceremony, previous?: CeremonyIndex): CeremonyIndex {
  const same = previous && previous.parties.size === ceremony.parties.length && ceremony.parties.every((p) => previous.parties.get(p.id) === p);
  const parties = same ? previous.parties : new Map(ceremony.parties.map((p) => [p.id, p]));
  const rooms = same && previous.rooms.size === ceremony.rooms.length ? previous.rooms : new Map(ceremony.rooms.map((r) => [r.id, r]));
  const provinces = same && previous.agreementProvince.size === ceremony.agreements.length
    ? previous.agreementProvince
    : new Map(ceremony.agreements.map((a) => [a.id, agreementProvince(a, (id) => parties.get(id))]));
  return {
    parties,
    rooms,
    agreements: new Map(ceremony.agreements.map((a) => [a.id, a])),
    agreementProvince: provinces,
  };
}

export function documentUrl(ceremonyId: string, agreementId: string): string {
  return `/api/agreements/${encodeURIComponent(agreementId)}/document?ceremony=${encodeURIComponent(ceremonyId)}`;
}

export function partySignedCount(agreement: Agreement): number {
  return signedPartyCount(agreement);
}

// Read an agreement's signatures only through these: a party id may be `toString`.
export { hasSigned, signatureOf } from '../../shared/domain/own-keys';
