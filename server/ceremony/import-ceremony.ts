// Import a roster: validate it whole (every problem listed), render every agreement's PDF, then
// write the ceremony in one transaction. A refused roster leaves nothing behind.
import { randomBytes } from 'node:crypto';
import type { Ceremony } from '../../shared/domain/types';
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
    ...(roster.officials ? { officials: roster.officials.map((o) => ({ ...o })) } : {}),
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
  const originals = new Map<string, { pdf: Uint8Array; sha256: string }>();
  for (const agreement of ceremony.agreements) {
    const pdf = await deps.documents.renderAgreement(agreementDocumentInput(state, agreement));
    originals.set(agreement.id, { pdf, sha256: sha256Hex(pdf) });
  }
  try {
    await deps.store.createCeremony(ceremony, { originals });
  } catch (error) {
    // Lost a race with an import of the same id: the transaction rolled back whole.
    if (await deps.store.hasCeremony(id)) return fail('CEREMONY_EXISTS', id);
    throw error;
  }
  return ok(ceremony);
}
