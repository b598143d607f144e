// Ids are data, not property names. A roster may name a party `toString` or a room `constructor`,
// and a plain object answers such a lookup from Object.prototype: `signatures['toString']` is a
// function, so a party that never signed would count as signed. Objects that travel as JSON (an
// agreement's `signatures`) stay objects, but are only ever read through these helpers.
import type { Agreement, SignatureRecord } from './types';

/** The value stored under `key` itself, never one inherited from the prototype. */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A copy of `record` with `key` set as an own data property. Spread and defineProperty both create
 * own properties, so even `__proto__` becomes a key rather than a new prototype.
 */
export function withOwnValue<T>(record: Readonly<Record<string, T>>, key: string, value: T): Record<string, T> {
  const copy: Record<string, T> = { ...record };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** An object with no prototype, for maps that must stay plain objects (e.g. React state). */
export function emptyRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** A null-prototype copy of `record` with `key` set (or removed when `value` is undefined). */
export function withRecordEntry<T>(record: Readonly<Record<string, T>>, key: string, value: T | undefined): Record<string, T> {
  const copy = Object.assign(emptyRecord<T>(), record);
  if (value === undefined) delete copy[key];
  else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export function signatureOf(agreement: Pick<Agreement, 'signatures'>, partyId: string): SignatureRecord | undefined {
  return ownValue(agreement.signatures, partyId);
}

export function hasSigned(agreement: Pick<Agreement, 'signatures'>, partyId: string): boolean {
  return Object.hasOwn(agreement.signatures, partyId);
}

/** Every party of the agreement has its own signature. */
export function isFullySigned(agreement: Pick<Agreement, 'parties' | 'signatures'>): boolean {
  return agreement.parties.every((partyId) => hasSigned(agreement, partyId));
}

/** How many of the agreement's parties have signed. */
export function signedPartyCount(agreement: Pick<Agreement, 'parties' | 'signatures'>): number {
  return agreement.parties.filter((partyId) => hasSigned(agreement, partyId)).length;
}
