// Referential rules of a roster, checked on the raw input so they can be reported together with
// schema problems: a person fixing a spreadsheet wants the whole list, not one error per upload.
// Entries that are malformed are skipped here (the schema already reported them), and checks
// that depend on something broken elsewhere are skipped too, so one typo does not cascade.
import type { PathSegment } from './roster-problem';

export interface RuleProblem {
  path: PathSegment[];
  message: string;
  messageEn: string;
}

type Loose = Record<string, unknown>;

const isRecord = (value: unknown): value is Loose =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const entriesOf = (input: Loose, key: string): unknown[] => {
  const value = input[key];
  return Array.isArray(value) ? value : [];
};

const stringAt = (entry: unknown, key: string): string | undefined => {
  if (!isRecord(entry)) return undefined;
  const value = entry[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const COLLECTION_NAMES = {
  rooms: { id: 'ruang', en: 'room' },
  parties: { id: 'pihak', en: 'party' },
  agreements: { id: 'perjanjian', en: 'agreement' },
} as const;

type Collection = keyof typeof COLLECTION_NAMES;

/** Ids in a collection, first occurrence wins; a repeated id is a problem at the repeat. */
function indexIds(
  input: Loose,
  collection: Collection,
  describe: (path: PathSegment[]) => string,
  problems: RuleProblem[],
): Map<string, number> {
  const firstIndex = new Map<string, number>();
  entriesOf(input, collection).forEach((entry, index) => {
    const id = stringAt(entry, 'id');
    if (id === undefined) return;
    const first = firstIndex.get(id);
    if (first === undefined) {
      firstIndex.set(id, index);
      return;
    }
    const name = COLLECTION_NAMES[collection];
    const firstPlace = describe([collection, first]);
    problems.push({
      path: [collection, index, 'id'],
      message: `ID ${name.id} "${id}" dipakai lebih dari sekali (pertama di ${firstPlace})`,
      messageEn: `${name.en[0].toUpperCase()}${name.en.slice(1)} id "${id}" is used more than once (first at ${firstPlace})`,
    });
  });
  return firstIndex;
}

const LARGE_KINDS = new Set(['PMA', 'PMDN']);

export function checkRosterRules(input: unknown, describe: (path: PathSegment[]) => string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!isRecord(input)) return problems;

  const roomIndex = indexIds(input, 'rooms', describe, problems);
  const partyIndex = indexIds(input, 'parties', describe, problems);
  indexIds(input, 'agreements', describe, problems);
  checkMeteraiSerials(input, describe, problems);
  checkOfficials(input, roomIndex, describe, problems);

  const rooms = entriesOf(input, 'rooms');
  let stageCount = 0;
  let firstStage = -1;
  rooms.forEach((room, index) => {
    if (!isRecord(room) || room.isStage !== true) return;
    stageCount += 1;
    if (stageCount === 1) {
      firstStage = index;
      return;
    }
    const firstPlace = describe(['rooms', firstStage]);
    problems.push({
      path: ['rooms', index, 'isStage'],
      message: `Hanya boleh ada satu ruang panggung utama (isStage); sudah ada di ${firstPlace}`,
      messageEn: `Only one main stage room (isStage) is allowed; one is already at ${firstPlace}`,
    });
  });

  const parties = entriesOf(input, 'parties');
  parties.forEach((party, index) => {
    const room = stringAt(party, 'room');
    if (room === undefined || roomIndex.has(room)) return;
    problems.push({
      path: ['parties', index, 'room'],
      message: `Ruang "${room}" tidak ada dalam daftar ruang`,
      messageEn: `Room "${room}" is not in the room list`,
    });
  });

  entriesOf(input, 'agreements').forEach((agreement, index) => {
    if (!isRecord(agreement) || !Array.isArray(agreement.parties)) return;
    const seen = new Set<string>();
    const kinds: { id: string; kind: string }[] = [];
    let isComplete = true;
    agreement.parties.forEach((partyId: unknown, position: number) => {
      if (typeof partyId !== 'string' || partyId === '') {
        isComplete = false;
        return;
      }
      const path: PathSegment[] = ['agreements', index, 'parties', position];
      if (seen.has(partyId)) {
        problems.push({
          path,
          message: `Pihak "${partyId}" tercantum lebih dari sekali dalam perjanjian ini`,
          messageEn: `Party "${partyId}" is listed more than once in this agreement`,
        });
        return;
      }
      seen.add(partyId);
      const partyAt = partyIndex.get(partyId);
      if (partyAt === undefined) {
        isComplete = false;
        problems.push({
          path,
          message: `Pihak "${partyId}" tidak ada dalam daftar pihak`,
          messageEn: `Party "${partyId}" is not in the party list`,
        });
        return;
      }
      const kind = stringAt(parties[partyAt], 'kind');
      if (kind === undefined) isComplete = false;
      else kinds.push({ id: partyId, kind });
    });
    // With an unknown or malformed party the counts below would only echo that problem.
    if (!isComplete) return;

    const large = kinds.filter((p) => LARGE_KINDS.has(p.kind));
    const path: PathSegment[] = ['agreements', index, 'parties'];
    if (large.length === 0) {
      problems.push({
        path,
        message: 'Perjanjian harus memiliki tepat satu usaha besar (PMA atau PMDN); tidak ada',
        messageEn: 'An agreement needs exactly one large company (PMA or PMDN); there is none',
      });
    } else if (large.length > 1) {
      const list = large.map((p) => `${p.id} (${p.kind})`).join(', ');
      problems.push({
        path,
        message: `Perjanjian harus memiliki tepat satu usaha besar (PMA atau PMDN); ada ${large.length}: ${list}`,
        messageEn: `An agreement needs exactly one large company (PMA or PMDN); there are ${large.length}: ${list}`,
      });
    }
    if (!kinds.some((p) => p.kind === 'UMKM')) {
      problems.push({
        path,
        message: 'Perjanjian harus memiliki sedikitnya satu pihak UMKM',
        messageEn: 'An agreement needs at least one UMKM party',
      });
    }
  });

  return problems;
}

/** One e-Meterai is affixed to one document: a serial printed on two agreements is a mistake. */
function checkMeteraiSerials(input: Loose, describe: (path: PathSegment[]) => string, problems: RuleProblem[]): void {
  const first = new Map<string, number>();
  entriesOf(input, 'agreements').forEach((entry, index) => {
    const serial = stringAt(entry, 'eMeteraiSerial')?.trim();
    if (!serial) return;
    const at = first.get(serial);
    if (at === undefined) {
      first.set(serial, index);
      return;
    }
    const place = describe(['agreements', at]);
    problems.push({
      path: ['agreements', index, 'eMeteraiSerial'],
      message: `Nomor seri e-Meterai "${serial}" dipakai lebih dari sekali (pertama di ${place})`,
      messageEn: `e-Meterai serial "${serial}" is used more than once (first at ${place})`,
    });
  });
}

/** Officials sign from a room of the roster, and each id names one official. */
function checkOfficials(input: Loose, roomIndex: Map<string, number>, describe: (path: PathSegment[]) => string, problems: RuleProblem[]): void {
  const first = new Map<string, number>();
  entriesOf(input, 'officials').forEach((entry, index) => {
    const room = stringAt(entry, 'room');
    if (room !== undefined && !roomIndex.has(room)) {
      problems.push({
        path: ['officials', index, 'room'],
        message: `Ruang "${room}" tidak ada dalam daftar ruang`,
        messageEn: `Room "${room}" is not in the room list`,
      });
    }
    // Officials without an id are numbered pejabat-<n> by position, so those names count too.
    const id = stringAt(entry, 'id') ?? `pejabat-${index + 1}`;
    const at = first.get(id);
    if (at === undefined) {
      first.set(id, index);
      return;
    }
    const place = describe(['officials', at]);
    problems.push({
      path: ['officials', index, 'id'],
      message: `ID pejabat "${id}" dipakai lebih dari sekali (pertama di ${place})`,
      messageEn: `Official id "${id}" is used more than once (first at ${place})`,
    });
  });
}
