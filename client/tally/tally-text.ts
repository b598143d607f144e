// The tally's own words (Bahasa Indonesia first, English second), kept beside the screen so the
// shared message table in client/ui stays small. Every count names its unit.
import type { PartyKind } from '../../shared/domain/types';
import { useI18n } from '../ui/i18n-context';
import type { Lang } from '../ui/i18n';

const TEXT = {
  countOf: ['{signed} dari {total} {unit}', '{signed} of {total} {unit}'],
  agreementsUnit: ['perjanjian', 'agreements'],
  'unit.PMA': ['perusahaan PMA', 'PMA companies'],
  'unit.PMDN': ['perusahaan PMDN', 'PMDN companies'],
  'unit.UMKM': ['UMKM', 'UMKM (small businesses)'],
  kindsTitle: ['Pihak yang sudah menandatangani', 'Parties that have signed'],
  kindsNote: ['Dihitung per perusahaan atau usaha, bukan per perjanjian.', 'Counted per company or business, not per agreement.'],
  valueOfTotal: ['dari {total}', 'of {total}'],
  exactLine: ['Tepatnya {signed} dari {total} · {share}', 'Exactly {signed} of {total} · {share}'],
  share: ['Bagikan', 'Share'],
  copyLink: ['Salin tautan', 'Copy link'],
  copied: ['Tautan disalin', 'Link copied'],
  watch: ['Tonton panggung', 'Watch the stage'],
  hideStage: ['Sembunyikan panggung', 'Hide the stage'],
  paceTitle: ['Laju penandatanganan', 'Signing pace'],
  pacePerMinute: ['perjanjian per menit', 'agreements per minute'],
  paceWindow: ['dalam {minutes} menit terakhir', 'over the last {minutes} minutes'],
  paceMeasuring: ['Laju dihitung setelah beberapa penandatanganan.', 'The pace shows after a few signings.'],
  paceIdle: ['Tidak ada penandatanganan dalam {minutes} menit terakhir; perkiraan selesai belum dapat dihitung.', 'No signings in the last {minutes} minutes; no finish time can be estimated.'],
  paceFinish: ['Perkiraan selesai sekitar {time} jika laju tetap ({left} perjanjian lagi)', 'Expected to finish around {time} if the pace holds ({left} agreements left)'],
  paceNotRunning: ['Laju ditampilkan selama penandatanganan berlangsung.', 'The pace shows while signing is in progress.'],
  paceDone: ['Semua perjanjian telah ditandatangani.', 'Every agreement is signed.'],
  mapTitle: ['Peta provinsi', 'Map by province'],
  mapLabel: ['Peta Indonesia: nilai ditandatangani per provinsi', 'Map of Indonesia: value signed by province'],
  legendTitle: ['Nilai ditandatangani', 'Value signed'],
  legendNone: ['Tidak ada perjanjian', 'No agreements'],
  legendZero: ['Belum ada', 'None yet'],
  legendUpTo: ['hingga {value}', 'up to {value}'],
  listTitle: ['Daftar provinsi', 'Provinces'],
  provinceLine: ['{signed} dari {total} perjanjian · {share} dari nilai provinsi', '{signed} of {total} agreements · {share} of the province\'s value'],
  drawnInside: ['Provinsi baru: di peta digambar di dalam wilayah {shape} (data peta sebelum 2022).', 'New province: drawn inside {shape} on the map (map data from before 2022).'],
  notOnMap: ['Tidak ditemukan di peta.', 'Not found on the map.'],
  selectHint: ['Ketuk provinsi di peta atau daftar untuk rinciannya.', 'Tap a province on the map or in the list for details.'],
  mapCredit: ['Batas provinsi: Natural Earth (domain publik).', 'Province boundaries: Natural Earth (public domain).'],
  close: ['Tutup', 'Close'],
} as const satisfies Record<string, readonly [string, string]>;

export type TallyTextKey = keyof typeof TEXT;
export type TallyText = (key: TallyTextKey, vars?: Record<string, string | number>) => string;

export function tallyText(lang: Lang, key: TallyTextKey, vars?: Record<string, string | number>): string {
  const text: string = TEXT[key][lang === 'id' ? 0 : 1];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}

export const unitKey = (kind: PartyKind): TallyTextKey => `unit.${kind}`;

export function useTallyText(): { tt: TallyText; lang: Lang } {
  const { lang } = useI18n();
  return { tt: (key, vars) => tallyText(lang, key, vars), lang };
}
