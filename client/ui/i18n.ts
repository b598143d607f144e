// Interface text, Bahasa Indonesia first (formal "Anda"), English second. Placeholders are
// written {name} and filled by `translate`.
import type { AgreementStatus, CeremonyPhase, PartyKind } from '../../shared/domain/types';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];

const MESSAGES = {
  'app.name': ['Saksi', 'Saksi'],
  'app.tagline': ['Penandatanganan perjanjian kemitraan secara virtual', 'Virtual signing of partnership agreements'],
  'app.notFound': ['Halaman tidak ditemukan. Gunakan tautan yang diberikan panitia.', 'Page not found. Use the link the organizers gave you.'],
  'lang.switch': ['Bahasa', 'Language'],
  'lang.id': ['Indonesia', 'Indonesian'],
  'lang.en': ['English', 'English'],

  'conn.connecting': ['Menyambungkan ke server…', 'Connecting to the server…'],
  'conn.reconnecting': ['Koneksi terputus. Menyambungkan kembali… Layar akan diperbarui otomatis.', 'Connection lost. Reconnecting… The screen will catch up by itself.'],
  'conn.restored': ['Tersambung kembali. Data sudah diperbarui.', 'Reconnected. The screen is up to date.'],
  'conn.refused': ['Tidak dapat masuk', 'Cannot join'],
  'conn.noToken': ['Tautan ini tidak memuat kredensial. Bukalah tautan lengkap yang diberikan panitia.', 'This link carries no credential. Open the full link the organizers gave you.'],
  'conn.loading': ['Memuat data upacara…', 'Loading the ceremony…'],

  'phase.label': ['Tahap', 'Phase'],
  'phase.draft': ['Persiapan', 'Preparation'],
  'phase.lobby': ['Ruang tunggu', 'Lobby'],
  'phase.signing': ['Penandatanganan berlangsung', 'Signing in progress'],
  'phase.closed': ['Selesai', 'Closed'],
  'phase.hint.draft': ['Upacara belum dibuka. Harap menunggu.', 'The ceremony has not opened yet. Please wait.'],
  'phase.hint.lobby': ['Upacara akan segera dimulai. Harap tetap di ruangan.', 'The ceremony will start shortly. Please stay in the room.'],
  'phase.hint.signing': ['Perjanjian dipanggil ke meja penandatanganan satu per satu.', 'Agreements are called to the signing desk one by one.'],
  'phase.hint.closed': ['Upacara telah ditutup. Terima kasih.', 'The ceremony has closed. Thank you.'],

  'status.pending': ['Tertunda', 'Pending'],
  'status.called': ['Dipanggil', 'Called'],
  'status.signed': ['Ditandatangani', 'Signed'],
  'status.stamped': ['Selesai', 'Done'],

  'kind.PMA': ['PMA', 'PMA'],
  'kind.PMDN': ['PMDN', 'PMDN'],
  'kind.UMKM': ['UMKM', 'UMKM'],
  'kind.PMA.long': ['Penanaman modal asing', 'Foreign investment'],
  'kind.PMDN.long': ['Penanaman modal dalam negeri', 'Domestic investment'],
  'kind.UMKM.long': ['Usaha mikro, kecil dan menengah', 'Micro, small and medium enterprises'],

  'room.localTime': ['Waktu setempat', 'Local time'],
  'room.stage': ['Panggung', 'Stage'],
  'room.agreements': ['Perjanjian pihak di ruang ini', 'Agreements of the parties in this room'],
  'room.noAgreements': ['Tidak ada perjanjian untuk ruang ini.', 'No agreements for this room.'],
  'room.desk': ['Meja penandatanganan', 'Signing desk'],
  'room.deskIdle': ['Belum ada perjanjian yang dipanggil untuk ruang ini.', 'No agreement has been called for this room yet.'],
  'room.signFor': ['Tanda tangan atas nama {party}', 'Sign on behalf of {party}'],
  'room.signer': ['Penandatangan', 'Signatory'],
  'room.value': ['Nilai', 'Value'],
  'room.parties': ['Para pihak', 'Parties'],
  'room.signedAt': ['Ditandatangani {time}', 'Signed {time}'],
  'room.waiting': ['Menunggu tanda tangan', 'Awaiting signature'],
  'room.ack': ['Tanda tangan Anda telah diterima pukul {time}.', 'Your signature was received at {time}.'],
  'room.ackOthers': ['Menunggu pihak lain menandatangani.', 'Waiting for the other parties to sign.'],
  'room.ackStamping': ['Semua pihak telah menandatangani. Dokumen sedang dibubuhi cap…', 'Every party has signed. The document is being stamped…'],
  'room.preview': ['Pratinjau dokumen bercap', 'Stamped document preview'],
  'room.openPdf': ['Buka dokumen (PDF)', 'Open the document (PDF)'],
  'room.dismiss': ['Tutup', 'Close'],
  'room.sending': ['Mengirim tanda tangan…', 'Sending the signature…'],

  'pad.draw': ['Gambar', 'Draw'],
  'pad.type': ['Ketik', 'Type'],
  'pad.mode': ['Cara menandatangani', 'How to sign'],
  'pad.area': ['Area tanda tangan. Gambar dengan mouse, pena atau jari.', 'Signature area. Draw with a mouse, pen or finger.'],
  'pad.placeholder': ['Tanda tangan di sini', 'Sign here'],
  'pad.undo': ['Urungkan', 'Undo'],
  'pad.clear': ['Hapus', 'Clear'],
  'pad.typedLabel': ['Ketik nama lengkap Anda', 'Type your full name'],
  'pad.confirm': ['Konfirmasi tanda tangan', 'Confirm signature'],
  'pad.declaration': ['Dengan menekan Konfirmasi, Anda menandatangani perjanjian ini secara elektronik atas nama {party}.', 'By pressing Confirm you sign this agreement electronically on behalf of {party}.'],
  'pad.empty': ['Buat tanda tangan terlebih dahulu.', 'Make a signature first.'],

  'console.title': ['Konsol panitia', 'Organizer console'],
  'console.run': ['Jalannya acara', 'Run of show'],
  'console.openLobby': ['Buka ruang tunggu', 'Open the lobby'],
  'console.startSigning': ['Mulai penandatanganan', 'Start signing'],
  'console.close': ['Tutup upacara', 'Close the ceremony'],
  'console.confirmClose': ['Tutup upacara sekarang? Penandatanganan tidak dapat dilanjutkan.', 'Close the ceremony now? Signing cannot continue.'],
  'console.rooms': ['Ruang daerah', 'Regional rooms'],
  'console.online': ['Hadir', 'Present'],
  'console.offline': ['Tidak hadir', 'Absent'],
  'console.since': ['sejak {time}', 'since {time}'],
  'console.connections': ['{n} perangkat', '{n} devices'],
  'console.roomSigned': ['{signed} dari {total} perjanjian selesai', '{signed} of {total} agreements done'],
  'console.copyLink': ['Salin tautan', 'Copy link'],
  'console.copied': ['Tautan disalin', 'Link copied'],
  'console.reissue': ['Terbitkan ulang', 'Re-issue'],
  'console.confirmReissue': ['Terbitkan tautan baru untuk {room}? Tautan lama tidak berlaku lagi.', 'Issue a new link for {room}? The old link stops working.'],
  'console.reissued': ['Tautan baru diterbitkan', 'New link issued'],
  'console.inviteFor': ['Tautan undangan {room}', 'Invite link for {room}'],
  'console.agreements': ['Perjanjian', 'Agreements'],
  'console.filterProvince': ['Provinsi', 'Province'],
  'console.filterCompany': ['Perusahaan', 'Company'],
  'console.filterStatus': ['Status', 'Status'],
  'console.all': ['Semua', 'All'],
  'console.select': ['Pilih {title}', 'Select {title}'],
  'console.selectShown': ['Pilih semua yang tampil', 'Select all shown'],
  'console.call': ['Panggil', 'Call'],
  'console.recall': ['Tarik kembali', 'Recall'],
  'console.recallConfirm': ['Tarik kembali {title} dari meja penandatanganan?', 'Take {title} back from the signing desk?'],
  'console.callSelected': ['Panggil {n} terpilih', 'Call {n} selected'],
  'console.callShown': ['Panggil gelombang ({n})', 'Call as a wave ({n})'],
  'console.recallAgain': ['Panggil ulang', 'Call again'],
  'console.desk': ['Di meja penandatanganan', 'At the signing desk'],
  'console.deskEmpty': ['Tidak ada perjanjian di meja.', 'Nothing at the desk.'],
  'console.wave': ['Gelombang {time}', 'Wave {time}'],
  'console.waveProgress': ['{signed} dari {total} selesai', '{signed} of {total} done'],
  'console.partiesSigned': ['{signed}/{total} pihak', '{signed}/{total} parties'],
  'console.activity': ['Peristiwa terbaru', 'Latest events'],
  'console.noActivity': ['Belum ada peristiwa.', 'No events yet.'],
  'console.documents': ['Dokumen', 'Documents'],
  'console.record': ['Arsip lengkap (ZIP)', 'Full record (ZIP)'],
  'console.beritaAcara': ['Berita acara (PDF)', 'Official minutes (PDF)'],
  'console.recordLater': ['Arsip dan berita acara tersedia setelah upacara ditutup.', 'The record and minutes are available once the ceremony is closed.'],
  'console.tallyLink': ['Buka papan hitung publik', 'Open the public tally'],
  'console.pdf': ['PDF', 'PDF'],
  'console.actionFailed': ['Gagal', 'Failed'],
  'console.linksFailed': ['Tautan undangan tidak dapat dimuat.', 'Invite links could not be loaded.'],

  'activity.ceremony.lobbyOpened': ['Ruang tunggu dibuka', 'Lobby opened'],
  'activity.ceremony.signingStarted': ['Penandatanganan dimulai', 'Signing started'],
  'activity.ceremony.closed': ['Upacara ditutup', 'Ceremony closed'],
  'activity.room.joined': ['{room} bergabung', '{room} joined'],
  'activity.room.left': ['{room} terputus', '{room} left'],
  'activity.agreement.called': ['Dipanggil: {agreements}', 'Called: {agreements}'],
  'activity.agreement.recalled': ['Ditarik kembali: {agreements}', 'Recalled: {agreements}'],
  'activity.signature.recorded': ['{party} menandatangani {agreements}', '{party} signed {agreements}'],
  'activity.agreement.signed': ['Semua pihak menandatangani {agreements}', 'All parties signed {agreements}'],
  'activity.agreement.stamped': ['Dokumen bercap siap: {agreements}', 'Stamped document ready: {agreements}'],
  'activity.agreement.stampFailed': ['Penstempelan gagal: {agreements}', 'Stamping failed: {agreements}'],
  'activity.agreement.stampRetried': ['Penstempelan dicoba lagi: {agreements}', 'Stamping retried: {agreements}'],
  'activity.invite.reissued': ['Tautan baru untuk {room}', 'New link for {room}'],

  'tally.title': ['Papan hitung', 'Live tally'],
  'tally.agreements': ['Perjanjian ditandatangani', 'Agreements signed'],
  'tally.of': ['dari', 'of'],
  'tally.value': ['Nilai kemitraan ditandatangani', 'Partnership value signed'],
  'tally.valueOf': ['{signed} dari {total}', '{signed} of {total}'],
  'tally.stamped': ['Dokumen final bercap: {n}', 'Final stamped documents: {n}'],
  'tally.progress': ['Kemajuan nilai', 'Value progress'],
  'tally.byKind': ['Penandatangan menurut jenis', 'Signatories by type'],
  'tally.byProvince': ['Menurut provinsi', 'By province'],
  'tally.latest': ['Penandatanganan terbaru', 'Latest signings'],
  'tally.noneYet': ['Belum ada penandatanganan.', 'No signings yet.'],
  'tally.watch': ['Tonton panggung', 'Watch the stage'],
  'tally.hideStage': ['Sembunyikan panggung', 'Hide the stage'],
  'tally.updated': ['Diperbarui {time}', 'Updated {time}'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof MESSAGES;

export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const text: string = MESSAGES[key][lang === 'id' ? 0 : 1];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export const phaseKey = (phase: CeremonyPhase): MessageKey => `phase.${phase}`;
export const phaseHintKey = (phase: CeremonyPhase): MessageKey => `phase.hint.${phase}`;
export const statusKey = (status: AgreementStatus): MessageKey => `status.${status}`;
export const kindKey = (kind: PartyKind): MessageKey => `kind.${kind}`;

const STORAGE_KEY = 'saksi:lang';

export function loadLang(storage: Pick<Storage, 'getItem'> | undefined): Lang {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    return saved === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

export function saveLang(storage: Pick<Storage, 'setItem'> | undefined, lang: Lang): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Storage may be unavailable (private mode); the switch still works for this visit.
  }
}
