// Roster import from three CSV files (rooms, parties, agreements), as organizers keep them in a
// spreadsheet. Rows become the JSON roster shape and go through the same validation; every
// problem names the file, the spreadsheet row (header = row 1) and the column.
import { checkRoster } from './validate-roster';
import { parseCsv } from './csv';
import type { PathSegment, RosterProblem, RosterResult } from './roster-problem';

export type RosterFileKind = 'rooms' | 'parties' | 'agreements' | 'officials';

export interface CsvRosterTexts {
  rooms: string;
  parties: string;
  agreements: string;
  /** Optional: the officials who sign the Berita Acara. */
  officials?: string;
}

/** The CSV files carry no ceremony header, so these come from the command line or the form. */
export interface CsvRosterMeta {
  title: string;
  startsAt: string;
  id?: string;
  /** The organizers' help line (command-line flags); checked by the roster schema like the rest. */
  contact?: { name?: string; phone?: string; email?: string };
}

/** The three files every CSV roster has. */
export const ROSTER_FILE_KINDS: readonly RosterFileKind[] = ['rooms', 'parties', 'agreements'];
/** Files a CSV roster may add. */
export const OPTIONAL_ROSTER_FILE_KINDS: readonly RosterFileKind[] = ['officials'];
const ALL_FILE_KINDS: readonly RosterFileKind[] = [...ROSTER_FILE_KINDS, ...OPTIONAL_ROSTER_FILE_KINDS];

export const CSV_COLUMNS: Record<RosterFileKind, { required: readonly string[]; optional: readonly string[] }> = {
  rooms: { required: ['id', 'name', 'province', 'regency', 'timezone'], optional: ['isStage'] },
  parties: {
    required: ['id', 'kind', 'name', 'sector', 'province', 'room', 'representativeName', 'representativeTitle'],
    optional: [],
  },
  agreements: { required: ['id', 'title', 'parties', 'valueIdr'], optional: ['eMeteraiSerial'] },
  officials: { required: ['name', 'title'], optional: ['institution', 'id', 'room'] },
};

/** Roster fields that have a different column name in the CSV files. */
const FIELD_COLUMNS: Record<string, string> = {
  representative: 'representativeName',
  'representative.name': 'representativeName',
  'representative.title': 'representativeTitle',
};
const META_FLAGS: Record<string, string> = {
  title: '--title',
  startsAt: '--starts-at',
  id: '--id',
  contact: '--contact-name / --contact-phone / --contact-email',
};

const TRUE_WORDS = new Set(['ya', 'y', 'yes', 'true', '1', 'x', 'benar']);
const FALSE_WORDS = new Set(['tidak', 't', 'no', 'n', 'false', '0', 'salah']);

/** `12.500.000.000`, `12500000000`, `Rp12.500.000.000` and `Rp 5.000.000,-` are all accepted. */
export function parseRupiahCell(cell: string): { value: number } | { problem: { message: string; messageEn: string } } {
  const text = cell.trim().replace(/^Rp\.?\s*/i, '').replace(/,(-|0+)$/, '');
  if (/^\d+$/.test(text) || /^\d{1,3}(\.\d{3})+$/.test(text)) {
    const value = Number(text.replaceAll('.', ''));
    if (Number.isSafeInteger(value)) return { value };
    return { problem: { message: 'Nilai terlalu besar', messageEn: 'Value too large' } };
  }
  if (text === '') return { problem: { message: 'Wajib diisi', messageEn: 'Required' } };
  if (/^-/.test(text)) return { problem: { message: 'Nilai tidak boleh negatif', messageEn: 'Value must not be negative' } };
  if (/,\d+$/.test(text) || /^\d+\.\d{1,2}$/.test(text)) {
    return {
      problem: {
        message: 'Nilai harus rupiah bulat tanpa desimal, mis. 12.500.000.000',
        messageEn: 'Value must be whole rupiah without decimals, e.g. 12.500.000.000',
      },
    };
  }
  return {
    problem: {
      message: `"${cell.trim()}" bukan nilai rupiah; tulis angka saja, titik pemisah ribuan boleh (12.500.000.000)`,
      messageEn: `"${cell.trim()}" is not a rupiah amount; digits only, "." thousand separators allowed`,
    },
  };
}

function parseBooleanCell(cell: string): { value: boolean | undefined } | { problem: { message: string; messageEn: string } } {
  const text = cell.trim().toLowerCase();
  if (text === '') return { value: undefined };
  if (TRUE_WORDS.has(text)) return { value: true };
  if (FALSE_WORDS.has(text)) return { value: false };
  return {
    problem: { message: `"${cell.trim()}" bukan ya/tidak`, messageEn: `"${cell.trim()}" is not yes/no` },
  };
}

interface SheetRows {
  /** Spreadsheet row of each mapped entry, by entry index. */
  rows: number[];
  entries: Record<string, unknown>[];
}

export function parseCsvRoster(
  texts: CsvRosterTexts,
  meta: CsvRosterMeta,
  fileNames: Partial<Record<RosterFileKind, string>> = {},
): RosterResult {
  const names: Record<RosterFileKind, string> = {
    rooms: fileNames.rooms ?? 'rooms.csv',
    parties: fileNames.parties ?? 'parties.csv',
    agreements: fileNames.agreements ?? 'agreements.csv',
    officials: fileNames.officials ?? 'officials.csv',
  };
  const problems: RosterProblem[] = [];
  let isStructureBroken = false;
  const sheets = {} as Record<RosterFileKind, SheetRows>;
  const kinds = ALL_FILE_KINDS.filter((kind) => texts[kind] !== undefined);

  for (const kind of kinds) {
    const file = names[kind];
    const cellPlace = (row: number, column: string) => `${file} baris ${row} (${column})`;
    const sheet: SheetRows = { rows: [], entries: [] };
    sheets[kind] = sheet;

    const parsed = parseCsv(texts[kind] ?? '');
    for (const p of parsed.problems) problems.push({ path: `${file} baris ${p.row}`, message: p.message, messageEn: p.messageEn });
    const [header, ...body] = parsed.records;
    if (header === undefined) {
      isStructureBroken = true;
      problems.push({ path: file, message: 'Berkas kosong; baris 1 harus berisi judul kolom', messageEn: 'The file is empty; row 1 must hold the column names' });
      continue;
    }
    // Column names are matched without regard to case or surrounding spaces; unknown columns
    // (notes, numbering) are ignored so organizers can keep their own working columns.
    const columnAt = new Map<string, number>();
    header.cells.forEach((cell, index) => {
      const canonical = [...CSV_COLUMNS[kind].required, ...CSV_COLUMNS[kind].optional].find(
        (column) => column.toLowerCase() === cell.trim().toLowerCase(),
      );
      if (canonical !== undefined && !columnAt.has(canonical)) columnAt.set(canonical, index);
    });
    const missing = CSV_COLUMNS[kind].required.filter((column) => !columnAt.has(column));
    if (missing.length > 0) {
      // Without the columns every row would be wrong in the same way; one problem says it all.
      isStructureBroken = true;
      problems.push({
        path: `${file} baris ${header.row}`,
        message: `Kolom berikut tidak ada di baris judul: ${missing.join(', ')}`,
        messageEn: `These columns are missing from the header row: ${missing.join(', ')}`,
      });
      continue;
    }

    for (const record of body) {
      if (record.cells.length !== header.cells.length) {
        problems.push({
          path: `${file} baris ${record.row}`,
          message: `Baris ini berisi ${record.cells.length} kolom, sedangkan baris judul ${header.cells.length}`,
          messageEn: `This row has ${record.cells.length} cells, the header has ${header.cells.length}`,
        });
      }
      const read = (column: string) => {
        const index = columnAt.get(column);
        return index === undefined ? '' : (record.cells[index] ?? '');
      };
      const report: Report = (column, message, messageEn) =>
        problems.push({ path: cellPlace(record.row, column), message, messageEn });
      sheet.rows.push(record.row);
      sheet.entries.push(mapRow(kind, read, report));
    }
  }

  if (isStructureBroken) return { ok: false, problems };

  const roster: Record<string, unknown> = {
    title: meta.title,
    startsAt: meta.startsAt,
    rooms: sheets.rooms.entries,
    parties: sheets.parties.entries,
    agreements: sheets.agreements.entries,
  };
  if (sheets.officials) roster.officials = sheets.officials.entries;
  if (meta.id !== undefined) roster.id = meta.id;
  if (meta.contact !== undefined) roster.contact = meta.contact;

  const locate = (path: readonly PathSegment[]): string => {
    const [collection, index, ...rest] = path;
    if (typeof collection !== 'string') return 'roster';
    if (!kinds.includes(collection as RosterFileKind)) return META_FLAGS[collection] ?? collection;
    const kind = collection as RosterFileKind;
    if (typeof index !== 'number') return names[kind];
    const row = sheets[kind].rows[index];
    const field = rest.filter((segment): segment is string => typeof segment === 'string');
    if (field.length === 0) return `${names[kind]} baris ${row}`;
    const column = FIELD_COLUMNS[field.join('.')] ?? field[0];
    return `${names[kind]} baris ${row} (${column})`;
  };

  const checked = checkRoster(roster, locate);
  if (problems.length === 0) return checked;
  return { ok: false, problems: checked.ok ? problems : [...problems, ...checked.problems] };
}

type Report = (column: string, message: string, messageEn: string) => void;

/** One CSV row to one roster entry. Cells that cannot be read are reported and left out. */
function mapRow(kind: RosterFileKind, read: (column: string) => string, report: Report): Record<string, unknown> {
  switch (kind) {
    case 'rooms': {
      const room: Record<string, unknown> = {
        id: read('id').trim(),
        name: read('name'),
        province: read('province'),
        regency: read('regency'),
        timezone: read('timezone').trim().toUpperCase(),
      };
      const isStage = parseBooleanCell(read('isStage'));
      if ('problem' in isStage) report('isStage', isStage.problem.message, isStage.problem.messageEn);
      else if (isStage.value !== undefined) room.isStage = isStage.value;
      return room;
    }
    case 'parties':
      return {
        id: read('id').trim(),
        kind: read('kind').trim().toUpperCase(),
        name: read('name'),
        sector: read('sector'),
        province: read('province'),
        room: read('room').trim(),
        representative: { name: read('representativeName'), title: read('representativeTitle') },
      };
    case 'agreements': {
      const agreement: Record<string, unknown> = {
        id: read('id').trim(),
        title: read('title'),
        // Ids never contain ";" or ",", so either separates them; spreadsheets tend to add spaces.
        parties: read('parties')
          .split(/[;,]/)
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      };
      const value = parseRupiahCell(read('valueIdr'));
      if ('problem' in value) {
        report('valueIdr', value.problem.message, value.problem.messageEn);
        // A stand-in keeps the schema quiet about a cell already reported above.
        agreement.valueIdr = 0;
      } else agreement.valueIdr = value.value;
      // An empty cell means no e-Meterai for this agreement.
      const serial = read('eMeteraiSerial').trim();
      if (serial !== '') agreement.eMeteraiSerial = serial;
      return agreement;
    }
    case 'officials': {
      const official: Record<string, unknown> = { name: read('name'), title: read('title') };
      // Empty optional cells mean "not given": a numbered id, the stage room, no institution.
      for (const column of ['institution', 'id', 'room'] as const) {
        const cell = read(column).trim();
        if (cell !== '') official[column] = cell;
      }
      return official;
    }
  }
}
