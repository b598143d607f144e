// The live tally. Computed in full once when a ceremony is loaded, then updated incrementally:
// each signature changes a handful of counters, never a rescan of all agreements.
import {
  LATEST_SIGNINGS_MAX,
  PARTY_KINDS,
  type Agreement,
  type Ceremony,
  type LatestSigning,
  type Party,
  type PartyKind,
  type ProvinceTally,
  type Tally,
} from '../../shared/domain/types';
import { signatureOf } from '../../shared/domain/own-keys';
import type { CeremonyIndex } from './state';

const isSigned = (a: Agreement) => a.status === 'signed' || a.status === 'stamped';

export function computeTally(
  ceremony: Ceremony,
  index: CeremonyIndex,
  partySignatures: ReadonlyMap<string, number>,
  now: string,
): Tally {
  const byKind = Object.fromEntries(PARTY_KINDS.map((k) => [k, { total: 0, signed: 0 }])) as Tally['byKind'];
  for (const p of ceremony.parties) {
    byKind[p.kind].total += 1;
    if ((partySignatures.get(p.id) ?? 0) > 0) byKind[p.kind].signed += 1;
  }
  const provinces = new Map<string, ProvinceTally>();
  let agreementsSigned = 0;
  let agreementsStamped = 0;
  let valueTotalIdr = 0;
  let valueSignedIdr = 0;
  for (const a of ceremony.agreements) {
    const province = index.agreementProvince.get(a.id) ?? '—';
    const entry = provinces.get(province) ?? {
      province,
      agreementsTotal: 0,
      agreementsSigned: 0,
      valueTotalIdr: 0,
      valueSignedIdr: 0,
    };
    entry.agreementsTotal += 1;
    entry.valueTotalIdr += a.valueIdr;
    valueTotalIdr += a.valueIdr;
    if (isSigned(a)) {
      entry.agreementsSigned += 1;
      entry.valueSignedIdr += a.valueIdr;
      agreementsSigned += 1;
      valueSignedIdr += a.valueIdr;
    }
    if (a.status === 'stamped') agreementsStamped += 1;
    provinces.set(province, entry);
  }
  const latestSignings = ceremony.agreements
    .filter((a) => isSigned(a) && a.signedAt)
    .map((a) => latestSigningOf(a, index))
    .sort(newestFirst(index))
    .slice(0, LATEST_SIGNINGS_MAX);
  return {
    ceremonyId: ceremony.id,
    phase: ceremony.phase,
    agreementsTotal: ceremony.agreements.length,
    agreementsSigned,
    agreementsStamped,
    valueTotalIdr,
    valueSignedIdr,
    byKind,
    byProvince: sortProvinces([...provinces.values()]),
    latestSignings,
    updatedAt: now,
  };
}

function sortProvinces(list: ProvinceTally[]): ProvinceTally[] {
  return list.sort((a, b) => b.valueTotalIdr - a.valueTotalIdr || a.province.localeCompare(b.province, 'id'));
}

/** The ticker entry: the room and time of the signature that completed the agreement. */
export function latestSigningOf(agreement: Agreement, index: CeremonyIndex): LatestSigning {
  const last = agreement.parties
    .map((partyId) => signatureOf(agreement, partyId))
    .filter((s) => s !== undefined)
    .sort((x, y) => (x.signedAt < y.signedAt ? 1 : -1))[0];
  const room = last ? index.room.get(last.roomId) : undefined;
  return {
    agreementId: agreement.id,
    title: agreement.title,
    partyNames: agreement.parties.map((id) => index.party.get(id)?.name ?? id),
    roomId: room?.id ?? '',
    roomName: room?.name ?? '',
    province: index.agreementProvince.get(agreement.id) ?? '—',
    valueIdr: agreement.valueIdr,
    signedAt: agreement.signedAt ?? last?.signedAt ?? '',
    timezone: room?.timezone ?? 'WIB',
  };
}

export function tallyPartySigned(tally: Tally, party: Party, isFirstSignature: boolean, now: string): Tally {
  if (!isFirstSignature) return tally;
  const kind: PartyKind = party.kind;
  return {
    ...tally,
    byKind: { ...tally.byKind, [kind]: { ...tally.byKind[kind], signed: tally.byKind[kind].signed + 1 } },
    updatedAt: now,
  };
}

export function tallyAgreementSigned(tally: Tally, agreement: Agreement, index: CeremonyIndex, now: string): Tally {
  const province = index.agreementProvince.get(agreement.id) ?? '—';
  return {
    ...tally,
    agreementsSigned: tally.agreementsSigned + 1,
    valueSignedIdr: tally.valueSignedIdr + agreement.valueIdr,
    byProvince: tally.byProvince.map((p) =>
      p.province === province
        ? { ...p, agreementsSigned: p.agreementsSigned + 1, valueSignedIdr: p.valueSignedIdr + agreement.valueIdr }
        : p,
    ),
    latestSignings: withLatest(tally.latestSignings, latestSigningOf(agreement, index), index),
    updatedAt: now,
  };
}

/**
 * Newest first, signings of the same instant in roster order: one order whether the list is
 * recounted (a node starting) or grown one signing at a time, in whatever order signings are
 * applied (a cluster applies them in commit order, not in the order of their times).
 */
function newestFirst(index: CeremonyIndex): (x: LatestSigning, y: LatestSigning) => number {
  const position = (s: LatestSigning) => index.agreementPosition.get(s.agreementId) ?? Number.MAX_SAFE_INTEGER;
  return (x, y) => (x.signedAt < y.signedAt ? 1 : x.signedAt > y.signedAt ? -1 : position(x) - position(y));
}

/** `latest` (the newest LATEST_SIGNINGS_MAX in that order) with one signing put in its place. */
function withLatest(latest: readonly LatestSigning[], signing: LatestSigning, index: CeremonyIndex): LatestSigning[] {
  const order = newestFirst(index);
  const list = latest.filter((s) => s.agreementId !== signing.agreementId);
  const at = list.findIndex((s) => order(signing, s) < 0);
  list.splice(at < 0 ? list.length : at, 0, signing);
  return list.slice(0, LATEST_SIGNINGS_MAX);
}

export function tallyAgreementStamped(tally: Tally, now: string): Tally {
  return { ...tally, agreementsStamped: tally.agreementsStamped + 1, updatedAt: now };
}
