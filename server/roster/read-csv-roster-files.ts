// The only roster code that touches the file system: finds the three CSV files (and the optional
// officials file) among the paths given on the command line and reads them as strict UTF-8.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { OPTIONAL_ROSTER_FILE_KINDS, parseCsvRoster, ROSTER_FILE_KINDS, type CsvRosterMeta, type RosterFileKind } from './parse-csv-roster';
import type { RosterProblem, RosterResult } from './roster-problem';

/** File names are matched by what they contain, in English or Bahasa Indonesia. */
const FILE_NAME_WORDS: Record<RosterFileKind, RegExp> = {
  rooms: /rooms|ruang/i,
  parties: /parties|pihak/i,
  agreements: /agreements|perjanjian/i,
  officials: /officials|pejabat/i,
};
const KNOWN_KINDS = [...ROSTER_FILE_KINDS, ...OPTIONAL_ROSTER_FILE_KINDS];

export function identifyRosterFile(path: string): RosterFileKind | undefined {
  const name = basename(path);
  const kinds = KNOWN_KINDS.filter((kind) => FILE_NAME_WORDS[kind].test(name));
  return kinds.length === 1 ? kinds[0] : undefined;
}

export async function readCsvRosterFiles(paths: string[], meta: CsvRosterMeta): Promise<RosterResult> {
  const problems: RosterProblem[] = [];
  const found: Partial<Record<RosterFileKind, string>> = {};
  for (const path of paths) {
    const kind = identifyRosterFile(path);
    const name = basename(path);
    if (kind === undefined) {
      problems.push({
        path: name,
        message: 'Nama berkas harus memuat tepat satu dari: rooms, parties, agreements, officials',
        messageEn: 'The file name must contain exactly one of: rooms, parties, agreements, officials',
      });
    } else if (found[kind] !== undefined) {
      problems.push({
        path: name,
        message: `Berkas ${kind} diberikan lebih dari sekali (juga ${basename(found[kind])})`,
        messageEn: `More than one ${kind} file (also ${basename(found[kind])})`,
      });
    } else {
      found[kind] = path;
    }
  }
  const texts: Partial<Record<RosterFileKind, string>> = {};
  // Excel saves "CSV" in the Windows code page unless "CSV UTF-8" is chosen; a fatal decoder
  // refuses such files instead of importing names with broken characters.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const kind of KNOWN_KINDS) {
    const path = found[kind];
    if (path === undefined && OPTIONAL_ROSTER_FILE_KINDS.includes(kind)) continue;
    if (path === undefined) {
      problems.push({ path: `${kind}.csv`, message: `Berkas ${kind}.csv tidak diberikan`, messageEn: `No ${kind}.csv file was given` });
      continue;
    }
    try {
      texts[kind] = decoder.decode(await readFile(path));
    } catch (error) {
      const isEncoding = error instanceof TypeError;
      problems.push({
        path: basename(path),
        message: isEncoding
          ? 'Berkas bukan UTF-8; simpan ulang sebagai "CSV UTF-8"'
          : `Berkas tidak dapat dibaca (${(error as NodeJS.ErrnoException).code ?? 'galat'})`,
        messageEn: isEncoding ? 'The file is not UTF-8; save it again as "CSV UTF-8"' : 'The file cannot be read',
      });
    }
  }
  if (problems.length > 0 || texts.rooms === undefined || texts.parties === undefined || texts.agreements === undefined) {
    return { ok: false, problems };
  }
  const fileNames = Object.fromEntries(KNOWN_KINDS.flatMap((kind) => (found[kind] === undefined ? [] : [[kind, basename(found[kind])]])));
  return parseCsvRoster(
    { rooms: texts.rooms, parties: texts.parties, agreements: texts.agreements, ...(texts.officials !== undefined ? { officials: texts.officials } : {}) },
    meta,
    fileNames,
  );
}
