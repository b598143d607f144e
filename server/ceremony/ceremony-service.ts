// Runs commands against the ceremonies held in memory: apply (pure) → commit (compare-and-set on
// the ceremony's version) → publish. Each ceremony has a serial command queue, so a command is
// applied to the state the previous one left: concurrent identical signatures collapse into one,
// with no locks. The commands waiting together are committed together (group commit: one
// transaction, one fsync, see commit-batch.ts); each is published and answered with the version
// right after its own events. Another process (a second node, or a second handle on the
// same SQLite file) may have committed in between: the store then refuses the commit with
// VersionConflictError, and the command is applied again to the freshly loaded state (a bounded
// number of times). Nothing is published, and no request acknowledged, before its commit resolved.
import type { Ceremony } from '../../shared/domain/types';
import { ACTIVITY_TYPES, type ActivityItem } from '../../shared/protocol/views';
import type { Applied } from '../domain/apply';
import type { Command } from '../domain/commands';
import { fail, ok, type Result } from '../domain/errors';
import type { DomainEvent } from '../domain/events';
import { createState, type CeremonyState } from '../domain/state';
import type { Attachments, CeremonyStore, Committed } from '../persistence/store-contract';
import { assembleBatch, DEFAULT_COMMIT_BATCH, storageFailed, type Batch, type CommitBatchLimits, type Step, type Waiting } from './commit-batch';
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
  /** How many waiting commands one commit may carry (DEFAULT_COMMIT_BATCH when absent). */
  commitBatch?: CommitBatchLimits;
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

/** A ceremony's waiting commands and the loop that commits them. */
interface Queue {
  waiting: Waiting[];
  /** Batches still to run with one command each, after a batch the store refused. */
  solo: number;
  /**
   * While a commit of this ceremony is in flight: the newest version another writer was reported
   * at (markStale). Our commit may already be in storage and not yet answered (the SQLite writer
   * thread, PostgreSQL): storage then reports our own version, which is no reason to reload.
   * After the commit, a version newer than ours marks the entry stale; a conflict reloads anyway.
   */
  committing?: { staleAt: number };
  drained: Promise<void>;
}

export class CeremonyService {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry | undefined>>();
  private readonly queues = new Map<string, Queue>();
  private readonly listeners = new Set<Listener>();
  private readonly batchLimits: CommitBatchLimits;

  constructor(private readonly deps: CeremonyServiceDeps) {
    this.batchLimits = deps.commitBatch ?? DEFAULT_COMMIT_BATCH;
  }

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
    const committing = this.queues.get(ceremonyId)?.committing;
    if (committing) {
      committing.staleAt = Math.max(committing.staleAt, version);
      return;
    }
    const entry = this.entries.get(ceremonyId);
    if (entry && version > entry.version) entry.stale = true;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Runs the command after those queued before it for the same ceremony. Commands that wait
   * together are committed together (group commit, see commit-batch.ts); each is still answered
   * with its own result and the exact version right after it.
   */
  execute(ceremonyId: string, command: Command, attachments?: Attachments): Promise<Result<Executed>> {
    return new Promise((resolve, reject) => {
      const waiting: Waiting = { command, attachments, attempt: 1, resolve, reject };
      const queue = this.queues.get(ceremonyId);
      if (queue) {
        queue.waiting.push(waiting);
        return;
      }
      const started: Queue = { waiting: [waiting], solo: 0, drained: Promise.resolve() };
      this.queues.set(ceremonyId, started);
      started.drained = this.drain(ceremonyId, started);
    });
  }

  /** Resolves once every queued command has finished (before the store is closed). */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()].map((q) => q.drained));
  }

  /** Commits the ceremony's waiting commands batch after batch until none is left. */
  private async drain(ceremonyId: string, queue: Queue): Promise<void> {
    try {
      while (queue.waiting.length > 0) {
        // One macrotask turn first: commands whose messages arrived while the last commit held the
        // loop (better-sqlite3 is synchronous) reach the queue and join this batch.
        await new Promise((resolve) => setImmediate(resolve));
        if (queue.waiting.length === 0) break;
        await this.runBatch(ceremonyId, queue);
      }
    } finally {
      this.queues.delete(ceremonyId);
    }
  }

  private async runBatch(ceremonyId: string, queue: Queue): Promise<void> {
    const cached = this.entries.get(ceremonyId);
    let entry: Entry | undefined;
    try {
      entry = cached && !cached.stale ? cached : await this.reload(ceremonyId);
    } catch (error) {
      // Loading failed (storage down): every waiting command is answered, none is left hanging.
      this.deps.log?.(`loading ${ceremonyId} failed`, error);
      for (const waiting of queue.waiting.splice(0)) waiting.reject(error);
      return;
    }
    if (!entry) {
      for (const waiting of queue.waiting.splice(0)) waiting.resolve(fail('CEREMONY_NOT_FOUND', ceremonyId));
      return;
    }
    const limits = queue.solo > 0 ? { ...this.batchLimits, maxCommands: 1 } : this.batchLimits;
    if (queue.solo > 0) queue.solo -= 1;
    const batch = assembleBatch(entry.state, queue.waiting, limits, this.deps.now);
    for (const { waiting, error } of batch.thrown) waiting.reject(error);
    if (batch.steps.length === 0) return;
    try {
      await this.commitBatch(ceremonyId, queue, entry, batch);
    } catch (error) {
      // Only a failed version read can land here: the batch's commands are answered, not lost.
      this.deps.log?.(`batch in ${ceremonyId} failed`, error);
      for (const { waiting } of batch.steps) waiting.reject(error);
    }
  }

  private async commitBatch(ceremonyId: string, queue: Queue, entry: Entry, batch: Batch): Promise<void> {
    if (batch.events.length === 0) {
      // Another node may have committed what makes a refused command valid (a call, a phase
      // change) before its notice reached us: refuse only what the stored version refuses too.
      const recheck = batch.steps.some((s) => !s.result.ok && s.waiting.attempt < MAX_COMMIT_ATTEMPTS);
      if (recheck && (await this.deps.store.version(ceremonyId)) > entry.version) {
        entry.stale = true;
        this.requeue(queue, batch.steps);
        return;
      }
      // Nothing to store: live presence changes (see domain/apply.ts) are kept and published.
      entry.state = batch.state;
      this.answer(ceremonyId, batch.steps, entry.version, []);
      return;
    }

    let committed: Committed;
    const committing = (queue.committing = { staleAt: 0 });
    try {
      committed = await this.deps.store.commit(ceremonyId, entry.version, batch.events, batch.attachments);
    } catch (error) {
      queue.committing = undefined;
      if (error instanceof VersionConflictError) {
        this.markStale(ceremonyId, Math.max(error.actual, entry.version + 1));
        const retried = this.requeue(queue, batch.steps);
        // Nodes that lost the same race should not all retry in the same instant.
        if (retried > 2) await new Promise((resolve) => setTimeout(resolve, Math.random() * 4 * retried));
        return;
      }
      // Storage refused: the in-memory state is not advanced, so nothing half-happened.
      this.deps.log?.(`commit of ${batch.steps.length} command(s) failed in ${ceremonyId}`, error);
      if (batch.steps.length > 1) {
        // One command's write (a guard, a bad attachment) must not fail the others: they are
        // tried again one at a time, and a store that keeps failing fails each of them.
        queue.waiting.unshift(...batch.steps.map((s) => s.waiting));
        queue.solo = batch.steps.length;
        return;
      }
      batch.steps[0].waiting.resolve(storageFailed(error));
      return;
    }
    queue.committing = undefined;
    const activity = committed.activity.filter((item) => (ACTIVITY_TYPES as readonly string[]).includes(item.type));
    this.entries.set(ceremonyId, {
      state: batch.state,
      version: committed.version,
      activity: [...entry.activity, ...activity].slice(-RECENT_ACTIVITY),
      stale: committing.staleAt > committed.version,
    });
    this.answer(ceremonyId, batch.steps, entry.version, committed.activity);
  }

  /**
   * Puts the batch back at the head of the queue (in order) to run again on a reloaded state;
   * a command out of attempts is answered instead. Returns the highest attempt put back.
   */
  private requeue(queue: Queue, steps: Step[]): number {
    const again: Waiting[] = [];
    for (const { waiting, result } of steps) {
      if (waiting.attempt >= MAX_COMMIT_ATTEMPTS) {
        const { type } = waiting.command;
        this.deps.log?.(`${type}: the ceremony kept changing elsewhere (${MAX_COMMIT_ATTEMPTS} attempts)`);
        waiting.resolve(result.ok ? fail('INTERNAL', `changed concurrently ${MAX_COMMIT_ATTEMPTS} times; try again`) : result);
        continue;
      }
      again.push({ ...waiting, attempt: waiting.attempt + 1 });
    }
    queue.waiting.unshift(...again);
    return Math.max(0, ...again.map((w) => w.attempt));
  }

  /** Publishes each stored (or presence) change in order with its own version, then answers every command. */
  private answer(ceremonyId: string, steps: Step[], baseVersion: number, activity: ActivityItem[]): void {
    const answers: Array<() => void> = [];
    for (const { waiting, result, eventsBefore, changed } of steps) {
      if (!result.ok) {
        answers.push(() => waiting.resolve(result));
        continue;
      }
      const { events, state } = result.value;
      const version = baseVersion + eventsBefore + events.length;
      if (events.length > 0 || changed) {
        this.publish({
          ceremonyId,
          version,
          state,
          applied: result.value,
          events,
          activity: activity.slice(eventsBefore, eventsBefore + events.length),
        });
      }
      answers.push(() => waiting.resolve(ok({ ...result.value, version })));
    }
    // Acknowledged after every change of the batch is published (the realtime layer sends its
    // broadcasts after the acks they belong to).
    for (const send of answers) send();
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
