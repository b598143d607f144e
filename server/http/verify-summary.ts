// The one plain sentence each verification page leads with: the verdict of an upload, or the
// state of an agreement a QR code points to. Bahasa Indonesia and English side by side.
import { formatLocalDate } from '../../shared/format/time';
import type { Bilingual, Verdict } from './verify-reasons';
import type { AgreementView, SealView, VerifyReport } from './verify-report';

function partiesWord(n: number): Bilingual {
  if (n === 2) return { id: 'kedua pihak', en: 'both parties' };
  if (n === 3) return { id: 'ketiga pihak', en: 'all three parties' };
  return { id: `semua ${n} pihak`, en: `all ${n} parties` };
}

/** "18 Januari 2021" (and "18 dan 19 Januari 2021" style lists when signatures span days). */
function signingDates(a: AgreementView): Bilingual {
  const day = (s: AgreementView['signers'][number], lang: 'id' | 'en') => formatLocalDate(s.signedAt, s.timezone, lang).replace(/^[^,]+, /, '');
  const unique = (lang: 'id' | 'en') => [...new Set(a.signers.map((s) => day(s, lang)))];
  return { id: unique('id').join(' dan '), en: unique('en').join(' and ') };
}

export function agreementStatusSentence(a: AgreementView, seal?: SealView): { text: Bilingual; tone: 'ok' | 'bad' | 'neutral' } {
  const who = partiesWord(a.parties.length);
  const when = signingDates(a);
  switch (a.status) {
    case 'stamped':
      if (seal && !seal.valid) {
        return {
          tone: 'bad',
          text: {
            id: `Perjanjian ${a.id} ditandatangani oleh ${who.id} pada ${when.id}, tetapi segel salinan yang disimpan platform tidak valid; hubungi panitia.`,
            en: `Agreement ${a.id} was signed by ${who.en} on ${when.en}, but the seal of the copy the platform holds is not valid; contact the organizers.`,
          },
        };
      }
      return {
        tone: 'ok',
        text: {
          id: `Perjanjian ${a.id} ditandatangani oleh ${who.id} pada ${when.id} dan disegel; berkas asli tersedia.`,
          en: `Agreement ${a.id} was signed by ${who.en} on ${when.en} and sealed; the original file is available.`,
        },
      };
    case 'signed':
      return {
        tone: 'neutral',
        text: {
          id: `Perjanjian ${a.id} ditandatangani oleh ${who.id} pada ${when.id}; dokumen sedang disegel.`,
          en: `Agreement ${a.id} was signed by ${who.en} on ${when.en}; the document is being sealed.`,
        },
      };
    case 'called':
      return {
        tone: 'neutral',
        text: {
          id: `Perjanjian ${a.id} sedang di meja penandatanganan: ${a.signers.length} dari ${a.parties.length} pihak sudah menandatangani.`,
          en: `Agreement ${a.id} is at the signing desk: ${a.signers.length} of ${a.parties.length} parties have signed.`,
        },
      };
    case 'pending':
      return {
        tone: 'neutral',
        text: { id: `Perjanjian ${a.id} belum ditandatangani.`, en: `Agreement ${a.id} has not been signed yet.` },
      };
  }
}

const VERDICT_SENTENCES: Record<Verdict, (what: Bilingual) => Bilingual> = {
  valid: (what) => ({
    id: `Berkas ini adalah ${what.id} yang asli: sama persis dengan yang disegel platform, dan tidak berubah sejak itu.`,
    en: `This file is the original ${what.en}: exactly what the platform sealed, unchanged since.`,
  }),
  tampered: (what) => ({
    id: `Berkas ini telah diubah: isinya bukan lagi ${what.id} yang disegel platform. Jangan mengandalkannya; unduh salinan asli dari platform.`,
    en: `This file has been modified: it is no longer the ${what.en} the platform sealed. Do not rely on it; download the original from the platform.`,
  }),
  'unknown-document': () => ({
    id: 'Berkas ini tidak diterbitkan oleh platform ini, jadi keasliannya tidak dapat dipastikan di sini.',
    en: 'This file was not issued by this platform, so its authenticity cannot be confirmed here.',
  }),
  'not-sealed': (what) => ({
    id: `Berkas ini belum disegel: ini draf ${what.id}, bukan dokumen final yang ditandatangani.`,
    en: `This file is not sealed: it is a draft of ${what.en}, not the final signed document.`,
  }),
};

export function verdictSentence(r: VerifyReport): Bilingual {
  const what: Bilingual = r.agreement
    ? { id: `perjanjian ${r.agreement.id}`, en: `agreement ${r.agreement.id}` }
    : r.documentKind === 'berita-acara'
      ? { id: 'Berita Acara upacara ini', en: 'Berita Acara of this ceremony' }
      : { id: 'dokumen', en: 'document' };
  return VERDICT_SENTENCES[r.verdict](what);
}
