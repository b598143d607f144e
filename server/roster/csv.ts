// A small RFC 4180 CSV reader: quoted fields with commas, newlines and doubled quotes, CRLF or
// LF line ends, a UTF-8 byte-order mark. Spreadsheets in the Indonesian locale write ";" between
// fields (the comma is the decimal mark there), so the delimiter is detected from the header.

export interface CsvRecord {
  /** 1-based record number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: string[];
}

export interface CsvProblem {
  row: number;
  message: string;
  messageEn: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  problems: CsvProblem[];
  delimiter: ',' | ';';
}

export interface CsvParseOptions {
  delimiter?: ',' | ';';
}

/** Counts "," and ";" outside quotes on the first line; ties and no separators mean ",". */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && char === ',') commas += 1;
    else if (!inQuotes && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

const isBlank = (cells: string[]) => cells.every((cell) => cell.trim() === '');

export function parseCsv(input: string, options: CsvParseOptions = {}): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];

  let row = 1;
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let afterQuote = false; // just closed a quoted field; only a delimiter or line end may follow
  let hasTrailingText = false;
  let quoteRow = 0;

  const endField = () => {
    cells.push(field);
    field = '';
    afterQuote = false;
  };
  const endRecord = () => {
    endField();
    // Blank lines and rows of empty cells are spreadsheet leftovers, but they still count as rows.
    if (!isBlank(cells)) records.push({ row, cells });
    if (hasTrailingText) {
      problems.push({
        row,
        message: 'Ada teks setelah tanda kutip penutup; apitlah seluruh isi sel dengan tanda kutip',
        messageEn: 'Text after a closing quote; quote the whole cell',
      });
    }
    cells = [];
    hasTrailingText = false;
    row += 1;
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inQuotes) {
      if (char !== '"') field += char;
      else if (text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else {
        inQuotes = false;
        afterQuote = true;
      }
    } else if (char === '"' && field === '' && !afterQuote) {
      inQuotes = true;
      quoteRow = row;
    } else if (char === delimiter) {
      endField();
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
    } else {
      // A stray quote inside an unquoted cell (`5" pipe`) is kept as written, as spreadsheets do.
      if (afterQuote) hasTrailingText = true;
      field += char;
    }
  }
  if (inQuotes) {
    problems.push({
      row: quoteRow,
      message: 'Tanda kutip pembuka tidak pernah ditutup',
      messageEn: 'An opening quote is never closed',
    });
  }
  if (field !== '' || cells.length > 0 || afterQuote || inQuotes) endRecord();
  return { records, problems, delimiter };
}
