import { signedPartyCount } from '../../shared/domain/own-keys';
import type { Agreement, Ceremony, Party, Room } from '../../shared/domain/types';

export interface CeremonyIndex {
  parties: Map<string, Party>;
  rooms: Map<string, Room>;
  agreements: Map<string, Agreement>;
}

export function indexCeremony(ceremony: Ceremony): CeremonyIndex {
  return {
    parties: new Map(ceremony.parties.map((p) => [p.id, p])),
    rooms: new Map(ceremony.rooms.map((r) => [r.id, r])),
    agreements: new Map(ceremony.agreements.map((a) => [a.id, a])),
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
