// What the console derives from the agreements (per-room progress, the waves at the desk, the
// headline counts, the stamped and parked lists), kept up to date incrementally. A signature
// changes one agreement of 1,000; rebuilding every view from all of them on each update cost more
// than a frame at that size. The server's merge keeps unchanged agreements identical and in
// order (client/lib/ceremony-state), so an identity scan finds what changed, and only the rooms
// and waves of those agreements are recounted. Untouched rooms and waves keep their objects, so
// memoized rows and wave groups skip rendering.
import type { Agreement, Party, RoomPresence, Wave } from '../../shared/domain/types';
import type { CeremonyIndex } from '../lib/ceremony-index';
import { isDone } from '../lib/ceremony-state';
import type { RoomProgress, WaveItem, WaveProgress } from './call-planning';

export interface ConsoleDerived {
  /** The inputs these values were derived from, to find what changed next time. */
  agreements: Agreement[];
  parties: Map<string, Party>;
  waveList: Wave[];
  presence: Map<string, RoomPresence>;
  progress: Map<string, RoomProgress>;
  /** Positions (in `agreements`) of each wave's agreements, in roster order. */
  members: Map<string, number[]>;
  /** Every wave with agreements, active or not; an object is replaced only when its wave changed. */
  waveProgress: Map<string, WaveProgress>;
  /** Waves with an agreement still at the desk, newest first; stuck agreements first. */
  waves: WaveProgress[];
  signed: number;
  stamped: number;
  stampedList: Agreement[];
  parked: Agreement[];
}

/** Past this many changed agreements (a snapshot, a big wave) a full rebuild is as cheap. */
const INCREMENTAL_LIMIT = 64;

export function deriveConsole(
  agreements: Agreement[],
  waveList: Wave[],
  index: CeremonyIndex,
  presence: Map<string, RoomPresence>,
  previous?: ConsoleDerived,
): ConsoleDerived {
  if (previous && previous.agreements === agreements && previous.waveList === waveList && previous.presence === presence && previous.parties === index.parties) {
    return previous;
  }
  const changed = previous ? changedPositions(previous, agreements, index) : undefined;
  if (!previous || !changed) return deriveAll(agreements, waveList, index, presence);

  const progress = new Map(previous.progress);
  const copied = new Set<string>();
  const members = new Map(previous.members);
  const touchedWaves = new Set<string>();
  let { signed, stamped } = previous;
  let stampedChanged = false;
  let parkedChanged = false;
  for (const i of changed) {
    const before = previous.agreements[i];
    const after = agreements[i];
    addProgress(progress, before, index, -1, copied);
    addProgress(progress, after, index, 1, copied);
    signed += Number(isDone(after)) - Number(isDone(before));
    stamped += Number(after.status === 'stamped') - Number(before.status === 'stamped');
    stampedChanged ||= (before.status === 'stamped') !== (after.status === 'stamped');
    parkedChanged ||= isParked(before) || isParked(after);
    if (before.waveId !== after.waveId) {
      if (before.waveId) members.set(before.waveId, (members.get(before.waveId) ?? []).filter((p) => p !== i));
      if (after.waveId) members.set(after.waveId, insertSorted(members.get(after.waveId) ?? [], i));
    }
    if (before.waveId) touchedWaves.add(before.waveId);
    if (after.waveId) touchedWaves.add(after.waveId);
  }
  // A room going on- or offline changes which agreements are stuck, in any wave.
  const everyWave = previous.presence !== presence || previous.waveList !== waveList;
  const known = new Map(waveList.map((w) => [w.id, w]));
  const waveProgress = new Map(previous.waveProgress);
  for (const waveId of everyWave ? members.keys() : touchedWaves) {
    const positions = members.get(waveId) ?? [];
    if (positions.length === 0) waveProgress.delete(waveId);
    else waveProgress.set(waveId, buildWave(waveId, positions, agreements, known, index, presence, previous.waveProgress.get(waveId)));
  }
  return {
    agreements,
    parties: index.parties,
    waveList,
    presence,
    progress,
    members,
    waveProgress,
    waves: sameActive(previous.waves, waveProgress) ? previous.waves : activeList(waveProgress),
    signed,
    stamped,
    stampedList: stampedChanged ? agreements.filter((a) => a.status === 'stamped') : previous.stampedList,
    parked: parkedChanged ? agreements.filter(isParked) : previous.parked,
  };
}

function deriveAll(agreements: Agreement[], waveList: Wave[], index: CeremonyIndex, presence: Map<string, RoomPresence>): ConsoleDerived {
  const progress = new Map<string, RoomProgress>();
  const members = new Map<string, number[]>();
  let signed = 0;
  let stamped = 0;
  agreements.forEach((a, i) => {
    addProgress(progress, a, index, 1);
    if (isDone(a)) signed++;
    if (a.status === 'stamped') stamped++;
    if (!a.waveId) return;
    let list = members.get(a.waveId);
    if (!list) members.set(a.waveId, (list = []));
    list.push(i);
  });
  const known = new Map(waveList.map((w) => [w.id, w]));
  const waveProgress = new Map<string, WaveProgress>();
  for (const [waveId, positions] of members) waveProgress.set(waveId, buildWave(waveId, positions, agreements, known, index, presence));
  return {
    agreements,
    parties: index.parties,
    waveList,
    presence,
    progress,
    members,
    waveProgress,
    waves: activeList(waveProgress),
    signed,
    stamped,
    stampedList: agreements.filter((a) => a.status === 'stamped'),
    parked: agreements.filter(isParked),
  };
}

/** Positions whose agreement object changed, or undefined when the list itself changed shape. */
function changedPositions(previous: ConsoleDerived, agreements: Agreement[], index: CeremonyIndex): number[] | undefined {
  if (previous.parties !== index.parties || previous.agreements.length !== agreements.length) return undefined;
  const changed: number[] = [];
  for (let i = 0; i < agreements.length; i++) {
    if (previous.agreements[i] === agreements[i]) continue;
    if (previous.agreements[i].id !== agreements[i].id || changed.length >= INCREMENTAL_LIMIT) return undefined;
    changed.push(i);
  }
  return changed;
}

/** Adds (sign 1) or removes (sign -1) one agreement's share of its rooms' progress. */
function addProgress(progress: Map<string, RoomProgress>, a: Agreement, index: CeremonyIndex, sign: 1 | -1, copied?: Set<string>): void {
  const rooms = new Set<string>();
  const waiting = new Set<string>();
  for (const id of a.parties) {
    const room = index.parties.get(id)?.room;
    if (!room) continue;
    rooms.add(room);
    if (a.status === 'called' && !Object.hasOwn(a.signatures, id)) waiting.add(room);
  }
  for (const roomId of rooms) {
    let entry = progress.get(roomId);
    // Entries shared with the previous map are copied once before changing them.
    if (!entry || (copied && !copied.has(roomId))) {
      entry = entry ? { ...entry } : { done: 0, total: 0, atDesk: 0 };
      progress.set(roomId, entry);
      copied?.add(roomId);
    }
    entry.total += sign;
    if (isDone(a)) entry.done += sign;
    if (waiting.has(roomId)) entry.atDesk += sign;
  }
}

function buildWave(
  waveId: string,
  positions: number[],
  agreements: Agreement[],
  known: Map<string, Wave>,
  index: CeremonyIndex,
  presence: Map<string, RoomPresence>,
  previous?: WaveProgress,
): WaveProgress {
  const list = positions.map((p) => agreements[p]);
  const wave = known.get(waveId) ?? { id: waveId, number: 0, calledAt: list[0].calledAt ?? '', size: list.length };
  // Items keep their objects when nothing about them changed, so rows compare by identity.
  const before = new Map(previous?.items.map((item) => [item.agreement.id, item]));
  const items = list.map((agreement): WaveItem => {
    const stuck = isStuck(agreement, index, presence);
    const old = before.get(agreement.id);
    return old && old.agreement === agreement && old.stuck === stuck ? old : { agreement, stuck };
  });
  const rank = (i: WaveItem) => (i.stuck ? 0 : i.agreement.status === 'called' ? 1 : 2);
  items.sort((x, y) => rank(x) - rank(y));
  return { wave, items, done: list.filter(isDone).length, total: list.length };
}

function isStuck(a: Agreement, index: CeremonyIndex, presence: Map<string, RoomPresence>): boolean {
  return a.status === 'called' && a.parties.some((id) => !Object.hasOwn(a.signatures, id) && !presence.get(index.parties.get(id)?.room ?? '')?.online);
}

function isParked(a: Agreement): boolean {
  return a.status === 'signed' && !!a.stampFailure;
}

function activeList(waveProgress: Map<string, WaveProgress>): WaveProgress[] {
  return [...waveProgress.values()]
    .filter((w) => w.items.some((i) => i.agreement.status === 'called'))
    .sort((a, b) => b.wave.number - a.wave.number || b.wave.calledAt.localeCompare(a.wave.calledAt));
}

/** The active list can be kept when each of its waves is unchanged and no other became active. */
function sameActive(previous: WaveProgress[], waveProgress: Map<string, WaveProgress>): boolean {
  let active = 0;
  for (const w of waveProgress.values()) if (w.items.some((i) => i.agreement.status === 'called')) active++;
  return active === previous.length && previous.every((w) => waveProgress.get(w.wave.id) === w);
}

function insertSorted(list: number[], value: number): number[] {
  const next = [...list];
  let at = next.length;
  while (at > 0 && next[at - 1] > value) at--;
  next.splice(at, 0, value);
  return next;
}
