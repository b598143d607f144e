// Runs commands against the ceremonies held in memory: apply (pure) → commit (compare-and-set on
// the ceremony's version) → publish. Each ceremony has a serial command queue (a promise chain),
// so a command is applied to the state the previous one left: concurrent identical signatures
// collapse into one, with no locks. Another process (a second node, or a second handle on the
// same SQLite file) may have committed in between: the store then refuses the commit with
// VersionConflictError, and the command is applied again to the freshly loaded state (a bounded
// number of times). Nothing is published, and no request acknowledged, before its commit resolved.
import type { Ceremony } from '../../shared/domain/types';
import { ACTIVITY_TYPES, type ActivityItem } from '../../shared/protocol/views';
import { apply, type Applied } from '../domain/apply';
import type { Command } from '../domain/commands';
import { fail, ok, SaksiError, type Result } from '../domain/errors';
import type { DomainEvent } from '../domain/events';
import { createState, type CeremonyState } from '../domain/state';
import type { Attachments, CeremonyStore } from '../persistence/store-contract';
import { VersionConflictError } from '../persistence/store-errors';

export interface Published {
  ceremonyId: string;
  /** The ceremony's version (audit head) after this change; presence-only changes keep it. */
  version: number;
  state: CeremonyState;
  applied: Applied;
  events: DomainEvent[];
  activity: ActivityItem[];
}

export type Listener = (published: Published) => void;

/** A command's outcome and the ceremony's version right after it (unchanged when nothing was stored). */
export type Executed = Applied & { version: number };

export interface CeremonyServiceDeps {
  store: CeremonyStore;
  now: () => string;
  log?: (message: string, error?: unknown) => void;
}

/** Commits refused for a stale version before a command gives up (each retry reloads first). */
export const MAX_COMMIT_ATTEMPTS = 8;
/** Feed items kept per ceremony for the organizers' view. */
export const RECENT_ACTIVITY = 50;

interface Entry {
  state: CeremonyState;
  version: number;
  activity: ActivityItem[];
  /** Set by markStale: a newer version exists elsewhere; the next ensure() reloads. */
  stale: boolean;
}

export class CeremonyService {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry | undefined>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly listeners = new Set<Listener>();

  constructor(private readonly deps: CeremonyServiceDeps) {}

  /** The cached state of a ceremony (undefined until ensure() loaded it). */
  get(ceremonyId: string): CeremonyState | undefined {
    return this.entries.get(ceremonyId)?.state;
  }

  ceremony(ceremonyId: string): Ceremony | undefined {
    return this.get(ceremonyId)?.ceremony;
  }

  /** The version the cached state corresponds to. */
  version(ceremonyId: string): number | undefined {
    return this.entries.get(ceremonyId)?.version;
  }

  /** The organizers' recent feed (oldest first), kept beside the cached state. */
  activity(ceremonyId: string): ActivityItem[] {
    return this.entries.get(ceremonyId)?.activity ?? [];
  }

  /** The state of a ceremony, loaded from storage on first use or when marked stale. */
  async ensure(ceremonyId: string): Promise<CeremonyState | undefined> {
    const entry = this.entries.get(ceremonyId);
    if (entry && !entry.stale) return entry.state;
    return (await this.reload(ceremonyId))?.state;
  }

  /**
   * Another node committed `version`: if it is newer than the cached one, the next access
   * reloads (several marks before then cost one load).
   */
  markStale(ceremonyId: string, version: number): void {
    const entry = this.entries.get(ceremonyId);
    if (entry && version > entry.version) entry.stale = true;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs the command after those queued before it for the same ceremony. */
  execute(ceremonyId: string, command: Command, attachments?: Attachments): Promise<Result<Executed>> {
    const previous = this.queues.get(ceremonyId) ?? Promise.resolve();
    const run = previous.then(() => this.run(ceremonyId, command, attachments));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(ceremonyId, settled);
    void settled.then(() => {
      if (this.queues.get(ceremonyId) === settled) this.queues.delete(ceremonyId);
    });
    return run;
  }

  /** Resolves once every queued command has finished (before the store is closed). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private async run(ceremonyId: string, command: Command, attachments?: Attachments): Promise<Result<Executed>> {
    for (let attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt += 1) {
      const cached = this.entries.get(ceremonyId);
      const entry = cached && !cached.stale ? cached : await this.reload(ceremonyId);
      if (!entry) return fail('CEREMONY_NOT_FOUND', ceremonyId);
      const result = apply(entry.state, command, { now: this.deps.now() });
      if (!result.ok) {
        // Another node may have committed what makes this command valid (a call, a phase change)
        // before its notice reached us: refuse only what the stored version refuses too.
        if (attempt < MAX_COMMIT_ATTEMPTS && (await this.deps.store.version(ceremonyId)) > entry.version) {
          entry.stale = true;
          continue;
        }
        return result;
      }
      const { events } = result.value;
      if (events.length === 0) {
        if (result.value.state !== entry.state) {
          // Live presence changes without an audit event (see domain/apply.ts): kept and published, not stored.
          entry.state = result.value.state;
          this.publish({ ceremonyId, version: entry.version, state: entry.state, applied: result.value, events, activity: [] });
        }
        return ok({ ...result.value, version: entry.version });
      }
      let committed;
      try {
        committed = await this.deps.store.commit(ceremonyId, entry.version, events, attachments);
      } catch (error) {
        if (error instanceof VersionConflictError) {
          this.markStale(ceremonyId, Math.max(error.actual, entry.version + 1));
          // Nodes that lost the same race should not all retry in the same instant.
          if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * attempt));
          continue;
        }
        // Storage refused: the in-memory state is not advanced, so nothing half-happened.
        this.deps.log?.(`commit failed for ${command.type} in ${ceremonyId}`, error);
        return { ok: false, error: new SaksiError('INTERNAL', String(error)) };
      }
      const activity = committed.activity.filter((item) => (ACTIVITY_TYPES as readonly string[]).includes(item.type));
      const next: Entry = {
        state: result.value.state,
        version: committed.version,
        activity: [...entry.activity, ...activity].slice(-RECENT_ACTIVITY),
        stale: false,
      };
      this.entries.set(ceremonyId, next);
      this.publish({ ceremonyId, version: next.version, state: next.state, applied: result.value, events, activity: committed.activity });
      return ok({ ...result.value, version: next.version });
    }
    this.deps.log?.(`${command.type} in ${ceremonyId}: the ceremony kept changing elsewhere (${MAX_COMMIT_ATTEMPTS} attempts)`);
    return fail('INTERNAL', `${ceremonyId} changed concurrently ${MAX_COMMIT_ATTEMPTS} times; try again`);
  }

  /** Loads the ceremony from storage; concurrent reloads of one ceremony share one load. */
  private reload(ceremonyId: string): Promise<Entry | undefined> {
    const inFlight = this.loading.get(ceremonyId);
    if (inFlight) return inFlight;
    const load = this.load(ceremonyId).finally(() => this.loading.delete(ceremonyId));
    this.loading.set(ceremonyId, load);
    return load;
  }

  private async load(ceremonyId: string): Promise<Entry | undefined> {
    const [loaded, activity] = await Promise.all([
      this.deps.store.loadCeremony(ceremonyId),
      this.deps.store.recentActivity(ceremonyId, RECENT_ACTIVITY),
    ]);
    const current = this.entries.get(ceremonyId);
    if (!loaded) return current;
    // A commit of this node may have landed while the load ran: never go back to an older version.
    if (current && current.version >= loaded.version) {
      current.stale = current.version < loaded.version;
      return current;
    }
    const fresh = createState(loaded.ceremony, { inviteEpochs: loaded.inviteEpochs, now: this.deps.now() });
    // Live presence is this node's own knowledge (its sockets), not stored state: it survives a reload.
    const state = current ? { ...fresh, presence: current.state.presence } : fresh;
    const entry: Entry = { state, version: loaded.version, activity, stale: false };
    this.entries.set(ceremonyId, entry);
    return entry;
  }

  private publish(published: Published): void {
    for (const listener of this.listeners) {
      try {
        listener(published);
      } catch (error) {
        this.deps.log?.('listener failed', error);
      }
    }
  }
}
