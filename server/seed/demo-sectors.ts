// Sectors of the demo ceremony: what the UMKM produce, what the large companies do with it,
// and how the business forms of small firms are written.

export type SectorKey =
  | 'kopi'
  | 'kakao'
  | 'perikanan'
  | 'makanan'
  | 'tekstil'
  | 'kerajinan'
  | 'agribisnis'
  | 'komponen'
  | 'logistik';

/** One thing a UMKM supplies: its sector label, the agreement's subject and a name core. */
export interface Product {
  sector: string;
  /** Completes "Perjanjian Kemitraan …". */
  subject: string;
  /** Words a UMKM of this kind often carries in its name, e.g. "Kopi Gayo". */
  cores: readonly string[];
}

export const COMPANY_SECTORS: Record<SectorKey, string> = {
  kopi: 'Pengolahan dan Ekspor Kopi',
  kakao: 'Pengolahan Kakao dan Cokelat',
  perikanan: 'Pengolahan Hasil Perikanan',
  makanan: 'Industri Makanan dan Minuman',
  tekstil: 'Industri Tekstil dan Garmen',
  kerajinan: 'Furnitur dan Kerajinan Ekspor',
  agribisnis: 'Agribisnis dan Perdagangan Hasil Bumi',
  komponen: 'Manufaktur Komponen Otomotif',
  logistik: 'Logistik dan Pergudangan',
};

/** Business forms of small firms, by sector; the first ones are the most common. */
export const UMKM_FORMS: Record<SectorKey, readonly string[]> = {
  kopi: ['Koperasi', 'KUB', 'UD', 'CV'],
  kakao: ['Kelompok Tani', 'Koperasi', 'UD'],
  perikanan: ['Kelompok Nelayan', 'Koperasi', 'UD', 'CV'],
  makanan: ['UD', 'CV', 'KUB', 'Toko'],
  tekstil: ['KUB', 'CV', 'Sanggar', 'UD'],
  kerajinan: ['CV', 'UD', 'Sanggar', 'KUB'],
  agribisnis: ['Kelompok Tani', 'Koperasi', 'UD', 'CV'],
  komponen: ['CV', 'UD', 'Bengkel'],
  logistik: ['CV', 'UD'],
};

/** The title a UMKM representative signs with, by business form. */
export function umkmTitle(form: string): string {
  if (form === 'Koperasi') return 'Ketua Koperasi';
  if (form === 'KUB' || form.startsWith('Kelompok')) return 'Ketua Kelompok';
  if (form === 'Sanggar') return 'Ketua Sanggar';
  if (form === 'CV') return 'Direktur';
  return 'Pemilik';
}

/** Words of good fortune that close many small-business names ("UD Tani Makmur"). */
export const NAME_BLESSINGS: readonly string[] = [
  'Sejahtera', 'Makmur', 'Mandiri', 'Lestari', 'Jaya', 'Berkah', 'Sumber Rejeki', 'Maju Bersama',
  'Harapan Baru', 'Sinar Abadi', 'Karya Bersama', 'Mulia', 'Sentosa', 'Barokah', 'Abadi', 'Utama',
  'Bersaudara', 'Indah', 'Sakinah', 'Rukun', 'Sehati', 'Tunas Muda', 'Cahaya', 'Bina Usaha',
];
