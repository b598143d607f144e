// Group commit: the commands waiting for one ceremony are applied one after another to the evolving
// in-memory state (each sees the previous one's result, so idempotency and refusals are exactly
// those of running them one at a time), and the events of all of them go to the store in ONE
// commit: one transaction, one fsync. With SQLite at synchronous=FULL the fsync is the cost of a
// commit (~6 ms against ~0.2 ms of work), so a burst of signatures is bounded by fsyncs, not by
// the signatures. This file only assembles a batch (pure, no I/O); ceremony-service.ts commits it
// and answers each command with its own result and version.
import { apply, type Applied } from '../domain/apply';
import type { Command } from '../domain/commands';
import { SaksiError, type Result } from '../domain/errors';
import type { DomainEvent } from '../domain/events';
import type { CeremonyState } from '../domain/state';
import type { Attachments } from '../persistence/store-contract';

export interface CommitBatchLimits {
  /** Commands in one commit; 1 commits them one at a time (GROUP_COMMIT=0). */
  maxCommands: number;
  /** Events in one commit (a command that alone has more is still committed, alone). */
  maxEvents: number;
  /** Attachment bytes (signature images, stamped PDFs) in one commit, same exception. */
  maxAttachmentBytes: number;
}

/**
 * A commit holds the main loop for its SQL (~0.1–0.2 ms per event) and its fsync (~5 ms, plus
 * the attachment bytes written): better-sqlite3 is synchronous. 64 events and 1 MiB keep one
 * commit near 10–15 ms on an idle machine, while a 16-room burst still needs ~20× fewer fsyncs
 * than one commit per command (bench/group-commit.ts).
 */
export const DEFAULT_COMMIT_BATCH: CommitBatchLimits = { maxCommands: 32, maxEvents: 64, maxAttachmentBytes: 1024 * 1024 };

/** The one-at-a-time path (each command its own transaction), as before group commit. */
export const SERIAL_COMMITS: CommitBatchLimits = { ...DEFAULT_COMMIT_BATCH, maxCommands: 1 };

/** Shorthand for maps keyed by id. */
const hasKey = (map: Map<string, unknown> | undefined, key: string) => map?.has(key) ?? false;

/** A command waiting in a ceremony's queue. */
export interface Waiting {
  command: Command;
  attachments?: Attachments;
  /** Commits tried for it so far, plus one (1 on its first run). */
  attempt: number;
  resolve: (result: Result<Applied & { version: number }>) => void;
  reject: (error: unknown) => void;
}

/** One command's part of a batch. */
export interface Step {
  waiting: Waiting;
  /** Its outcome against the state the steps before it left; a refusal contributes nothing. */
  result: Result<Applied>;
  /** Events of the steps before it in this batch: its version is base + before + its own. */
  eventsBefore: number;
  /** It changed the state (a refusal or a repeated command does not): published even without events. */
  changed: boolean;
}

export interface Batch {
  steps: Step[];
  /** Every step's events, in order: what the one commit stores. */
  events: DomainEvent[];
  /** The attachments of the steps that have events, merged (their keys never collide). */
  attachments: Attachments;
  /** The state after the last step. */
  state: CeremonyState;
  /** Applying threw (a bug, not a refusal): answered by rejecting, never committed. */
  thrown: Array<{ waiting: Waiting; error: unknown }>;
}

type AttachmentMaps = { [K in keyof Attachments]-?: NonNullable<Attachments[K]> };
const ATTACHMENT_KINDS = ['signatureImages', 'documents', 'signerAddresses', 'officialSignatureImages'] as const satisfies ReadonlyArray<keyof AttachmentMaps>;

function attachmentBytes(attachments: Attachments | undefined): number {
  let bytes = 0;
  for (const kind of ATTACHMENT_KINDS) {
    for (const value of attachments?.[kind]?.values() ?? []) bytes += typeof value === 'string' ? value.length : value.byteLength;
  }
  return bytes;
}

/** True if a key of `next` is already in `merged`: two commands would share one attachment slot. */
function collides(merged: Attachments, next: Attachments | undefined): boolean {
  return ATTACHMENT_KINDS.some((kind) => [...(next?.[kind]?.keys() ?? [])].some((key) => hasKey(merged[kind], key)));
}

function mergeInto(merged: Attachments, next: Attachments | undefined): void {
  for (const kind of ATTACHMENT_KINDS) {
    const from = next?.[kind];
    if (!from?.size) continue;
    const into = (merged[kind] ??= new Map()) as Map<string, unknown>;
    for (const [key, value] of from) into.set(key, value);
  }
}

/**
 * Takes commands from the head of `queue` (removing them) and applies them in order to `state`
 * until a limit is reached. Always takes at least one command, so a command larger than the
 * limits still runs (alone). A command whose attachments would share a key with an earlier one
 * in the batch waits for the next batch.
 */
export function assembleBatch(state: CeremonyState, queue: Waiting[], limits: CommitBatchLimits, now: () => string): Batch {
  const batch: Batch = { steps: [], events: [], attachments: {}, state, thrown: [] };
  let bytes = 0;
  while (queue.length > 0 && batch.steps.length < limits.maxCommands) {
    const waiting = queue[0];
    const taken = batch.steps.length + batch.thrown.length;
    const size = attachmentBytes(waiting.attachments);
    if (taken > 0 && (bytes + size > limits.maxAttachmentBytes || collides(batch.attachments, waiting.attachments))) break;
    let result: Result<Applied>;
    try {
      result = apply(batch.state, waiting.command, { now: now() });
    } catch (error) {
      queue.shift();
      batch.thrown.push({ waiting, error });
      continue;
    }
    const events = result.ok ? result.value.events : [];
    // Applying is pure: a command that does not fit is simply left for the next batch.
    if (taken > 0 && batch.events.length + events.length > limits.maxEvents) break;
    queue.shift();
    batch.steps.push({ waiting, result, eventsBefore: batch.events.length, changed: result.ok && result.value.state !== batch.state });
    if (!result.ok) continue;
    batch.state = result.value.state;
    if (events.length === 0) continue;
    batch.events.push(...events);
    bytes += size;
    mergeInto(batch.attachments, waiting.attachments);
  }
  return batch;
}

/** The failure every command of a batch gets when storage refused it (nothing was stored). */
export function storageFailed(error: unknown): { ok: false; error: SaksiError } {
  return { ok: false, error: new SaksiError('INTERNAL', String(error)) };
}
