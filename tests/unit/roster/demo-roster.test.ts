import { describe, expect, it } from 'vitest';
import { buildDemoRoster, DEMO_TOTAL_IDR } from '../../../server/seed/demo-roster';
import { validateRoster } from '../../../server/roster/validate-roster';
import { PROVINCE_ZONES } from '../../../server/roster/province-zones';

describe('buildDemoRoster', () => {
  const roster = buildDemoRoster();
  const partyById = new Map(roster.parties.map((p) => [p.id, p]));
  const roomById = new Map(roster.rooms.map((r) => [r.id, r]));
  const stage = roster.rooms.find((r) => r.isStage);

  it('is a valid roster for the ceremony of 18 January 2021', () => {
    const result = validateRoster(roster);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(roster.id).toBe('demo-2021-01-18');
    expect(Date.parse(roster.startsAt)).toBe(Date.parse('2021-01-18T02:00:00Z'));
  });

  it('has 29 PMA, 27 PMDN and 196 UMKM with one agreement per UMKM', () => {
    const count = (kind: string) => roster.parties.filter((p) => p.kind === kind).length;
    expect([count('PMA'), count('PMDN'), count('UMKM')]).toEqual([29, 27, 196]);
    expect(roster.agreements).toHaveLength(196);
    expect(roster.agreements.map((a) => a.id)).toEqual(Array.from({ length: 196 }, (_, i) => `K-${String(i + 1).padStart(3, '0')}`));
    const umkmInAgreements = roster.agreements.map((a) => a.parties.filter((id) => partyById.get(id)?.kind === 'UMKM'));
    expect(umkmInAgreements.every((ids) => ids.length === 1)).toBe(true);
    expect(new Set(umkmInAgreements.flat()).size).toBe(196);
    for (const agreement of roster.agreements) {
      expect(agreement.parties).toHaveLength(2);
      expect(partyById.get(agreement.parties[0])?.kind).toMatch(/^(PMA|PMDN)$/);
      expect(agreement.title).toMatch(/^Perjanjian Kemitraan /);
    }
  });

  it('gives every large company at least one agreement', () => {
    const companies = roster.parties.filter((p) => p.kind !== 'UMKM').map((p) => p.id);
    const withAgreement = new Set(roster.agreements.map((a) => a.parties[0]));
    expect(companies.filter((id) => !withAgreement.has(id))).toEqual([]);
  });

  it('adds up to exactly Rp1.500.000.000.000 in round, realistic values', () => {
    const values = roster.agreements.map((a) => a.valueIdr);
    expect(values.reduce((sum, v) => sum + v, 0)).toBe(DEMO_TOTAL_IDR);
    expect(DEMO_TOTAL_IDR).toBe(1_500_000_000_000);
    for (const value of values) {
      expect(Number.isSafeInteger(value)).toBe(true);
      expect(value % 5_000_000).toBe(0);
    }
    expect(Math.min(...values)).toBeGreaterThanOrEqual(250_000_000);
    expect(Math.max(...values)).toBeLessThanOrEqual(100_000_000_000);
    expect(new Set(values).size).toBeGreaterThan(50);
  });

  it('spreads rooms over at least ten provinces in all three zones, each zone right for its province', () => {
    expect(roster.rooms.length).toBeGreaterThanOrEqual(10);
    expect(roster.rooms.length).toBeLessThanOrEqual(16);
    expect(new Set(roster.rooms.map((r) => r.province)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(roster.rooms.map((r) => r.timezone))).toEqual(new Set(['WIB', 'WITA', 'WIT']));
    for (const room of roster.rooms) expect([room.province, room.timezone]).toEqual([room.province, PROVINCE_ZONES[room.province]]);
    for (const party of roster.parties) expect(PROVINCE_ZONES[party.province], party.province).toBeDefined();
    expect(roster.rooms).toContainEqual({
      id: 'pandeglang',
      name: 'Ruang Pintar Setda Pandeglang',
      province: 'Banten',
      regency: 'Kabupaten Pandeglang',
      timezone: 'WIB',
    });
  });

  it('seats 6 companies and 10 UMKM on the palace stage and everyone else in a regional room', () => {
    expect(stage).toMatchObject({ province: 'DKI Jakarta', timezone: 'WIB', isStage: true });
    const onStage = roster.parties.filter((p) => p.room === stage?.id);
    expect(onStage.filter((p) => p.kind !== 'UMKM')).toHaveLength(6);
    expect(onStage.filter((p) => p.kind === 'UMKM')).toHaveLength(10);
    for (const party of roster.parties) {
      if (party.kind === 'UMKM' && party.room !== stage?.id) expect(roomById.get(party.room)?.province).toBe(party.province);
    }
  });

  it('seats each regional company in the room of one of its partners, with some agreements across rooms', () => {
    for (const company of roster.parties.filter((p) => p.kind !== 'UMKM' && p.room !== stage?.id)) {
      const partnerRooms = roster.agreements
        .filter((a) => a.parties[0] === company.id)
        .map((a) => partyById.get(a.parties[1])?.room);
      expect(partnerRooms, company.name).toContain(company.room);
    }
    const roomsOf = (a: { parties: string[] }) => a.parties.map((id) => partyById.get(id)?.room);
    const regional = roster.agreements.filter((a) => roomsOf(a).every((room) => room !== stage?.id));
    const acrossRooms = roster.agreements.filter((a) => new Set(roomsOf(a)).size > 1);
    expect(regional.length).toBeGreaterThan(roster.agreements.length / 2);
    expect(acrossRooms.length).toBeGreaterThan(0);
    expect(acrossRooms.length).toBeLessThan(roster.agreements.length / 2);
  });

  it('carries plausible, unique and partly non-ASCII names', () => {
    const names = roster.parties.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['Bengkel Las Ẓainal & Putra', "Kopi Gayo Mu'min", 'Toko 金 Makmur']));
    for (const party of roster.parties) {
      if (party.kind !== 'UMKM') expect(party.name).toMatch(/^PT \S/);
      else expect(party.name).not.toMatch(/^PT /);
      expect(party.representative.title).toMatch(/^(Presiden Direktur|Direktur Utama|Direktur|Pemilik|Ketua (Koperasi|Kelompok|Sanggar))$/);
    }
    const representatives = roster.parties.map((p) => p.representative.name);
    expect(new Set(representatives).size).toBe(representatives.length);
  });

  it('is the same on every call', () => {
    expect(buildDemoRoster()).toEqual(roster);
    expect(JSON.stringify(buildDemoRoster())).toBe(JSON.stringify(roster));
  });
});
