// Indonesia has three zones and no daylight saving, so fixed offsets are exact.
import type { TimeZoneName } from '../domain/types';

export const ZONE_OFFSET_HOURS: Record<TimeZoneName, number> = { WIB: 7, WITA: 8, WIT: 9 };

const DAYS_ID = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  weekday: number; // 0 = Sunday
  hour: number;
  minute: number;
  second: number;
}

/** Wall-clock parts of an instant in an Indonesian zone. */
export function localParts(instant: string | Date, zone: TimeZoneName): LocalParts {
  const ms = (typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + ZONE_OFFSET_HOURS[zone] * 3600_000;
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

const pad = (n: number) => n.toString().padStart(2, '0');

/** "10.15 WIB" — Indonesian usage separates hours and minutes with a dot. */
export function formatLocalTime(instant: string | Date, zone: TimeZoneName, withSeconds = false): string {
  const p = localParts(instant, zone);
  return `${pad(p.hour)}.${pad(p.minute)}${withSeconds ? `.${pad(p.second)}` : ''} ${zone}`;
}

/** "Senin, 18 Januari 2021" or "Monday, 18 January 2021". */
export function formatLocalDate(instant: string | Date, zone: TimeZoneName, lang: 'id' | 'en' = 'id'): string {
  const p = localParts(instant, zone);
  if (lang === 'en') {
    const day = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][p.weekday];
    return `${day}, ${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`;
  }
  return `${DAYS_ID[p.weekday]}, ${p.day} ${MONTHS_ID[p.month - 1]} ${p.year}`;
}

/** "18 Januari 2021 10.15 WIB (03.15 UTC)" — for certificates, where both are expected. */
export function formatLocalAndUtc(instant: string | Date, zone: TimeZoneName): string {
  const p = localParts(instant, zone);
  const u = localParts(instant, 'WIB');
  const utcHour = (u.hour - 7 + 24) % 24;
  return `${p.day} ${MONTHS_ID[p.month - 1]} ${p.year} ${pad(p.hour)}.${pad(p.minute)}.${pad(p.second)} ${zone} (${pad(utcHour)}.${pad(u.minute)}.${pad(u.second)} UTC)`;
}

export { DAYS_ID, MONTHS_ID };
