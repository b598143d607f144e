// Indonesian money formatting: "." groups thousands, "," marks decimals, no space after "Rp".

/** `Rp1.500.000.000` — exact, for documents and tables. */
export function formatRupiah(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = Math.trunc(Math.abs(value)).toString();
  return `${sign}Rp${digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
}

const SCALES_ID = [
  { size: 1e12, id: 'triliun', en: 'trillion' },
  { size: 1e9, id: 'miliar', en: 'billion' },
  { size: 1e6, id: 'juta', en: 'million' },
  { size: 1e3, id: 'ribu', en: 'thousand' },
] as const;

/** Headline form: "Rp1,5 triliun" (id) or "Rp1.5 trillion" (en); at most one decimal, trimmed. */
export function formatRupiahShort(value: number, lang: 'id' | 'en' = 'id'): string {
  const scale = SCALES_ID.find((s) => Math.abs(value) >= s.size);
  if (!scale) return formatRupiah(value);
  const scaled = Math.floor((value / scale.size) * 10) / 10;
  const text = Number.isInteger(scaled) ? scaled.toString() : scaled.toFixed(1);
  const number = lang === 'id' ? text.replace('.', ',') : text;
  return `Rp${number} ${scale[lang]}`;
}
