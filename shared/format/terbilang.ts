// "Terbilang": an amount of rupiah spelled out in Bahasa Indonesia, as agreements require.

const UNITS = ['', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const SCALES = ['', 'ribu', 'juta', 'miliar', 'triliun', 'kuadriliun'];

function belowThousand(n: number): string {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(UNITS[hundreds], 'ratus');
  if (rest >= 20) {
    words.push(UNITS[Math.floor(rest / 10)], 'puluh');
    if (rest % 10) words.push(UNITS[rest % 10]);
  } else if (rest >= 12) {
    words.push(UNITS[rest - 10], 'belas');
  } else if (rest === 11) {
    words.push('sebelas');
  } else if (rest === 10) {
    words.push('sepuluh');
  } else if (rest > 0) {
    words.push(UNITS[rest]);
  }
  return words.join(' ');
}

/** 1500000000000 → "satu triliun lima ratus miliar". Integers from 0 up to Number.MAX_SAFE_INTEGER. */
export function terbilang(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`terbilang: ${value}`);
  if (value === 0) return 'nol';
  const groups: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    if (g === 0) continue;
    // Indonesian says "seribu", not "satu ribu", but "satu juta", "satu miliar".
    if (i === 1 && g === 1) words.push('seribu');
    else words.push(belowThousand(g), SCALES[i]);
  }
  return words.filter(Boolean).join(' ');
}

/** "satu triliun lima ratus miliar rupiah" */
export function terbilangRupiah(value: number): string {
  return `${terbilang(value)} rupiah`;
}
