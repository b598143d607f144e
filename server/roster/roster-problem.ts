// What roster validation and CSV import hand back: every problem at once, each with a place a
// person can find (a JSON path or a CSV file and row) and a message in Bahasa Indonesia first.
import type { TRoster } from '../../shared/protocol/schemas';

export interface RosterProblem {
  /** `agreements[3].parties[1]` for JSON, `agreements.csv baris 7 (valueIdr)` for CSV. */
  path: string;
  message: string;
  messageEn?: string;
}

export type RosterResult = { ok: true; roster: TRoster } | { ok: false; problems: RosterProblem[] };

export type PathSegment = string | number;

/** Turns a structural path into the place shown to people; JSON and CSV format it differently. */
export type Locate = (path: readonly PathSegment[]) => string;

/** `['agreements', 3, 'parties', 1]` → `agreements[3].parties[1]`; the root is `roster`. */
export const locateJsonPath: Locate = (path) => {
  if (path.length === 0) return 'roster';
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
};

/** One line per problem, for logs, the CLI and `AckError.details`. */
export function formatRosterProblem(problem: RosterProblem): string {
  return `${problem.path}: ${problem.message}`;
}
