import { describe, expect, it } from 'vitest';
import { PROVINCE_SHAPES } from '../../../client/tally/map/province-shapes';
import { matchProvince } from '../../../client/tally/map/province-names';
import { groupByShape, levelBounds, shadeLevel } from '../../../client/tally/map/province-groups';
import { computePace, emptySigningLog, recordSignings } from '../../../client/tally/pace';
import { buildDemoRoster } from '../../../server/seed/demo-roster';
import type { LatestSigning } from '../../../shared/domain/types';

// The 38 provinces of Indonesia since 2022, as Kemendagri writes them.
const PROVINCES_2022 = [
  'Aceh', 'Sumatera Utara', 'Sumatera Barat', 'Riau', 'Jambi', 'Sumatera Selatan', 'Bengkulu', 'Lampung',
  'Kepulauan Bangka Belitung', 'Kepulauan Riau', 'DKI Jakarta', 'Jawa Barat', 'Jawa Tengah', 'DI Yogyakarta',
  'Jawa Timur', 'Banten', 'Bali', 'Nusa Tenggara Barat', 'Nusa Tenggara Timur', 'Kalimantan Barat',
  'Kalimantan Tengah', 'Kalimantan Selatan', 'Kalimantan Timur', 'Kalimantan Utara', 'Sulawesi Utara',
  'Sulawesi Tengah', 'Sulawesi Selatan', 'Sulawesi Tenggara', 'Gorontalo', 'Sulawesi Barat', 'Maluku',
  'Maluku Utara', 'Papua', 'Papua Barat', 'Papua Selatan', 'Papua Tengah', 'Papua Pegunungan', 'Papua Barat Daya',
];

describe('province map', () => {
  it('places all 38 provinces on one of the 33 shapes, saying which are drawn inside another', () => {
    const isos = new Set(PROVINCE_SHAPES.map((s) => s.iso));
    expect(isos.size).toBe(33);
    const matched = PROVINCES_2022.map((name) => ({ name, match: matchProvince(name) }));
    for (const { name, match } of matched) expect(match && isos.has(match.iso), name).toBe(true);
    expect(matched.filter((m) => m.match?.drawnInside).map((m) => m.name)).toEqual([
      'Kalimantan Utara', 'Papua Selatan', 'Papua Tengah', 'Papua Pegunungan', 'Papua Barat Daya',
    ]);
    // Every shape is some province's own.
    expect(new Set(matched.filter((m) => !m.match?.drawnInside).map((m) => m.match!.iso))).toEqual(isos);
  });

  it('matches spelling variants and refuses ids that are not provinces', () => {
    expect(matchProvince('Provinsi  Sumatra  Utara')?.iso).toBe('ID-SU');
    expect(matchProvince('D.I. Yogyakarta')?.iso).toBe('ID-YO');
    expect(matchProvince('Daerah Khusus Ibukota Jakarta')?.iso).toBe('ID-JK');
    expect(matchProvince('KEPULAUAN RIAU')?.iso).toBe('ID-KR');
    expect(matchProvince('toString')).toBeUndefined();
    expect(matchProvince('__proto__')).toBeUndefined();
  });

  it('puts every demo ceremony province on the map and shades by value signed', () => {
    const roster = buildDemoRoster();
    for (const room of roster.rooms) expect(matchProvince(room.province), room.province).toBeDefined();
    const { byShape, unmatched } = groupByShape([
      { province: 'Banten', agreementsTotal: 17, agreementsSigned: 0, valueTotalIdr: 200_000_000_000, valueSignedIdr: 0 },
      { province: 'Papua Selatan', agreementsTotal: 2, agreementsSigned: 1, valueTotalIdr: 10_000_000_000, valueSignedIdr: 6_250_000_000 },
      { province: 'Papua', agreementsTotal: 1, agreementsSigned: 1, valueTotalIdr: 5_000_000_000, valueSignedIdr: 5_000_000_000 },
      { province: 'Atlantis', agreementsTotal: 1, agreementsSigned: 0, valueTotalIdr: 1, valueSignedIdr: 0 },
    ]);
    expect(unmatched.map((p) => p.province)).toEqual(['Atlantis']);
    expect(byShape.get('ID-PA')).toMatchObject({ agreementsTotal: 3, agreementsSigned: 2, valueSignedIdr: 11_250_000_000 });
    const bounds = levelBounds(byShape.values());
    expect(bounds).toEqual([50_000_000_000, 100_000_000_000, 150_000_000_000, 200_000_000_000]);
    expect(shadeLevel(byShape.get('ID-BT'), bounds)).toBe(0);
    expect(shadeLevel(byShape.get('ID-PA'), bounds)).toBe(1);
    expect(shadeLevel(byShape.get('ID-AC'), bounds)).toBe(-1);
  });
});

describe('signing pace', () => {
  const at = (minute: number) => new Date(Date.UTC(2021, 0, 18, 2, 0) + minute * 60_000).toISOString();
  const signing = (id: string, minute: number): LatestSigning => ({
    agreementId: id, title: id, partyNames: [], roomId: 'r', roomName: 'R', province: 'Banten', valueIdr: 1, signedAt: at(minute), timezone: 'WIB',
  });
  const now = Date.parse(at(10));

  it('counts signings over the last five minutes and estimates the finish from that rate', () => {
    let log = emptySigningLog();
    log = recordSignings(log, [signing('K-3', 9), signing('K-2', 7), signing('K-1', 2)], 3);
    const pace = computePace(log, now, 20);
    expect(pace).toMatchObject({ kind: 'rate', perMinute: 0.4, windowMinutes: 5, remaining: 20 });
    expect(pace.kind === 'rate' && pace.finishAtMs).toBe(now + 50 * 60_000);
  });

  it('does not invent a rate from signings it may have missed', () => {
    // Opened mid-ceremony: a full list of ten, 150 signed in all; only the time since the oldest counts.
    const ten = Array.from({ length: 10 }, (_, i) => signing(`K-${i}`, 9.9 - i * 0.05));
    const log = recordSignings(emptySigningLog(), ten, 150);
    expect(computePace(log, now, 46)).toEqual({ kind: 'measuring' });
    const later = computePace(log, now + 60_000, 46);
    expect(later).toMatchObject({ kind: 'rate', windowMinutes: 2 });
    expect(later.kind === 'rate' && later.perMinute).toBeCloseTo(9 / (1 + 0.55), 5);
  });

  it('says idle when nothing was signed in the window', () => {
    const log = recordSignings(emptySigningLog(), [signing('K-1', 1)], 1);
    expect(computePace(log, now, 5)).toEqual({ kind: 'idle', windowMinutes: 5 });
  });
});
