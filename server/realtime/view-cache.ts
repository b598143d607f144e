// `ceremony:sync` and the snapshot on connect are answered from here. A view depends on the
// ceremony's state and on who asks (role, and the room for officials), so it is built once per
// (state, role, room) and reused until the state changes or `ttlMs` passes; only `serverTime` is
// fresh on every answer. 1,400 syncs a second from one observer cost one build, not 1,400.
import type { CeremonyView, Identity } from '../../shared/protocol/views';
import type { CeremonyState } from '../domain/state';
import { buildView } from './views';

export interface ViewCacheDeps {
  ttlMs: number;
  getState(ceremonyId: string): CeremonyState | undefined;
  /** The version the current state reflects. */
  getVersion(ceremonyId: string): number;
  /** The organizer's recent activity (read from storage). */
  activity(ceremonyId: string): CeremonyView['activity'];
  now(): string;
  nowMs(): number;
}

interface Entry {
  state: CeremonyState;
  views: Map<string, { view: CeremonyView; builtAt: number }>;
}

const viewKey = (you: Identity) => `${you.role}\n${you.roomId ?? ''}`;

export class ViewCache {
  private readonly entries = new Map<string, Entry>();
  /** Views built (cache misses), for tests and benchmarks. */
  builds = 0;

  constructor(private readonly deps: ViewCacheDeps) {}

  view(you: Identity): CeremonyView | undefined {
    const state = this.deps.getState(you.ceremonyId);
    if (!state) return undefined;
    let entry = this.entries.get(you.ceremonyId);
    if (!entry || entry.state !== state) {
      entry = { state, views: new Map() };
      this.entries.set(you.ceremonyId, entry);
    }
    const key = viewKey(you);
    const nowMs = this.deps.nowMs();
    const cached = entry.views.get(key);
    if (cached && nowMs - cached.builtAt < this.deps.ttlMs) return { ...cached.view, serverTime: this.deps.now() };
    this.builds += 1;
    const view = buildView(state, this.deps.getVersion(you.ceremonyId), you, you.role === 'organizer' ? this.deps.activity(you.ceremonyId) : [], this.deps.now());
    entry.views.set(key, { view, builtAt: nowMs });
    return view;
  }

  invalidate(ceremonyId: string): void {
    this.entries.delete(ceremonyId);
  }

  clear(): void {
    this.entries.clear();
  }
}
