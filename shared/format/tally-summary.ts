// One sentence with the current figures, used as the tally page's title and Open Graph
// description (server-rendered, since chat apps run no JavaScript) and by the share button.
import type { Tally } from '../domain/types';
import { formatRupiahShort } from './rupiah';

export function tallySummary(t: Pick<Tally, 'valueSignedIdr' | 'valueTotalIdr' | 'agreementsSigned' | 'agreementsTotal'>, lang: 'id' | 'en' = 'id'): string {
  const signed = formatRupiahShort(t.valueSignedIdr, lang);
  const total = formatRupiahShort(t.valueTotalIdr, lang);
  return lang === 'id'
    ? `${signed} dari ${total} ditandatangani · ${t.agreementsSigned} dari ${t.agreementsTotal} perjanjian`
    : `${signed} of ${total} signed · ${t.agreementsSigned} of ${t.agreementsTotal} agreements`;
}
