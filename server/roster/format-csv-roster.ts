// The reverse of the CSV import: writes a roster as the three CSV files (four with officials), so organizers can start
// from an exported roster (or the demo) in a spreadsheet and import it back unchanged.
import type { TRoster } from '../../shared/protocol/schemas';
import { CSV_COLUMNS, type CsvRosterTexts } from './parse-csv-roster';

/** Quotes a cell only when it needs it (delimiter, quote, line break, or edge spaces). */
export function formatCsvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const formatLine = (cells: string[]) => cells.map(formatCsvCell).join(',');

/** CRLF line ends, as RFC 4180 and spreadsheets expect; values with "." thousand separators. */
export function formatCsvRoster(roster: TRoster): CsvRosterTexts {
  const rooms = [
    formatLine([...CSV_COLUMNS.rooms.required, ...CSV_COLUMNS.rooms.optional]),
    ...roster.rooms.map((r) =>
      formatLine([r.id, r.name, r.province, r.regency, r.timezone, r.isStage === undefined ? '' : r.isStage ? 'ya' : 'tidak']),
    ),
  ];
  const parties = [
    formatLine([...CSV_COLUMNS.parties.required]),
    ...roster.parties.map((p) =>
      formatLine([p.id, p.kind, p.name, p.sector, p.province, p.room, p.representative.name, p.representative.title]),
    ),
  ];
  const agreements = [
    formatLine([...CSV_COLUMNS.agreements.required, ...CSV_COLUMNS.agreements.optional]),
    ...roster.agreements.map((a) =>
      formatLine([a.id, a.title, a.parties.join(';'), a.valueIdr.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.'), a.eMeteraiSerial ?? '']),
    ),
  ];
  const toText = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
  const officials = roster.officials && [
    formatLine([...CSV_COLUMNS.officials.required, ...CSV_COLUMNS.officials.optional]),
    ...roster.officials.map((o) => formatLine([o.name, o.title, o.institution ?? '', o.id ?? '', o.room ?? ''])),
  ];
  return { rooms: toText(rooms), parties: toText(parties), agreements: toText(agreements), ...(officials ? { officials: toText(officials) } : {}) };
}
