// What a verification verdict means, for people: Bahasa Indonesia first, then English.
import type { SealProblem } from '../documents/verify';

export type Verdict = 'valid' | 'tampered' | 'unknown-document' | 'not-sealed';

export interface Bilingual {
  id: string;
  en: string;
}

export const VERDICT_TITLES: Record<Verdict, Bilingual> = {
  valid: { id: 'Dokumen asli dan utuh', en: 'Authentic and unmodified' },
  tampered: { id: 'Dokumen telah diubah', en: 'The document was modified' },
  'unknown-document': { id: 'Dokumen tidak dikenal', en: 'Unknown document' },
  'not-sealed': { id: 'Dokumen belum disegel', en: 'The document is not sealed' },
};

export const SEAL_PROBLEMS: Record<SealProblem, Bilingual> = {
  NO_SEAL: { id: 'berkas tidak memiliki segel elektronik', en: 'the file carries no electronic seal' },
  MALFORMED: { id: 'segel elektronik dalam berkas rusak', en: 'the electronic seal in the file is malformed' },
  PARTIAL_COVERAGE: {
    id: 'segel tidak mencakup seluruh berkas (ada bagian yang ditambahkan atau dihapus)',
    en: 'the seal does not cover the whole file (something was added or removed)',
  },
  DIGEST_MISMATCH: {
    id: 'isi berkas berubah setelah disegel (nilai hash tidak cocok)',
    en: 'the content changed after sealing (digest mismatch)',
  },
  BAD_SIGNATURE: { id: 'tanda tangan segel tidak cocok dengan sertifikatnya', en: 'the seal signature does not match its certificate' },
  MULTIPLE_SEALS: {
    id: 'berkas memiliki lebih dari satu tanda tangan, padahal platform hanya menyegel sekali',
    en: 'the file has more than one signature, but the platform seals exactly once',
  },
};

export function join(...parts: Bilingual[]): Bilingual {
  return { id: parts.map((p) => p.id).join('; '), en: parts.map((p) => p.en).join('; ') };
}
