// Pure helpers for the console: filtering the roster into a wave (by the tally's province rule),
// previewing a wave, following waves at the desk (stuck parties first) and each room's state.
// Kept out of the components so the rules are unit-tested and cheap to recompute per update.
import type { Agreement, PartyKind, RoomPresence, Wave } from '../../shared/domain/types';
import type { CeremonyIndex } from '../lib/ceremony-index';
import { isDone } from '../lib/ceremony-state';

export type StatusFilter = 'open' | 'pending' | 'called' | 'done' | 'all';

export interface AgreementFilters {
  /** Matches the agreement number, a party's name or a party's room name (case-insensitive). */
  search: string;
  province: string;
  companyId: string;
  roomId: string;
  status: StatusFilter;
}

export const NO_FILTERS: AgreementFilters = { search: '', province: '', companyId: '', roomId: '', status: 'open' };

export function filterAgreements(agreements: Agreement[], index: CeremonyIndex, filters: AgreementFilters): Agreement[] {
  const needle = filters.search.trim().toLocaleLowerCase('id');
  return agreements.filter((a) => {
    if (!matchesStatus(a, filters.status)) return false;
    if (filters.companyId && !a.parties.includes(filters.companyId)) return false;
    // The tally's rule: an agreement belongs to the province of its (first) UMKM party.
    if (filters.province && index.agreementProvince.get(a.id) !== filters.province) return false;
    if (filters.roomId && !a.parties.some((id) => index.parties.get(id)?.room === filters.roomId)) return false;
    if (needle && !searchText(a, index).includes(needle)) return false;
    return true;
  });
}

/** Lower-cased search text per agreement object: typing in the search box at 1,000 agreements
 *  should not rebuild 1,000 strings per keystroke; an updated agreement is a new object. */
const searchTexts = new WeakMap<Agreement, string>();

function searchText(a: Agreement, index: CeremonyIndex): string {
  const cached = searchTexts.get(a);
  if (cached !== undefined) return cached;
  const text = buildSearchText(a, index);
  searchTexts.set(a, text);
  return text;
}

function buildSearchText(a: Agreement, index: CeremonyIndex): string {
  const parts = [a.id, a.title];
  for (const id of a.parties) {
    const party = index.parties.get(id);
    if (!party) continue;
    parts.push(party.name, index.rooms.get(party.room)?.name ?? '');
  }
  return parts.join(' ').toLocaleLowerCase('id');
}

function matchesStatus(a: Agreement, status: StatusFilter): boolean {
  switch (status) {
    case 'open':
      return a.status === 'pending' || a.status === 'called';
    case 'pending':
    case 'called':
      return a.status === status;
    case 'done':
      return isDone(a);
    case 'all':
      return true;
    default: {
      const unreachable: never = status;
      return unreachable;
    }
  }
}

/** Only agreements not yet at the desk join a wave; called ones are re-called one by one. */
export function waveCandidates(agreements: Agreement[]): string[] {
  return agreements.filter((a) => a.status === 'pending').map((a) => a.id);
}

/** Agreements that can be (re-)called: not yet signed by everyone. */
export function isCallable(a: Agreement): boolean {
  return a.status === 'pending' || a.status === 'called';
}

export function provinceOptions(index: CeremonyIndex): string[] {
  return [...new Set(index.agreementProvince.values())].sort((a, b) => a.localeCompare(b, 'id'));
}

const COMPANY_KINDS: PartyKind[] = ['PMA', 'PMDN'];

/** The large companies: calling "all of company X" is how the reference event was run. */
export function companyOptions(index: CeremonyIndex): { id: string; name: string; kind: PartyKind }[] {
  return [...index.parties.values()]
    .filter((p) => COMPANY_KINDS.includes(p.kind))
    .map((p) => ({ id: p.id, name: p.name, kind: p.kind }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
}

// ---- rooms ----

/** waiting: not joined yet (not an absence in the lobby); dropped: was here and left. */
export type RoomState = 'online' | 'waiting' | 'dropped';

export function roomState(presence: RoomPresence | undefined): RoomState {
  if (presence?.online) return 'online';
  return presence?.since ? 'dropped' : 'waiting';
}

export interface RoomProgress {
  done: number;
  total: number;
  /** Called agreements with a party of this room still to sign. */
  atDesk: number;
}

/** Per room: agreements done, all, and at the desk waiting for it; one pass over the agreements. */
export function roomProgress(agreements: Agreement[], index: CeremonyIndex): Map<string, RoomProgress> {
  const progress = new Map<string, RoomProgress>();
  for (const a of agreements) {
    const rooms = new Set<string>();
    const waitingRooms = new Set<string>();
    for (const id of a.parties) {
      const room = index.parties.get(id)?.room;
      if (!room) continue;
      rooms.add(room);
      if (a.status === 'called' && !a.signatures[id]) waitingRooms.add(room);
    }
    for (const roomId of rooms) {
      let entry = progress.get(roomId);
      if (!entry) progress.set(roomId, (entry = { done: 0, total: 0, atDesk: 0 }));
      entry.total += 1;
      if (isDone(a)) entry.done += 1;
      if (waitingRooms.has(roomId)) entry.atDesk += 1;
    }
  }
  return progress;
}

// ---- a wave before it is called ----

export interface WavePreview {
  agreementIds: string[];
  valueIdr: number;
  rooms: { roomId: string; state: RoomState }[];
  online: number;
}

export function previewWave(agreementIds: string[], index: CeremonyIndex, presence: Map<string, RoomPresence>): WavePreview {
  const rooms = new Set<string>();
  let valueIdr = 0;
  for (const id of agreementIds) {
    const a = index.agreements.get(id);
    if (!a) continue;
    valueIdr += a.valueIdr;
    for (const partyId of a.parties) {
      const room = index.parties.get(partyId)?.room;
      if (room) rooms.add(room);
    }
  }
  const list = [...rooms].map((roomId) => ({ roomId, state: roomState(presence.get(roomId)) }));
  return { agreementIds, valueIdr, rooms: list, online: list.filter((r) => r.state === 'online').length };
}

// ---- waves at the desk ----

export interface WaveItem {
  agreement: Agreement;
  /** A party still to sign whose room is not online: the organizer must act. */
  stuck: boolean;
}

export interface WaveProgress {
  wave: Wave;
  items: WaveItem[];
  done: number;
  total: number;
}

/** Waves with at least one agreement still at the desk, newest first; stuck agreements first. */
export function activeWaves(agreements: Agreement[], waves: Wave[], index: CeremonyIndex, presence: Map<string, RoomPresence>): WaveProgress[] {
  const byWave = new Map<string, Agreement[]>();
  for (const a of agreements) {
    if (!a.waveId) continue;
    let list = byWave.get(a.waveId);
    if (!list) byWave.set(a.waveId, (list = []));
    list.push(a);
  }
  const known = new Map(waves.map((w) => [w.id, w]));
  const result: WaveProgress[] = [];
  for (const [waveId, list] of byWave) {
    if (!list.some((a) => a.status === 'called')) continue;
    const wave = known.get(waveId) ?? { id: waveId, number: 0, calledAt: list[0].calledAt ?? '', size: list.length };
    const items = list.map((agreement) => ({
      agreement,
      stuck:
        agreement.status === 'called' &&
        agreement.parties.some((id) => !agreement.signatures[id] && !presence.get(index.parties.get(id)?.room ?? '')?.online),
    }));
    const rank = (i: WaveItem) => (i.stuck ? 0 : i.agreement.status === 'called' ? 1 : 2);
    items.sort((x, y) => rank(x) - rank(y));
    result.push({ wave, items, done: list.filter(isDone).length, total: list.length });
  }
  return result.sort((a, b) => b.wave.number - a.wave.number || b.wave.calledAt.localeCompare(a.wave.calledAt));
}

/** "3 mnt", "1 j 05 mnt": how long something has been waiting. */
export function formatElapsed(fromIso: string, nowMs: number, lang: 'id' | 'en'): string {
  const minutes = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
  if (minutes < 1) return lang === 'id' ? '< 1 mnt' : '< 1 min';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return lang === 'id' ? `${m} mnt` : `${m} min`;
  return lang === 'id' ? `${h} j ${String(m).padStart(2, '0')} mnt` : `${h} h ${String(m).padStart(2, '0')} min`;
}
