import { describe, expect, it } from 'vitest';
import { formatRupiah, formatRupiahShort, formatShare, shortRupiah } from '../../../shared/format/rupiah';
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
    expect(formatRupiahShort(12_590_000_000)).toBe('Rp12,59 miliar');
  });

  // Every short form is either the exact amount or says "lebih dari" in front of a smaller one:
  // a journalist quoting it can never overstate or understate the figure.
  it.each([
    [0, 'Rp0', 'Rp0', true],
    [999, 'Rp999', 'Rp999', true],
    [1_000, 'Rp1 ribu', 'Rp1 thousand', true],
    [1_500, 'Rp1,5 ribu', 'Rp1.5 thousand', true],
    [1_234, 'lebih dari Rp1,23 ribu', 'more than Rp1.23 thousand', false],
    [750_000_000, 'Rp750 juta', 'Rp750 million', true],
    [999_999, 'lebih dari Rp999,99 ribu', 'more than Rp999.99 thousand', false],
    [6_250_000_000, 'Rp6,25 miliar', 'Rp6.25 billion', true],
    [6_205_000_000, 'lebih dari Rp6,2 miliar', 'more than Rp6.2 billion', false],
    [6_000_000_001, 'lebih dari Rp6 miliar', 'more than Rp6 billion', false],
    [12_500_000_000, 'Rp12,5 miliar', 'Rp12.5 billion', true],
    [999_999_999_999, 'lebih dari Rp999,99 miliar', 'more than Rp999.99 billion', false],
    [1_000_000_000_000, 'Rp1 triliun', 'Rp1 trillion', true],
    [1_200_000_000_000, 'Rp1,2 triliun', 'Rp1.2 trillion', true],
    [1_500_000_000_000, 'Rp1,5 triliun', 'Rp1.5 trillion', true],
    [2_010_000_000_000, 'Rp2,01 triliun', 'Rp2.01 trillion', true],
    [1_499_999_999_999, 'lebih dari Rp1,49 triliun', 'more than Rp1.49 trillion', false],
    [1_234_000_000_000_000, 'Rp1.234 triliun', 'Rp1,234 trillion', true],
    [Number.MAX_SAFE_INTEGER, 'lebih dari Rp9.007,19 triliun', 'more than Rp9,007.19 trillion', false],
  ])('%d → %s / %s', (value, id, en, exact) => {
    expect(shortRupiah(value, 'id')).toEqual({ text: id, exact });
    expect(shortRupiah(value, 'en')).toEqual({ text: en, exact });
  });

  it('never states more than the amount, and is exact whenever it does not say "lebih dari"', () => {
    const seed = 20210118;
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const value = (next() % 1_000_000) * 10 ** (next() % 10) + (next() % 3 === 0 ? next() % 1000 : 0);
      const { text, exact } = shortRupiah(value);
      const match = /^(?:lebih dari )?Rp([\d.]+)(?:,(\d+))? (triliun|miliar|juta|ribu)$/.exec(text) ?? /^Rp([\d.]+)$/.exec(text);
      expect(match, `seed ${seed}: ${value} → ${text}`).toBeTruthy();
      const scale = { triliun: 1e12, miliar: 1e9, juta: 1e6, ribu: 1e3 }[match![3] as string] ?? 1;
      const shown = Number(`${match![1].replaceAll('.', '')}.${match![2] ?? 0}`) * scale;
      if (exact) expect(Math.abs(shown - value), `seed ${seed}: ${value} → ${text}`).toBeLessThan(0.5);
      else expect(shown, `seed ${seed}: ${value} → ${text}`).toBeLessThan(value);
    }
  });

  it('cuts shares down to one decimal and reaches 100% only when complete', () => {
    expect(formatShare(6_250_000_000, 1_500_000_000_000)).toBe('0,4%');
    expect(formatShare(1_499_999_999_999, 1_500_000_000_000)).toBe('99,9%');
    expect(formatShare(1_500_000_000_000, 1_500_000_000_000, 'en')).toBe('100%');
    expect(formatShare(1, 3, 'en')).toBe('33.3%');
    expect(formatShare(5, 0)).toBe('0%');
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
