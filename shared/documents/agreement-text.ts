// The words of the bilingual partnership agreement that are the same for every agreement: the
// preamble and the clauses. The PDF template prints them and the room's reader shows them, from
// this one source, so what an official reads before signing is what the PDF says.
import type { TimeZoneName } from '../domain/types';
import { formatLocalDate, formatLocalTime } from '../format/time';

export interface Bilingual {
  id: string;
  en: string;
}

export function agreementPreamble(ceremony: { title: string; startsAt: string }, zone: TimeZoneName): Bilingual {
  const time = formatLocalTime(ceremony.startsAt, zone);
  return {
    id: `Pada hari ini, ${formatLocalDate(ceremony.startsAt, zone, 'id')}, pukul ${time}, dalam rangka ${ceremony.title}, para pihak yang tersebut di bawah ini sepakat untuk mengadakan perjanjian kemitraan dengan ketentuan sebagai berikut.`,
    en: `On ${formatLocalDate(ceremony.startsAt, zone, 'en')}, at ${time}, on the occasion of ${ceremony.title}, the parties named below agree to enter into a partnership agreement on the following terms.`,
  };
}

export const AGREEMENT_CLAUSES: readonly Bilingual[] = [
  {
    id: 'Pasal 1. Para pihak sepakat menjalin kemitraan usaha sesuai pokok perjanjian di atas, dengan prinsip saling memerlukan, saling mempercayai, saling memperkuat, dan saling menguntungkan.',
    en: 'Article 1. The parties agree to a business partnership on the subject matter above, on the principles of mutual need, trust, strengthening and benefit.',
  },
  {
    id: 'Pasal 2. Nilai kemitraan sebagaimana tersebut di atas merupakan nilai kerja sama selama jangka waktu perjanjian; rincian pelaksanaan diatur lebih lanjut secara tertulis oleh para pihak.',
    en: 'Article 2. The partnership value stated above is the value of the cooperation over the term of the agreement; the parties will set out the details of performance in writing.',
  },
  {
    id: 'Pasal 3. Perjanjian ini ditandatangani secara elektronik dan berlaku sejak seluruh pihak menandatanganinya. Tanda tangan elektronik ini sah menurut UU ITE Pasal 11; segel platform tidak tersertifikasi kecuali dinyatakan lain.',
    en: 'Article 3. This agreement is signed electronically and takes effect once every party has signed. These electronic signatures are valid under the ITE Law, art. 11; the platform seal is uncertified unless stated otherwise.',
  },
  {
    id: 'Pasal 4. Perjanjian ini dibuat dalam Bahasa Indonesia dan Bahasa Inggris; apabila terdapat perbedaan penafsiran, yang berlaku adalah teks Bahasa Indonesia.',
    en: 'Article 4. This agreement is made in Bahasa Indonesia and English; in case of any difference in interpretation, the Indonesian text prevails.',
  },
];
