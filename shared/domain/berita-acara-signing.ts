// Where the officials' signatures on the Berita Acara stand. The minutes are sealed once, after
// the organizer closes the signing and every official named in the roster has signed (or the
// organizer finished them without the missing ones). A ceremony without roster officials prints
// the default offices, which nobody signs live: its minutes are built at the close.
import type { Ceremony, CeremonyOfficial, OfficialSignatureRecord } from './types';

export type BeritaAcaraStage =
  /** No officials in the roster: nothing to wait for. */
  | 'no-officials'
  /** Before the close: the officials sign afterwards. */
  | 'not-closed'
  /** Closed, and some official has not signed yet. */
  | 'waiting'
  /** Every official signed. */
  | 'signed'
  /** The organizer finished it without the missing officials. */
  | 'finished-without';

export function beritaAcaraStage(ceremony: Pick<Ceremony, 'phase' | 'officials' | 'beritaAcara'>): BeritaAcaraStage {
  const officials = ceremony.officials ?? [];
  if (officials.length === 0) return 'no-officials';
  if (ceremony.phase !== 'closed') return 'not-closed';
  if (ceremony.beritaAcara?.finishedWithoutOfficials) return 'finished-without';
  return unsignedOfficials(ceremony).length === 0 ? 'signed' : 'waiting';
}

/** True once the minutes may be built: nothing is awaited from anyone. */
export function isBeritaAcaraReady(ceremony: Pick<Ceremony, 'phase' | 'officials' | 'beritaAcara'>): boolean {
  const stage = beritaAcaraStage(ceremony);
  return stage === 'no-officials' || stage === 'signed' || stage === 'finished-without';
}

export function officialSignatureOf(ceremony: Pick<Ceremony, 'beritaAcara'>, officialId: string): OfficialSignatureRecord | undefined {
  return ceremony.beritaAcara?.signatures.find((s) => s.officialId === officialId);
}

export function unsignedOfficials(ceremony: Pick<Ceremony, 'officials' | 'beritaAcara'>): CeremonyOfficial[] {
  return (ceremony.officials ?? []).filter((o) => !officialSignatureOf(ceremony, o.id));
}

/**
 * Officials as stored: rosters (and databases from before live signing) may omit `id` and
 * `room`; they become `pejabat-<n>` and the stage room (else the first room).
 */
export function normalizeOfficials(
  officials: ReadonlyArray<{ id?: string; name: string; title: string; institution?: string; room?: string }>,
  rooms: ReadonlyArray<{ id: string; isStage?: boolean }>,
): CeremonyOfficial[] {
  const stage = (rooms.find((r) => r.isStage) ?? rooms[0])?.id ?? '';
  return officials.map((o, i) => ({
    id: o.id ?? `pejabat-${i + 1}`,
    name: o.name,
    title: o.title,
    ...(o.institution ? { institution: o.institution } : {}),
    room: o.room ?? stage,
  }));
}
