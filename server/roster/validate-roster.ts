// Roster validation: the zod schema first, then the referential rules, every problem collected.
// Names are kept exactly as given (the schema trims surrounding spaces, nothing else), because
// a company's legal name in a signed agreement must match the one on its deed.
import { ZRosterSchema } from '../../shared/protocol/schemas';
import { describeZodIssue } from './describe-zod-issue';
import { checkRosterRules } from './roster-rules';
import { locateJsonPath, type Locate, type RosterProblem, type RosterResult } from './roster-problem';

export type { RosterProblem, RosterResult } from './roster-problem';

/** Validation with a caller-chosen way of naming places (the CSV import names files and rows). */
export function checkRoster(input: unknown, locate: Locate): RosterResult {
  const parsed = ZRosterSchema.safeParse(input);
  const problems: RosterProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ path: locate(issue.path), ...describeZodIssue(issue) });
    }
  }
  for (const problem of checkRosterRules(input, locate)) {
    problems.push({ path: locate(problem.path), message: problem.message, messageEn: problem.messageEn });
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, roster: parsed.data };
}

export function validateRoster(input: unknown): RosterResult {
  return checkRoster(input, locateJsonPath);
}
