import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv } from '../../../server/roster/csv';
import { formatCsvCell } from '../../../server/roster/format-csv-roster';

const cellsOf = (text: string) => parseCsv(text).records.map((r) => r.cells);

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes', () => {
    const text = 'id,name\n1,"Ir. Bambang Sutrisno, M.M."\n2,"UD Kakao ""Sinar"" Luwu"\n3,"Jl. Raya\nNo. 5"\n';
    expect(cellsOf(text)).toEqual([
      ['id', 'name'],
      ['1', 'Ir. Bambang Sutrisno, M.M.'],
      ['2', 'UD Kakao "Sinar" Luwu'],
      ['3', 'Jl. Raya\nNo. 5'],
    ]);
  });

  it('accepts CRLF, a UTF-8 byte-order mark and a missing final line break', () => {
    const parsed = parseCsv('\uFEFFid,name\r\nR1,Toko 金 Makmur\r\nR2,"a\r\nb"');
    expect(parsed.records.map((r) => r.cells)).toEqual([
      ['id', 'name'],
      ['R1', 'Toko 金 Makmur'],
      ['R2', 'a\r\nb'],
    ]);
    expect(parsed.records[0].cells[0]).toBe('id'); // no BOM glued to the first column name
    expect(parsed.problems).toEqual([]);
  });

  it('keeps empty cells and a lone CR as a line end', () => {
    expect(cellsOf('a,,c\r1,"",\r')).toEqual([
      ['a', '', 'c'],
      ['1', '', ''],
    ]);
  });

  it('numbers rows as a spreadsheet does: quoted line breaks stay in one row, blank rows count', () => {
    const parsed = parseCsv('h1,h2\n"x\ny",1\n\n,\nz,2\n');
    expect(parsed.records.map((r) => [r.row, r.cells[0]])).toEqual([
      [1, 'h1'],
      [2, 'x\ny'],
      [5, 'z'],
    ]);
  });

  it('reports an unclosed quote and text after a closing quote with their rows', () => {
    expect(parseCsv('a,b\n"ok" tail,1\n2,"never closed\n3,4\n').problems).toEqual([
      expect.objectContaining({ row: 2, message: expect.stringMatching(/setelah tanda kutip penutup/) }),
      expect.objectContaining({ row: 3, message: 'Tanda kutip pembuka tidak pernah ditutup' }),
    ]);
  });

  it('keeps a stray quote inside an unquoted cell', () => {
    expect(cellsOf('pipa 5" baja,1')).toEqual([['pipa 5" baja', '1']]);
  });

  it('detects ";" as the delimiter of spreadsheets saved in the Indonesian locale', () => {
    expect(detectDelimiter('id;name;valueIdr\n')).toBe(';');
    expect(detectDelimiter('id,name\n')).toBe(',');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(cellsOf('id;title;parties\nK-1;"Perjanjian A; B";"P1;U1"\n')).toEqual([
      ['id', 'title', 'parties'],
      ['K-1', 'Perjanjian A; B', 'P1;U1'],
    ]);
  });

  it('reads back what formatCsvCell writes', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\r\nlines', ' padded ', 'Bengkel Las Ẓainal & Putra', ''];
    const line = values.map(formatCsvCell).join(',');
    expect(cellsOf(`${line}\r\n`)).toEqual([values]);
  });
});
