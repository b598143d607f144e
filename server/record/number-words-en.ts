// English words for whole numbers, for the English version of the Berita Acara's totals
// ("one trillion five hundred billion rupiah"); the Indonesian "terbilang" is in shared/format.
const ONES = ['', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'];

function belowThousand(n: number): string {
  const words: string[] = [];
  if (n >= 100) words.push(ONES[Math.floor(n / 100)], 'hundred');
  const rest = n % 100;
  if (rest >= 20) words.push(TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${ONES[rest % 10]}` : ''));
  else if (rest > 0) words.push(ONES[rest]);
  return words.join(' ');
}

export function numberToEnglishWords(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`numberToEnglishWords: ${value}`);
  if (value === 0) return 'zero';
  const words: string[] = [];
  const groups: number[] = [];
  for (let n = value; n > 0; n = Math.floor(n / 1000)) groups.push(n % 1000);
  for (let i = groups.length - 1; i >= 0; i--) if (groups[i]) words.push(belowThousand(groups[i]), SCALES[i]);
  return words.filter(Boolean).join(' ');
}
