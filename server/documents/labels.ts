// Bilingual labels and small formatting helpers shared by the agreement and its stamps.
import type { PartyKind, Room, TimeZoneName } from '../../shared/domain/types';
import { MONTHS_ID, localParts } from '../../shared/format/time';

export const PARTY_KIND_LABEL: Record<PartyKind, { id: string; en: string }> = {
  PMA: { id: 'Penanaman Modal Asing (PMA)', en: 'foreign investment company (PMA)' },
  PMDN: { id: 'Penanaman Modal Dalam Negeri (PMDN)', en: 'domestic investment company (PMDN)' },
  UMKM: { id: 'Usaha Mikro, Kecil, dan Menengah (UMKM)', en: 'micro, small or medium enterprise (UMKM)' },
};

/** The ceremony is held at the stage room; its zone names the ceremony's date and time. */
export function ceremonyZone(rooms: Room[]): TimeZoneName {
  return rooms.find((room) => room.isStage)?.timezone ?? 'WIB';
}

const pad = (n: number) => n.toString().padStart(2, '0');

/** "18 Januari 2021 10.15 WIB" — the stamp's local time with zone. */
export function formatStampTime(instant: string, zone: TimeZoneName): string {
  const p = localParts(instant, zone);
  return `${p.day} ${MONTHS_ID[p.month - 1]} ${p.year} ${pad(p.hour)}.${pad(p.minute)} ${zone}`;
}

/** "2021-01-18 03.15.42 UTC" */
export function formatUtc(instant: string): string {
  const d = new Date(instant);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}.${pad(d.getUTCMinutes())}.${pad(d.getUTCSeconds())} UTC`;
}
