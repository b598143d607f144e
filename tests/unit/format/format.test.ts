import { describe, expect, it } from 'vitest';
import { formatRupiah, formatRupiahShort } from '../../../shared/format/rupiah';
import { terbilang, terbilangRupiah } from '../../../shared/format/terbilang';
import { formatLocalAndUtc, formatLocalDate, formatLocalTime } from '../../../shared/format/time';

describe('rupiah', () => {
  it('groups thousands with dots', () => {
    expect(formatRupiah(1_500_000_000_000)).toBe('Rp1.500.000.000.000');
    expect(formatRupiah(12_500_000_000)).toBe('Rp12.500.000.000');
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(999)).toBe('Rp999');
  });
  it('writes headline amounts with Indonesian scale words and a decimal comma', () => {
    expect(formatRupiahShort(1_500_000_000_000)).toBe('Rp1,5 triliun');
    expect(formatRupiahShort(1_200_000_000_000)).toBe('Rp1,2 triliun');
    expect(formatRupiahShort(750_000_000)).toBe('Rp750 juta');
    expect(formatRupiahShort(1_500_000_000_000, 'en')).toBe('Rp1.5 trillion');
    expect(formatRupiahShort(12_590_000_000)).toBe('Rp12,5 miliar');
  });
});

describe('terbilang', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [15, 'lima belas'],
    [100, 'seratus'],
    [111, 'seratus sebelas'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [2500, 'dua ribu lima ratus'],
    [1_000_000, 'satu juta'],
    [12_500_000_000, 'dua belas miliar lima ratus juta'],
    [1_500_000_000_000, 'satu triliun lima ratus miliar'],
    [101_010_001, 'seratus satu juta sepuluh ribu satu'],
  ])('%d → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });
  it('adds "rupiah" and refuses what it cannot say', () => {
    expect(terbilangRupiah(1_500_000_000_000)).toBe('satu triliun lima ratus miliar rupiah');
    expect(() => terbilang(-1)).toThrow();
    expect(() => terbilang(1.5)).toThrow();
  });
});

describe('Indonesian time zones', () => {
  const instant = '2021-01-18T03:15:00.000Z';
  it('shows the same instant in WIB, WITA and WIT', () => {
    expect(formatLocalTime(instant, 'WIB')).toBe('10.15 WIB');
    expect(formatLocalTime(instant, 'WITA')).toBe('11.15 WITA');
    expect(formatLocalTime(instant, 'WIT')).toBe('12.15 WIT');
  });
  it('crosses midnight into the next local day', () => {
    expect(formatLocalDate('2021-01-17T18:30:00.000Z', 'WIB')).toBe('Senin, 18 Januari 2021');
    expect(formatLocalDate('2021-01-17T18:30:00.000Z', 'WIB', 'en')).toBe('Monday, 18 January 2021');
  });
  it('gives local and UTC together for certificates', () => {
    expect(formatLocalAndUtc(instant, 'WITA')).toBe('18 Januari 2021 11.15.00 WITA (03.15.00 UTC)');
  });
});
