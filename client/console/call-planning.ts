// Pure helpers for the console's call flow: filtering the roster into a wave and following the
// waves now at the desk. Kept out of the components so the rules are unit-tested.
import type { Agreement, PartyKind } from '../../shared/domain/types';
import type { CeremonyIndex } from '../lib/ceremony-index';
import { isDone } from '../lib/ceremony-state';

export type StatusFilter = 'open' | 'pending' | 'called' | 'done' | 'all';

export interface AgreementFilters {
  province: string;
  companyId: string;
  status: StatusFilter;
}

export const NO_FILTERS: AgreementFilters = { province: '', companyId: '', status: 'open' };

export function filterAgreements(agreements: Agreement[], index: CeremonyIndex, filters: AgreementFilters): Agreement[] {
  return agreements.filter((a) => {
    if (!matchesStatus(a, filters.status)) return false;
    if (filters.companyId && !a.parties.includes(filters.companyId)) return false;
    if (filters.province && !a.parties.some((id) => index.parties.get(id)?.province === filters.province)) return false;
    return true;
  });
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
  return [...new Set([...index.parties.values()].map((p) => p.province))].sort((a, b) => a.localeCompare(b, 'id'));
}

const COMPANY_KINDS: PartyKind[] = ['PMA', 'PMDN'];

/** The large companies: calling "all of company X" is how the reference event was run. */
export function companyOptions(index: CeremonyIndex): { id: string; name: string; kind: PartyKind }[] {
  return [...index.parties.values()]
    .filter((p) => COMPANY_KINDS.includes(p.kind))
    .map((p) => ({ id: p.id, name: p.name, kind: p.kind }))
    .sort((a, b) => a.name.localeCompare(b.name, 'id'));
}

export interface WaveProgress {
  waveId: string;
  calledAt: string;
  agreements: Agreement[];
  done: number;
  total: number;
}

/** Waves with at least one agreement still at the desk, newest first. */
export function activeWaves(agreements: Agreement[]): WaveProgress[] {
  const byWave = new Map<string, Agreement[]>();
  for (const a of agreements) {
    if (!a.waveId) continue;
    const list = byWave.get(a.waveId) ?? [];
    list.push(a);
    byWave.set(a.waveId, list);
  }
  const waves: WaveProgress[] = [];
  for (const [waveId, list] of byWave) {
    if (!list.some((a) => a.status === 'called')) continue;
    const calledAt = list.map((a) => a.calledAt ?? '').sort().at(-1) ?? '';
    waves.push({ waveId, calledAt, agreements: list, done: list.filter(isDone).length, total: list.length });
  }
  return waves.sort((a, b) => b.calledAt.localeCompare(a.calledAt));
}

/** Agreements signed or stamped per room, counting an agreement for every room it has a party in. */
export function roomProgress(agreements: Agreement[], index: CeremonyIndex): Map<string, { done: number; total: number }> {
  const progress = new Map<string, { done: number; total: number }>();
  for (const a of agreements) {
    const rooms = new Set(a.parties.map((id) => index.parties.get(id)?.room).filter((r): r is string => !!r));
    for (const roomId of rooms) {
      const entry = progress.get(roomId) ?? { done: 0, total: 0 };
      entry.total += 1;
      if (isDone(a)) entry.done += 1;
      progress.set(roomId, entry);
    }
  }
  return progress;
}
