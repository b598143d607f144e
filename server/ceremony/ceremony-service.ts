// Runs commands against the ceremonies held in memory: apply (pure) → persist (one SQLite
// transaction) → publish. Node runs handlers one at a time and both steps are synchronous, so a
// command is applied to the state the previous one left: concurrent identical signatures
// collapse into one, with no locks.
import type { Ceremony } from '../../shared/domain/types';
import type { ActivityItem } from '../../shared/protocol/views';
import { apply, type Applied } from '../domain/apply';
import type { Command } from '../domain/commands';
import { fail, SaksiError, type Result } from '../domain/errors';
import type { DomainEvent } from '../domain/events';
import { createState, type CeremonyState } from '../domain/state';
import type { Attachments, CeremonyStore } from '../persistence/store';

export interface Published {
  ceremonyId: string;
  state: CeremonyState;
  applied: Applied;
  events: DomainEvent[];
  activity: ActivityItem[];
}

export type Listener = (published: Published) => void;

export interface CeremonyServiceDeps {
  store: CeremonyStore;
  now: () => string;
  log?: (message: string, error?: unknown) => void;
}

export class CeremonyService {
  private readonly states = new Map<string, CeremonyState>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly deps: CeremonyServiceDeps) {}

  /** The state of a ceremony, loaded from storage on first use. */
  get(ceremonyId: string): CeremonyState | undefined {
    const cached = this.states.get(ceremonyId);
    if (cached) return cached;
    const loaded = this.deps.store.loadCeremony(ceremonyId);
    if (!loaded) return undefined;
    const state = createState(loaded.ceremony, { inviteEpochs: loaded.inviteEpochs, now: this.deps.now() });
    this.states.set(ceremonyId, state);
    return state;
  }

  ceremony(ceremonyId: string): Ceremony | undefined {
    return this.get(ceremonyId)?.ceremony;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  execute(ceremonyId: string, command: Command, attachments?: Attachments): Result<Applied> {
    const state = this.get(ceremonyId);
    if (!state) return fail('CEREMONY_NOT_FOUND', ceremonyId);
    const result = apply(state, command, { now: this.deps.now() });
    if (!result.ok) return result;
    // Live presence changes without an audit event (see domain/apply.ts): kept and published, not stored.
    if (result.value.events.length === 0 && result.value.state === state) return result;
    let activity: ActivityItem[] = [];
    try {
      if (result.value.events.length) activity = this.deps.store.commit(ceremonyId, result.value.events, attachments);
    } catch (error) {
      // Storage refused: the in-memory state is not advanced, so nothing half-happened.
      this.deps.log?.(`commit failed for ${command.type} in ${ceremonyId}`, error);
      return { ok: false, error: new SaksiError('INTERNAL', String(error)) };
    }
    this.states.set(ceremonyId, result.value.state);
    const published: Published = {
      ceremonyId,
      state: result.value.state,
      applied: result.value,
      events: result.value.events,
      activity,
    };
    for (const listener of this.listeners) {
      try {
        listener(published);
      } catch (error) {
        this.deps.log?.('listener failed', error);
      }
    }
    return result;
  }
}
