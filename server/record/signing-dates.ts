// When the signing actually took place, for the Berita Acara's opening sentence: the local days
// (in the ceremony's zone) of the recorded signatures, the first and last signing time, and
// whether that differs from the scheduled date, which the minutes then name only as the schedule.
import type { TimeZoneName } from '../../shared/domain/types';
import { formatLocalDate, localParts } from '../../shared/format/time';

export interface SigningDays {
  /** One instant per distinct local day, in order (the first signature of that day). */
  days: string[];
  first: string;
  last: string;
  /** The scheduled day is not among the days of signing. */
  isScheduleDifferent: boolean;
}

const dayKey = (instant: string, zone: TimeZoneName) => {
  const p = localParts(instant, zone);
  return `${p.year}-${p.month}-${p.day}`;
};

/** Undefined when nothing was signed. */
export function signingDays(instants: readonly string[], scheduledAt: string, zone: TimeZoneName): SigningDays | undefined {
  const sorted = [...instants].sort((a, b) => Date.parse(a) - Date.parse(b));
  if (sorted.length === 0) return undefined;
  const byDay = new Map<string, string>();
  for (const instant of sorted) if (!byDay.has(dayKey(instant, zone))) byDay.set(dayKey(instant, zone), instant);
  return {
    days: [...byDay.values()],
    first: sorted[0],
    last: sorted[sorted.length - 1],
    isScheduleDifferent: !byDay.has(dayKey(scheduledAt, zone)),
  };
}

/** "Senin, 18 Januari 2021", "… dan Selasa, 19 Januari 2021", "a, b, dan c" (English: "and"). */
export function listDays(days: readonly string[], zone: TimeZoneName, lang: 'id' | 'en'): string {
  const names = days.map((d) => formatLocalDate(d, zone, lang));
  const and = lang === 'id' ? 'dan' : 'and';
  if (names.length <= 2) return names.join(` ${and} `);
  return `${names.slice(0, -1).join('; ')}; ${and} ${names.at(-1)}`;
}
