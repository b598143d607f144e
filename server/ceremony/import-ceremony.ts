// Import a roster: validate it whole (every problem listed), render every agreement's PDF, then
// write the ceremony in one transaction. A refused roster leaves nothing behind.
// Originals are rendered several at a time: with the stamping pool as `documents` they render in
// parallel in its workers (the 196 of the demo in a fraction of the time one thread takes), and a
// bounded number in flight leaves room in the pool's queue for another ceremony's stamp jobs.
import { randomBytes } from 'node:crypto';
import type { Ceremony } from '../../shared/domain/types';
import { normalizeOfficials } from '../../shared/domain/berita-acara-signing';
import type { TRoster } from '../../shared/protocol/schemas';
import type { DocumentService } from '../documents/types';
import { fail, ok, type Result } from '../domain/errors';
import { createState } from '../domain/state';
import type { CeremonyStore } from '../persistence/store-contract';
import { formatRosterProblem, type RosterResult } from '../roster/roster-problem';
import { validateRoster } from '../roster/validate-roster';
import { agreementDocumentInput } from './document-inputs';
import { sha256Hex } from '../security/sha256';

export interface ImportDeps {
  store: CeremonyStore;
  documents: DocumentService;
  now: () => string;
  /** Originals rendered at once (e.g. twice the pool's workers); one at a time when absent. */
  renderConcurrency?: number;
}

export function rosterToCeremony(roster: TRoster, id: string, createdAt: string): Ceremony {
  return {
    id,
    title: roster.title,
    startsAt: new Date(roster.startsAt).toISOString(),
    phase: 'draft',
    createdAt,
    ...(roster.contact ? { contact: { ...roster.contact } } : {}),
    // Only the stage room carries the flag, so stored and reloaded ceremonies compare equal.
    rooms: roster.rooms.map(({ isStage, ...room }) => (isStage ? { ...room, isStage: true } : room)),
    parties: roster.parties.map((p) => ({ ...p, representative: { ...p.representative } })),
    agreements: roster.agreements.map((a) => ({ ...a, status: 'pending', signatures: {} })),
    waves: [],
    timeline: {},
    ...(roster.officials ? { officials: normalizeOfficials(roster.officials, roster.rooms) } : {}),
  };
}

export async function importRoster(deps: ImportDeps, input: unknown): Promise<Result<Ceremony>> {
  return importValidated(deps, validateRoster(input));
}

export async function importValidated(deps: ImportDeps, validated: RosterResult): Promise<Result<Ceremony>> {
  if (!validated.ok) {
    return fail('INVALID_ROSTER', `${validated.problems.length} problems`, validated.problems.map(formatRosterProblem));
  }
  const roster = validated.roster;
  const id = roster.id ?? `upacara-${roster.startsAt.slice(0, 10)}-${randomBytes(3).toString('hex')}`;
  if (await deps.store.hasCeremony(id)) return fail('CEREMONY_EXISTS', id);
  const ceremony = rosterToCeremony(roster, id, deps.now());
  const state = createState(ceremony, { now: ceremony.createdAt });
  const rendered = await mapLimited(ceremony.agreements, deps.renderConcurrency ?? 1, async (agreement) => {
    const pdf = await deps.documents.renderAgreement(agreementDocumentInput(state, agreement));
    return [agreement.id, { pdf, sha256: sha256Hex(pdf) }] as const;
  });
  // In roster order whatever order the renders finished in: the audit event lists them this way.
  const originals = new Map<string, { pdf: Uint8Array; sha256: string }>(rendered);
  try {
    await deps.store.createCeremony(ceremony, { originals });
  } catch (error) {
    // Lost a race with an import of the same id: the transaction rolled back whole.
    if (await deps.store.hasCeremony(id)) return fail('CEREMONY_EXISTS', id);
    throw error;
  }
  return ok(ceremony);
}

/** `fn` over `items` with at most `limit` calls pending; results in the items' order. Fails on the first failure. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (error) {
        failed = true; // the other lanes start nothing new
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
