import { describe, expect, it } from 'vitest';
import { parseCsvRoster, parseRupiahCell } from '../../../server/roster/parse-csv-roster';
import { formatCsvRoster } from '../../../server/roster/format-csv-roster';
import { buildDemoRoster } from '../../../server/seed/demo-roster';

const META = { title: 'Penandatanganan Uji', startsAt: '2021-01-18T09:00:00+07:00' };

const ROOMS = [
  'id,name,province,regency,timezone,isStage',
  'istana,Istana Kepresidenan Jakarta,DKI Jakarta,Kota Administrasi Jakarta Pusat,WIB,ya',
  'pandeglang,Ruang Pintar Setda Pandeglang,Banten,Kabupaten Pandeglang,wib,',
].join('\n');
const PARTIES = [
  'id,kind,name,sector,province,room,representativeName,representativeTitle',
  'PMA-1,pma,PT Contoh Indonesia,Kakao,Banten,istana,"Ir. Bambang Sutrisno, M.M.",Presiden Direktur',
  'UMKM-1,UMKM,Bengkel Las Ẓainal & Putra,Manufaktur Komponen,Banten,pandeglang,Zainal Abidin,Pemilik',
  'UMKM-2,UMKM,Toko 金 Makmur,Makanan Olahan,Banten,pandeglang,Susanti Halim,Pemilik',
].join('\n');
const AGREEMENTS = [
  'id,title,parties,valueIdr',
  'K-1,Perjanjian Kemitraan Pemasokan Gula Aren,PMA-1;UMKM-1,12.500.000.000',
  'K-2,"Perjanjian Kemitraan Emping, Keripik",PMA-1 ; UMKM-2,750000000',
].join('\n');

describe('parseCsvRoster', () => {
  it('reads the optional officials file, and places its problems at the row and column', () => {
    const officials = ['name,Title,Institution,Id,Room', 'Pratikno,Menteri Sekretaris Negara,,,', '"Lahadalia, Bahlil",Kepala BKPM,BKPM,bkpm,pandeglang'].join('\n');
    const result = parseCsvRoster({ rooms: ROOMS, parties: PARTIES, agreements: AGREEMENTS, officials }, META);
    expect(result.ok ? result.roster.officials : result.problems).toEqual([
      { name: 'Pratikno', title: 'Menteri Sekretaris Negara' },
      { name: 'Lahadalia, Bahlil', title: 'Kepala BKPM', institution: 'BKPM', id: 'bkpm', room: 'pandeglang' },
    ]);
    if (result.ok) expect(parseCsvRoster(formatCsvRoster(result.roster), META)).toEqual(result);
    // Without the file there are no officials; a wrong room and a repeated id are reported in place.
    const none = parseCsvRoster({ rooms: ROOMS, parties: PARTIES, agreements: AGREEMENTS }, META);
    expect(none.ok && none.roster.officials).toBe(undefined);
    const bad = parseCsvRoster(
      { rooms: ROOMS, parties: PARTIES, agreements: AGREEMENTS, officials: 'name,title,id,room\nA,B,x,makassar\nC,D,x,\n' },
      META,
      { officials: 'pejabat.csv' },
    );
    expect(bad.ok ? [] : bad.problems.map((p) => p.path)).toEqual(['pejabat.csv baris 2 (room)', 'pejabat.csv baris 3 (id)']);
    const missing = parseCsvRoster({ rooms: ROOMS, parties: PARTIES, agreements: AGREEMENTS, officials: 'name\nA\n' }, META);
    expect(missing.ok ? [] : missing.problems.map((p) => p.message)).toEqual(['Kolom berikut tidak ada di baris judul: title']);
  });

  it('maps the three files to a valid roster', () => {
    const result = parseCsvRoster({ rooms: ROOMS, parties: PARTIES, agreements: AGREEMENTS }, { ...META, id: 'uji-1' });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    const { roster } = result;
    expect(roster.id).toBe('uji-1');
    expect(roster.rooms[0].isStage).toBe(true);
    expect(roster.rooms[1]).not.toHaveProperty('isStage');
    expect(roster.rooms[1].timezone).toBe('WIB');
    expect(roster.parties[0]).toMatchObject({ kind: 'PMA', representative: { name: 'Ir. Bambang Sutrisno, M.M.', title: 'Presiden Direktur' } });
    expect(roster.parties[1].name).toBe('Bengkel Las Ẓainal & Putra');
    expect(roster.agreements.map((a) => [a.title, a.parties, a.valueIdr])).toEqual([
      ['Perjanjian Kemitraan Pemasokan Gula Aren', ['PMA-1', 'UMKM-1'], 12_500_000_000],
      ['Perjanjian Kemitraan Emping, Keripik', ['PMA-1', 'UMKM-2'], 750_000_000],
    ]);
  });

  it('reads the optional eMeteraiSerial column; an empty cell means none', () => {
    const agreements = [
      'id,title,parties,valueIdr,eMeteraiSerial',
      'K-1,Perjanjian Kemitraan Pemasokan Gula Aren,PMA-1;UMKM-1,12.500.000.000, 10000000000000A1B2C3 ',
      'K-2,Perjanjian Kemitraan Emping,PMA-1;UMKM-2,750000000,',
    ].join('\n');
    const result = parseCsvRoster({ rooms: ROOMS, parties: PARTIES, agreements }, META);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.roster.agreements[0].eMeteraiSerial).toBe('10000000000000A1B2C3');
    expect(result.roster.agreements[1]).not.toHaveProperty('eMeteraiSerial');
    expect(parseCsvRoster(formatCsvRoster(result.roster), META)).toEqual(result);
  });

  it('names file, spreadsheet row and column in every problem, all at once', () => {
    const rooms = `${ROOMS}\nambon,"Ruang Rapat\nDPMPTSP Maluku",Maluku,Kota Ambon,WITB,`;
    const parties = PARTIES.replace('UMKM-2,UMKM,Toko 金 Makmur,Makanan Olahan,Banten,pandeglang', 'UMKM-2,UMKM,Toko 金 Makmur,Makanan Olahan,Banten,jakarta');
    const agreements = `${AGREEMENTS}\nK-3,Perjanjian C,PMA-1;UMKM-7,"12,5"\nK-4,Perjanjian D,PMA-1;UMKM-1,-5000\nK-1,Perjanjian E,UMKM-1;UMKM-2,1000`;
    const result = parseCsvRoster({ rooms, parties, agreements }, META);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.problems.map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'rooms.csv baris 4 (timezone)', // the quoted line break does not shift the row number
        'parties.csv baris 4 (room)',
        'agreements.csv baris 4 (valueIdr)',
        'agreements.csv baris 4 (parties)',
        'agreements.csv baris 5 (valueIdr)',
        'agreements.csv baris 6 (id)',
        'agreements.csv baris 6 (parties)',
      ]),
    );
    expect(result.problems).toHaveLength(7);
    const byPath = new Map(result.problems.map((p) => [p.path, p.message]));
    expect(byPath.get('agreements.csv baris 4 (valueIdr)')).toMatch(/tanpa desimal/);
    expect(byPath.get('agreements.csv baris 4 (parties)')).toBe('Pihak "UMKM-7" tidak ada dalam daftar pihak');
    expect(byPath.get('agreements.csv baris 5 (valueIdr)')).toBe('Nilai tidak boleh negatif');
    expect(byPath.get('agreements.csv baris 6 (id)')).toMatch(/dipakai lebih dari sekali \(pertama di agreements.csv baris 2\)/);
    expect(byPath.get('agreements.csv baris 6 (parties)')).toMatch(/tepat satu usaha besar/);
  });

  it('reports missing columns once per file and rows of the wrong width', () => {
    const result = parseCsvRoster(
      {
        rooms: `${ROOMS}\nextra,row`,
        parties: 'id,kind,name,sector,province,room\nPMA-1,PMA,PT A,Kopi,Banten,istana',
        agreements: '',
      },
      META,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['rooms.csv baris 4', 'parties.csv baris 1', 'agreements.csv']);
    expect(result.problems[1].message).toBe('Kolom berikut tidak ada di baris judul: representativeName, representativeTitle');
  });

  it('names the command-line flags for a missing title or start time and uses given file names', () => {
    const result = parseCsvRoster(
      { rooms: ROOMS, parties: PARTIES.replace(',Zainal Abidin,', ',,'), agreements: AGREEMENTS },
      { title: ' ', startsAt: 'besok pagi' },
      { parties: 'pihak-2021.csv' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(['--title', '--starts-at', 'pihak-2021.csv baris 3 (representativeName)']);
  });

  it('reads semicolon-delimited files from an Indonesian-locale spreadsheet', () => {
    const toSemicolons = (text: string) =>
      text
        .split('\n')
        .map((line) => line.replace(/"[^"]*"|,/g, (m) => (m === ',' ? ';' : m)).replace(/(PMA-1) ?; ?(UMKM-\d)/, '"$1;$2"'))
        .join('\r\n');
    const result = parseCsvRoster(
      { rooms: toSemicolons(ROOMS), parties: toSemicolons(PARTIES), agreements: toSemicolons(AGREEMENTS) },
      META,
    );
    const plain = parseCsvRoster({ rooms: ROOMS, parties: PARTIES, agreements: AGREEMENTS }, META);
    expect(result.ok).toBe(true);
    expect(result).toEqual(plain);
  });

  it('round-trips the whole demo ceremony through CSV unchanged', () => {
    const demo = buildDemoRoster();
    const texts = formatCsvRoster(demo);
    const result = parseCsvRoster(texts, { title: demo.title, startsAt: demo.startsAt, id: demo.id, contact: demo.contact });
    expect(result).toEqual({ ok: true, roster: demo });
  });

  it('takes the organizers\' contact from the command line and names its flags when it is unusable', () => {
    const good = parseCsvRoster({ rooms: ROOMS, parties: PARTIES, agreements: AGREEMENTS }, { ...META, contact: { name: 'Sekretariat', email: 'panitia@saksi.example' } });
    expect(good.ok && good.roster.contact).toEqual({ name: 'Sekretariat', email: 'panitia@saksi.example' });
    const bad = parseCsvRoster({ rooms: ROOMS, parties: PARTIES, agreements: AGREEMENTS }, { ...META, contact: { name: 'Sekretariat', phone: 'telepon kantor' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.path)).toEqual(['--contact-name / --contact-phone / --contact-email']);
  });
});

describe('parseRupiahCell', () => {
  it.each([
    ['12.500.000.000', 12_500_000_000],
    ['12500000000', 12_500_000_000],
    ['Rp12.500.000.000', 12_500_000_000],
    ['Rp 5.000.000,-', 5_000_000],
    ['Rp. 5.000.000,00', 5_000_000],
    [' 0 ', 0],
  ])('reads %s', (cell, value) => {
    expect(parseRupiahCell(cell)).toEqual({ value });
  });

  it.each(['', '12,5', '1.5', '12.50.000', '-1.000', 'dua juta', '99999999999999999999'])('refuses %j', (cell) => {
    expect(parseRupiahCell(cell)).toHaveProperty('problem.message');
  });
});
