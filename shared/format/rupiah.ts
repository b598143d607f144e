// Indonesian money formatting: "." groups thousands, "," marks decimals, no space after "Rp".
// Amounts are integers of rupiah; the short forms use BigInt so no float ever rounds them.

/** `Rp1.500.000.000` — exact, for documents and tables. */
export function formatRupiah(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = Math.trunc(Math.abs(value)).toString();
  return `${sign}Rp${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

const SCALES = [
  { size: 10n ** 12n, id: 'triliun', en: 'trillion' },
  { size: 10n ** 9n, id: 'miliar', en: 'billion' },
  { size: 10n ** 6n, id: 'juta', en: 'million' },
  { size: 10n ** 3n, id: 'ribu', en: 'thousand' },
] as const;

/** Decimals a headline may carry: "Rp6,25 miliar" is exact, "Rp6,254 miliar" is no longer short. */
const MAX_DECIMALS = 2;

export interface ShortRupiah {
  /** "Rp6,25 miliar", or "lebih dari Rp999,99 miliar" when two decimals cannot say it exactly. */
  text: string;
  /** True when `text` is the amount exactly; false when it says "lebih dari" / "more than". */
  exact: boolean;
}

/**
 * Headline form that never rounds in a misleading direction: it keeps up to two decimals when
 * they make it exact ("Rp6,25 miliar" for Rp6.250.000.000), and otherwise says "lebih dari" (en
 * "more than") before the amount cut down to two decimals ("lebih dari Rp999,99 miliar" for
 * Rp999.999.999.999). Show the exact `formatRupiah` figure next to it.
 */
export function shortRupiah(value: number, lang: 'id' | 'en' = 'id'): ShortRupiah {
  const amount = BigInt(Math.trunc(value));
  const scale = SCALES.find((s) => amount >= s.size);
  // Below a thousand, and (never expected) negative amounts, are written in full.
  if (!scale) return { text: formatRupiah(value), exact: true };
  let decimals = 0;
  while (decimals < MAX_DECIMALS && amount % (scale.size / 10n ** BigInt(decimals)) !== 0n) decimals++;
  const unit = scale.size / 10n ** BigInt(decimals);
  const exact = amount % unit === 0n;
  const whole = amount / scale.size;
  const fraction = (amount / unit) % 10n ** BigInt(decimals);
  const separator = lang === 'id' ? ',' : '.';
  const wholeText = lang === 'id' ? whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.') : whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fractionText = decimals ? fraction.toString().padStart(decimals, '0').replace(/0+$/, '') : '';
  const number = fractionText ? `${wholeText}${separator}${fractionText}` : wholeText;
  const text = `Rp${number} ${scale[lang]}`;
  if (exact) return { text, exact };
  return { text: `${lang === 'id' ? 'lebih dari' : 'more than'} ${text}`, exact };
}

/** `shortRupiah(...).text`. */
export function formatRupiahShort(value: number, lang: 'id' | 'en' = 'id'): string {
  return shortRupiah(value, lang).text;
}

/**
 * A share as a percentage cut down (never up) to one decimal: 0,4% for 0.0049, and 100% only when
 * everything is done. "0%" for an empty total.
 */
export function formatShare(part: number, total: number, lang: 'id' | 'en' = 'id'): string {
  if (total <= 0 || part <= 0) return '0%';
  const tenths = (BigInt(Math.trunc(part)) * 1000n) / BigInt(Math.trunc(total));
  const text = tenths % 10n === 0n ? (tenths / 10n).toString() : `${tenths / 10n}${lang === 'id' ? ',' : '.'}${tenths % 10n}`;
  return `${text}%`;
}
