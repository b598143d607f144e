// Stable error codes with user-safe messages in Bahasa Indonesia and English.
// Clients switch on `code`; the messages are for people.

export const ERRORS = {
  INVALID_PAYLOAD: { status: 400, id: 'Data permintaan tidak valid.', en: 'The request payload is invalid.' },
  INVALID_ROSTER: { status: 400, id: 'Daftar peserta tidak valid.', en: 'The roster is invalid.' },
  UNAUTHENTICATED: { status: 401, id: 'Kredensial tidak ada atau tidak valid.', en: 'Missing or invalid credential.' },
  INVITE_MALFORMED: { status: 401, id: 'Tautan undangan tidak lengkap atau rusak.', en: 'The invite link is incomplete or damaged.' },
  TOKEN_EXPIRED: { status: 401, id: 'Tautan undangan sudah kedaluwarsa.', en: 'The invite link has expired.' },
  TOKEN_REVOKED: { status: 401, id: 'Tautan undangan sudah diganti. Mintalah tautan baru kepada panitia.', en: 'The invite link was replaced. Ask the organizers for a new one.' },
  FORBIDDEN: { status: 403, id: 'Anda tidak berwenang melakukan tindakan ini.', en: 'You are not allowed to do this.' },
  WRONG_ROOM: { status: 403, id: 'Pihak ini tidak duduk di ruang Anda.', en: 'This party is not seated in your room.' },
  CEREMONY_EXISTS: { status: 409, id: 'Upacara dengan ID ini sudah ada.', en: 'A ceremony with this id already exists.' },
  NOT_FOUND: { status: 404, id: 'Data tidak ditemukan.', en: 'Not found.' },
  CEREMONY_NOT_FOUND: { status: 404, id: 'Upacara tidak ditemukan.', en: 'Ceremony not found.' },
  AGREEMENT_NOT_FOUND: { status: 404, id: 'Perjanjian tidak ditemukan.', en: 'Agreement not found.' },
  PARTY_NOT_IN_AGREEMENT: { status: 400, id: 'Pihak ini bukan penandatangan perjanjian tersebut.', en: 'This party is not a signatory of that agreement.' },
  INVALID_PHASE: { status: 409, id: 'Tindakan ini tidak dapat dilakukan pada tahap upacara saat ini.', en: 'This action is not possible in the current phase of the ceremony.' },
  NOT_CALLED: { status: 409, id: 'Perjanjian ini belum dipanggil ke meja penandatanganan.', en: 'This agreement has not been called to the signing desk.' },
  ALREADY_SIGNED: { status: 409, id: 'Perjanjian ini sudah ditandatangani semua pihak.', en: 'This agreement is already signed by every party.' },
  SIGNATURE_TOO_LARGE: { status: 413, id: 'Gambar tanda tangan terlalu besar.', en: 'The signature image is too large.' },
  INVALID_SIGNATURE: { status: 400, id: 'Tanda tangan tidak valid.', en: 'The signature is invalid.' },
  SIGNATURE_NOT_VISIBLE: { status: 400, id: 'Nama yang diketik harus memuat huruf atau angka yang terlihat.', en: 'A typed name must contain visible letters or digits.' },
  SIGNATURE_IMAGE_INVALID: { status: 400, id: 'Gambar tanda tangan rusak atau tidak dapat dibaca. Silakan gambar ulang atau ketik nama.', en: 'The signature image is damaged or cannot be read. Please draw it again or type the name.' },
  DOCUMENT_NOT_READY: { status: 409, id: 'Dokumen belum tersedia.', en: 'The document is not available yet.' },
  DOCUMENT_INTEGRITY: { status: 500, id: 'Isi dokumen yang tersimpan tidak cocok dengan sidik jari (SHA-256) yang tercatat dalam log audit. Dokumen tidak disajikan; panitia telah diberi tahu.', en: 'The stored document does not match the fingerprint (SHA-256) recorded in the audit log. It is not served; the organizers have been notified.' },
  OFFICIAL_NOT_FOUND: { status: 404, id: 'Pejabat penandatangan Berita Acara tidak ditemukan.', en: 'No such official signs the Berita Acara.' },
  OFFICIAL_WRONG_ROOM: { status: 403, id: 'Pejabat ini menandatangani Berita Acara dari ruang lain, bukan dari ruang Anda.', en: 'This official signs the Berita Acara from another room, not yours.' },
  BERITA_ACARA_COMPLETE: { status: 409, id: 'Berita Acara sudah selesai; tidak ada tanda tangan pejabat yang ditunggu.', en: 'The Berita Acara is complete; no official’s signature is awaited.' },
  NOT_STAMP_FAILED: { status: 409, id: 'Penstempelan perjanjian ini tidak sedang gagal.', en: 'Stamping of this agreement has not failed.' },
  NOT_A_PDF: { status: 400, id: 'Berkas yang dikirim bukan PDF.', en: 'The uploaded file is not a PDF.' },
  FILE_TOO_LARGE: { status: 413, id: 'Berkas terlalu besar (maksimum 20 MB).', en: 'The file is too large (at most 20 MB).' },
  TOO_COMPLEX: { status: 422, id: 'Dokumen terlalu rumit untuk diperiksa (melebihi batas waktu, memori atau ukuran isi). Dokumen dari platform ini selalu dapat diperiksa.', en: 'The document is too complex to check (it exceeds the time, memory or content-size limits). Documents issued by this platform can always be checked.' },
  BUSY: { status: 503, id: 'Pemeriksaan dokumen sedang penuh. Silakan coba lagi dalam beberapa detik.', en: 'Document checking is busy right now. Please try again in a few seconds.' },
  RATE_LIMITED: { status: 429, id: 'Terlalu banyak permintaan. Coba lagi sebentar.', en: 'Too many requests. Try again shortly.' },
  INTERNAL: { status: 500, id: 'Terjadi kesalahan pada server.', en: 'Something went wrong on the server.' },
  MEDIA_UNAVAILABLE: { status: 503, id: 'Layanan video sedang tidak tersedia. Sambungan akan dicoba lagi.', en: 'Video is unavailable right now. The connection will be retried.' },
  MEDIA_NOT_JOINED: { status: 409, id: 'Sesi video belum dimulai.', en: 'The video session has not started.' },
  MEDIA_REJECTED: { status: 422, id: 'Perangkat Anda tidak dapat mengirim atau menerima video ini.', en: 'Your device cannot send or receive this media.' },
} as const satisfies Record<string, { status: number; id: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

export function errorMessages(code: ErrorCode): { message: string; messageEn: string } {
  return { message: ERRORS[code].id, messageEn: ERRORS[code].en };
}
