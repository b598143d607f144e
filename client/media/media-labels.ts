// Media interface text, Bahasa Indonesia first (formal "Anda"), English second.
export type MediaLang = 'id' | 'en';

const LABELS = {
  live: ['Anda sedang siaran', 'You are live'],
  notLive: ['Kamera dan mikrofon Anda mati', 'Your camera and microphone are off'],
  selfView: ['Tampilan Anda', 'Your view'],
  micOn: ['Matikan mikrofon', 'Mute microphone'],
  micOff: ['Nyalakan mikrofon', 'Unmute microphone'],
  camOn: ['Matikan kamera', 'Stop camera'],
  camOff: ['Nyalakan kamera', 'Start camera'],
  mutedByOrganizer: ['Panitia mematikan {what} Anda. Anda dapat menyalakannya kembali.', 'The organizers turned off your {what}. You can turn it back on.'],
  microphone: ['mikrofon', 'microphone'],
  camera: ['kamera', 'camera'],
  connecting: ['Menyambungkan video…', 'Connecting video…'],
  reconnecting: ['Video terputus. Menyambungkan kembali…', 'Video lost. Reconnecting…'],
  failed: ['Sambungan video gagal. Mencoba lagi…', 'Video connection failed. Retrying…'],
  stage: ['Panggung', 'Stage'],
  stageEmpty: ['Belum ada siaran di panggung.', 'Nothing on the stage yet.'],
  stageNotLive: ['Panggung belum tayang. Siaran akan muncul di sini begitu dimulai.', 'The stage is not live yet. The broadcast appears here once it starts.'],
  watchOnly: ['Hanya menonton', 'Watch only'],
  gallery: ['Semua ruang', 'All rooms'],
  page: ['Halaman {page} dari {pages}', 'Page {page} of {pages}'],
  prev: ['Sebelumnya', 'Previous'],
  next: ['Berikutnya', 'Next'],
  present: ['Hadir', 'Present'],
  absent: ['Terputus', 'Dropped'],
  waiting: ['Belum bergabung', 'Not joined yet'],
  noVideo: ['Tanpa video', 'No video'],
  speaking: ['Sedang berbicara', 'Speaking'],
  muteRoom: ['Bisukan ruang', 'Mute room'],
  stopVideo: ['Hentikan video', 'Stop video'],
  muteAll: ['Bisukan semua', 'Mute everyone'],
  putOnStage: ['Tampilkan di panggung', 'Put on stage'],
  takeOffStage: ['Turunkan dari panggung', 'Take off stage'],
  onStage: ['Di panggung', 'On stage'],
  stats: ['Statistik transport', 'Transport statistics'],
  statsRoom: ['Ruang / peran', 'Room / role'],
  statsDirection: ['Arah', 'Direction'],
  statsBytes: ['Byte (masuk/keluar)', 'Bytes (in/out)'],
  statsPackets: ['Paket (masuk/keluar)', 'Packets (in/out)'],
  statsLoss: ['Hilang / NACK', 'Lost / NACK'],
  send: ['kirim', 'send'],
  recv: ['terima', 'receive'],
  enableSound: ['Aktifkan suara', 'Enable sound'],
} as const;

export type MediaLabel = keyof typeof LABELS;

export function mediaText(lang: MediaLang, key: MediaLabel, values: Record<string, string | number> = {}): string {
  const text: string = LABELS[key][lang === 'id' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}
