import { describe, expect, it } from 'vitest';
import { validateRoster } from '../../../server/roster/validate-roster';
import type { TRoster } from '../../../shared/protocol/schemas';

function smallRoster(): TRoster {
  const party = (id: string, kind: 'PMA' | 'PMDN' | 'UMKM', room: string) => ({
    id,
    kind,
    name: `Pihak ${id}`,
    sector: 'Kopi',
    province: 'Banten',
    room,
    representative: { name: 'Asep Sutisna', title: 'Pemilik' },
  });
  return {
    title: 'Uji',
    startsAt: '2021-01-18T09:00:00+07:00',
    rooms: [
      { id: 'istana', name: 'Istana', province: 'DKI Jakarta', regency: 'Kota Administrasi Jakarta Pusat', timezone: 'WIB', isStage: true },
      { id: 'pandeglang', name: 'Ruang Pintar Setda Pandeglang', province: 'Banten', regency: 'Kabupaten Pandeglang', timezone: 'WIB' },
    ],
    parties: [
      party('PMA-1', 'PMA', 'istana'),
      party('PMA-2', 'PMA', 'pandeglang'),
      party('PMDN-1', 'PMDN', 'pandeglang'),
      party('UMKM-1', 'UMKM', 'pandeglang'),
      party('UMKM-2', 'UMKM', 'pandeglang'),
    ],
    agreements: [
      { id: 'K-1', title: 'Perjanjian Kemitraan A', parties: ['PMA-1', 'UMKM-1'], valueIdr: 1_000_000_000 },
      { id: 'K-2', title: 'Perjanjian Kemitraan B', parties: ['PMDN-1', 'UMKM-2'], valueIdr: 2_000_000_000 },
      { id: 'K-3', title: 'Perjanjian Kemitraan C', parties: ['PMA-2', 'UMKM-1', 'UMKM-2'], valueIdr: 3_000_000_000 },
      { id: 'K-4', title: 'Perjanjian Kemitraan D', parties: ['PMA-2', 'UMKM-2'], valueIdr: 4_000_000_000 },
    ],
  };
}

function problemsOf(input: unknown) {
  const result = validateRoster(input);
  if (result.ok) throw new Error('expected the roster to be refused');
  return result.problems;
}

describe('validateRoster', () => {
  it('takes an optional organizers\' contact with a phone or an e-mail, and refuses one with neither', () => {
    const contact = { name: 'Sekretariat Panitia', phone: '+62 21 555 0118' };
    const ok = validateRoster({ ...smallRoster(), contact });
    expect(ok.ok && ok.roster.contact).toEqual(contact);
    expect(problemsOf({ ...smallRoster(), contact: { name: 'Sekretariat Panitia' } }).map((p) => p.path)).toEqual(['contact']);
    expect(problemsOf({ ...smallRoster(), contact: { name: 'Sekretariat', email: 'bukan surel' } }).map((p) => p.path)).toEqual(['contact.email']);
  });

  it('accepts a valid roster and returns it parsed', () => {
    const result = validateRoster(smallRoster());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.roster.agreements).toHaveLength(4);
  });

  it('accepts an optional e-Meterai serial per agreement and refuses a malformed or repeated one', () => {
    const roster = smallRoster();
    roster.agreements[0].eMeteraiSerial = 'A1B2C3D4E5F6G7H8I9J0K1';
    const ok = validateRoster(roster);
    expect(ok.ok && ok.roster.agreements.map((a) => a.eMeteraiSerial)).toEqual(['A1B2C3D4E5F6G7H8I9J0K1', undefined, undefined, undefined]);
    roster.agreements[1].eMeteraiSerial = 'seri <script>';
    roster.agreements[2].eMeteraiSerial = 'A1B2C3D4E5F6G7H8I9J0K1';
    const problems = problemsOf(roster);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['agreements[1].eMeteraiSerial', 'agreements[2].eMeteraiSerial']));
    expect(problems.find((p) => p.path === 'agreements[1].eMeteraiSerial')?.message).toContain('huruf, angka');
    expect(problems.find((p) => p.path === 'agreements[2].eMeteraiSerial')?.message).toContain('dipakai lebih dari sekali');
  });

  it('accepts the optional officials who sign the Berita Acara and lists every problem in them', () => {
    const roster = smallRoster();
    roster.officials = [{ name: 'Pratikno', title: 'Menteri Sekretaris Negara' }, { name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'BKPM' }];
    const ok = validateRoster(roster);
    expect(ok.ok && ok.roster.officials).toEqual(roster.officials);
    (roster as unknown as { officials: unknown[] }).officials = [{ name: '', title: 'Kepala BKPM' }, { name: 'X' }];
    expect(problemsOf(roster).map((p) => p.path)).toEqual(['officials[0].name', 'officials[1].title']);
  });

  it('reports schema and referential problems together, each at its path', () => {
    const roster = smallRoster() as unknown as { rooms: any[]; parties: any[]; agreements: any[] };
    roster.rooms[1].timezone = 'WITB';
    roster.parties[4].id = 'UMKM-1'; // duplicate
    roster.parties[1].room = 'tidak-ada';
    roster.agreements[0].parties = ['PMA-1', 'PMA-2', 'UMKM-1'];
    roster.agreements[1].parties = ['PMDN-1', 'PMA-2'];
    roster.agreements[2].valueIdr = -5;
    roster.agreements[3].valueIdr = 1.5;
    roster.agreements[3].parties = ['PMA-2', 'UMKM-9'];

    const problems = problemsOf(roster);
    const at = (path: string) => problems.filter((p) => p.path === path).map((p) => p.message);

    expect(at('rooms[1].timezone')[0]).toMatch(/WITB.*WIB, WITA, WIT/);
    expect(at('parties[4].id')[0]).toMatch(/ID pihak "UMKM-1" dipakai lebih dari sekali \(pertama di parties\[3\]\)/);
    expect(at('parties[1].room')).toEqual(['Ruang "tidak-ada" tidak ada dalam daftar ruang']);
    expect(at('agreements[0].parties')).toEqual([
      'Perjanjian harus memiliki tepat satu usaha besar (PMA atau PMDN); ada 2: PMA-1 (PMA), PMA-2 (PMA)',
    ]);
    expect(at('agreements[1].parties')).toHaveLength(2);
    expect(at('agreements[1].parties')[1]).toBe('Perjanjian harus memiliki sedikitnya satu pihak UMKM');
    expect(at('agreements[2].valueIdr')).toEqual(['Tidak boleh negatif']);
    expect(at('agreements[3].valueIdr')).toEqual(['Harus bilangan bulat (tanpa desimal)']);
    expect(at('agreements[3].parties[1]')).toEqual(['Pihak "UMKM-9" tidak ada dalam daftar pihak']);
    // An agreement with an unknown party is not also blamed for lacking a UMKM.
    expect(at('agreements[3].parties')).toEqual([]);
    // The renamed duplicate took UMKM-2 out of the party list, so K-3 now names an unknown party.
    expect(at('agreements[2].parties[2]')).toEqual(['Pihak "UMKM-2" tidak ada dalam daftar pihak']);
    expect(problems).toHaveLength(10);
    for (const problem of problems) expect(problem.messageEn).toBeTruthy();
  });

  it('reports a party listed twice in one agreement and judges the kinds without the repeat', () => {
    const roster = smallRoster();
    roster.agreements[0].parties = ['PMA-1', 'PMA-1'];
    const problems = problemsOf(roster);
    expect(problems.map((p) => [p.path, p.message])).toEqual([
      ['agreements[0].parties[1]', 'Pihak "PMA-1" tercantum lebih dari sekali dalam perjanjian ini'],
      ['agreements[0].parties', 'Perjanjian harus memiliki sedikitnya satu pihak UMKM'],
    ]);
  });

  it('allows only one stage room and unique room and agreement ids', () => {
    const roster = smallRoster();
    roster.rooms.push({ ...roster.rooms[0], isStage: true });
    roster.agreements[2].id = 'K-1';
    const problems = problemsOf(roster);
    expect(problems.map((p) => p.path)).toEqual(['rooms[2].id', 'agreements[2].id', 'rooms[2].isStage']);
    expect(problems[2].message).toMatch(/Hanya boleh ada satu ruang panggung utama.*rooms\[0\]/);
  });

  it('names missing fields and a malformed start time in Bahasa Indonesia', () => {
    const roster = smallRoster() as unknown as Record<string, any>;
    delete roster.title;
    roster.startsAt = '18 Januari 2021';
    roster.parties[0].representative.name = '   ';
    roster.rooms[0].id = 'istana utama';
    const problems = problemsOf(roster);
    expect(problems).toContainEqual(expect.objectContaining({ path: 'title', message: 'Wajib diisi' }));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'startsAt', message: expect.stringMatching(/ISO-8601/) }));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'parties[0].representative.name', message: 'Wajib diisi' }));
    expect(problems).toContainEqual(expect.objectContaining({ path: 'rooms[0].id', message: expect.stringMatching(/^ID tidak valid/) }));
    // The room id is malformed, so the party seated there is reported as seated in an unknown room.
    expect(problems).toContainEqual(expect.objectContaining({ path: 'parties[0].room' }));
  });

  it('refuses input that is not a roster at all', () => {
    expect(problemsOf(null)).toEqual([expect.objectContaining({ path: 'roster' })]);
    expect(problemsOf({ rooms: 'x' }).map((p) => p.path)).toEqual(
      expect.arrayContaining(['title', 'startsAt', 'rooms', 'parties', 'agreements']),
    );
  });

  it('keeps Unicode names exactly, trimming only surrounding spaces', () => {
    const roster = smallRoster();
    const decomposed = 'Bengkel Las Z\u0323ainal & Putra'; // Z + combining dot below, not NFC "Ẓ"
    roster.parties[3].name = `  ${decomposed} `;
    roster.parties[4].name = 'Toko 金 Makmur';
    roster.parties[0].representative.name = "Mu'min Ibrahim";
    const result = validateRoster(roster);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.roster.parties[3].name).toBe(decomposed);
    expect(result.roster.parties[3].name).not.toBe(decomposed.normalize('NFC'));
    expect(result.roster.parties[4].name).toBe('Toko 金 Makmur');
    expect(result.roster.parties[0].representative.name).toBe("Mu'min Ibrahim");
  });
});
