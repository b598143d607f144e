import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRoster } from '../../../server/roster/validate-roster';
import { identifyRosterFile, readCsvRosterFiles } from '../../../server/roster/read-csv-roster-files';

const examples = join(import.meta.dirname, '../../../examples');
const csvPaths = ['rooms', 'parties', 'agreements', 'officials'].map((name) => join(examples, 'csv', `${name}.csv`));
const json = JSON.parse(readFileSync(join(examples, 'roster-small.json'), 'utf8'));
// The CSV files carry no ceremony-level fields: those come from command-line flags.
const meta = { title: json.title, startsAt: json.startsAt, id: json.id, contact: json.contact };

describe('example rosters', () => {
  it('the JSON example is valid and keeps its Unicode names', () => {
    const result = validateRoster(json);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.roster.rooms.map((r) => r.name)).toContain('Ruang Pintar Setda Pandeglang');
    expect(result.roster.parties.map((p) => p.name)).toEqual(
      expect.arrayContaining(['Bengkel Las Ẓainal & Putra', 'Toko 金 Makmur', "Kopi Gayo Mu'min"]),
    );
  });

  it('the CSV example files yield the same roster as the JSON example', async () => {
    const fromCsv = await readCsvRosterFiles([...csvPaths].reverse(), meta);
    const fromJson = validateRoster(json);
    expect(fromCsv.ok ? [] : fromCsv.problems).toEqual([]);
    expect(fromCsv).toEqual(fromJson);
  });
});

describe('readCsvRosterFiles', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'saksi-roster-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('identifies files by name, in English or Bahasa Indonesia', () => {
    expect(identifyRosterFile('/data/2021/ruang.csv')).toBe('rooms');
    expect(identifyRosterFile('Daftar Pihak.CSV')).toBe('parties');
    expect(identifyRosterFile('agreements-final.csv')).toBe('agreements');
    expect(identifyRosterFile('Pejabat Berita Acara.csv')).toBe('officials');
    expect(identifyRosterFile('notes.csv')).toBeUndefined();
  });

  it('refuses a file that is not UTF-8, a missing file and an unrecognized name', async () => {
    // "Café Sentosa" in Windows-1252, as Excel's plain "CSV" format would save it.
    const latin1 = Buffer.from('id,kind,name,sector,province,room,representativeName,representativeTitle\nU1,UMKM,Caf\xe9 Sentosa,Kopi,Bali,r,A,B\n', 'latin1');
    await writeFile(join(dir, 'parties.csv'), latin1);
    await writeFile(join(dir, 'notes.csv'), 'x\n');
    const result = await readCsvRosterFiles(
      [csvPaths[0], join(dir, 'parties.csv'), join(dir, 'agreements.csv'), join(dir, 'notes.csv')],
      meta,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.path, p.message])).toEqual([
      ['notes.csv', expect.stringMatching(/rooms, parties, agreements, officials/)],
      ['parties.csv', 'Berkas bukan UTF-8; simpan ulang sebagai "CSV UTF-8"'],
      ['agreements.csv', 'Berkas tidak dapat dibaca (ENOENT)'],
    ]);
  });

  it('reports a missing kind of file', async () => {
    const result = await readCsvRosterFiles(csvPaths.slice(0, 2), meta);
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'agreements.csv' })] });
  });
});
