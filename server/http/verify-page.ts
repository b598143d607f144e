// Server-rendered verification pages: the upload form, the result of an upload, one agreement
// (the QR target) and one ceremony's record, in the page's language (id, or en on the switch).
// Each leads with one plain sentence; raw hashes sit behind "Detail teknis".
import { formatRupiah } from '../../shared/format/rupiah';
import { terbilangRupiah } from '../../shared/format/terbilang';
import { formatLocalAndUtc, formatLocalDate } from '../../shared/format/time';
import type { TimeZoneName } from '../../shared/domain/types';
import { bi, html, page, type Markup, type PageLang } from './verify-html';
import { agreementStatusSentence, verdictSentence } from './verify-summary';
import { VERDICT_TITLES, type Bilingual } from './verify-reasons';
import { IP_RECORDED_TEXT } from '../security/signer-evidence';
import type { AgreementView, CeremonyRef, SealView, SignerView, VerifyReport } from './verify-report';

const STATUS: Record<string, Bilingual> = {
  pending: { id: 'Belum dipanggil', en: 'Pending' },
  called: { id: 'Di meja penandatanganan', en: 'At the signing desk' },
  signed: { id: 'Ditandatangani, menunggu segel', en: 'Signed, awaiting seal' },
  stamped: { id: 'Selesai dan disegel', en: 'Done and sealed' },
};

const PHASE: Record<string, Bilingual> = {
  draft: { id: 'Persiapan', en: 'Draft' },
  lobby: { id: 'Ruang tunggu dibuka', en: 'Lobby open' },
  signing: { id: 'Penandatanganan berlangsung', en: 'Signing in progress' },
  closed: { id: 'Ditutup', en: 'Closed' },
};

const b = (text: Bilingual) => bi(text.id, text.en);

/** A drop zone that is a plain file input underneath: dropping onto it or choosing works without
 * JavaScript (then "Periksa" posts the form); verify.js adds progress and an in-place result. */
function uploadForm(lang: PageLang): Markup {
  const say = (id: string, en: string) => (lang === 'en' ? en : id);
  return html`<form class="drop" method="post" action="/verify?lang=${lang}" enctype="multipart/form-data" data-drop
  data-uploading="${say('Mengunggah {file}…', 'Uploading {file}…')}" data-checking="${say('Memeriksa segel dan isi berkas…', 'Checking the seal and the contents…')}" data-failed="${say('Unggahan gagal. Periksa koneksi lalu coba lagi.', 'The upload failed. Check the connection and try again.')}">
  <label class="drop__zone" for="pdf">
    <span class="drop__big">${bi('Seret PDF ke sini', 'Drag a PDF here')}</span>
    <span class="drop__or">${bi('atau', 'or')}</span>
    <span class="drop__choose">${bi('Pilih berkas PDF', 'Choose a PDF file')}</span>
    <input class="drop__input" id="pdf" name="pdf" type="file" accept="application/pdf,.pdf" required>
  </label>
  <progress class="drop__progress" max="100" hidden></progress>
  <p class="drop__file" data-status role="status" aria-live="polite"></p>
  <button type="submit">${bi('Periksa', 'Verify')}</button>
</form>`;
}

export function renderUploadPage(error?: Bilingual, lang: PageLang = 'id'): string {
  return page(lang === 'en' ? 'Verify a document' : 'Verifikasi dokumen', html`<h1>${bi('Verifikasi dokumen', 'Verify a document')}</h1>
<section class="card">
<p>${bi(
    'Unggah perjanjian atau Berita Acara dalam bentuk PDF. Kami memeriksa segel elektroniknya dan membandingkan isinya dengan salinan asli yang disimpan platform.',
    'Upload an agreement or Berita Acara (PDF). We check its electronic seal and compare it with the original copy the platform holds.',
  )}</p>
${error ? html`<div class="verdict v-tampered"><strong>${b(error)}</strong></div>` : ''}
${uploadForm(lang)}
</section>
<details class="tech"><summary>${bi('Detail teknis', 'Technical details')}</summary>
<p>${bi('Untuk program: kirim PDF ke', 'For programs: send the PDF to')} <code>POST /api/verify</code> (<code>Content-Type: application/pdf</code>).</p>
</details>`, lang);
}

function sealSection(seal: SealView): Markup {
  const state: Bilingual = seal.valid
    ? { id: 'Valid: berkas tidak berubah sejak disegel', en: 'Valid: the file has not changed since sealing' }
    : seal.present
      ? { id: 'Tidak valid', en: 'Not valid' }
      : { id: 'Tidak ada segel', en: 'No seal' };
  return html`<h2>${bi('Segel elektronik', 'Electronic seal')}</h2>
<section class="card"><dl>
<dt>${bi('Status', 'Status')}</dt><dd>${b(state)}</dd>
${seal.signer ? html`<dt>${bi('Penyegel', 'Sealed by')}</dt><dd>${seal.signer}</dd>` : ''}
${seal.issuer ? html`<dt>${bi('Penerbit sertifikat', 'Certificate issuer')}</dt><dd>${seal.issuer}</dd>` : ''}
${seal.signedAt ? html`<dt>${bi('Waktu segel', 'Sealed at')}</dt><dd>${formatLocalAndUtc(seal.signedAt, 'WIB')}</dd>` : ''}
${seal.present ? html`<dt>${bi('Sertifikat platform ini', "This platform's certificate")}</dt><dd>${seal.signedByPlatform ? bi('Ya', 'Yes') : bi('Tidak', 'No')}</dd>` : ''}
</dl>
<div class="note">${b(seal.trust)}</div></section>`;
}

function signersTable(signers: SignerView[]): Markup {
  if (signers.length === 0) return html`<p>${bi('Belum ada tanda tangan.', 'No signatures yet.')}</p>`;
  return html`<table class="stack"><thead><tr>
<th>${bi('Penandatangan', 'Signatory')}</th><th>${bi('Untuk', 'For')}</th><th>${bi('Ruang', 'Room')}</th><th>${bi('Waktu', 'Time')}</th>
</tr></thead><tbody>
${signers.map((s) => html`<tr>
<td data-label="Penandatangan">${s.name}<br><span class="en">${s.title}</span></td>
<td data-label="Untuk">${s.partyName} <span class="en">(${s.partyKind})</span></td>
<td data-label="Ruang">${s.roomName}<br><span class="en">${s.province}</span></td>
<td data-label="Waktu">${s.signedAtText}</td>
</tr>`)}
</tbody></table>`;
}

/** Hashes and evidence for specialists, folded away. The signer's IP is only said to be recorded. */
function technicalDetails(rows: Array<[Markup, Markup | string]>, signers: SignerView[] = []): Markup {
  return html`<details class="tech"><summary>${bi('Detail teknis', 'Technical details')}</summary><dl>
${rows.map(([term, value]) => html`<dt>${term}</dt><dd class="hash">${value}</dd>`)}
${signers.map((s) => html`<dt>${bi('Bukti', 'Evidence')}: ${s.name}</dt><dd class="hash">IP ${bi(IP_RECORDED_TEXT.id, IP_RECORDED_TEXT.en)} · UA#${s.evidence.userAgentHash.slice(0, 16)}… · token ${s.evidence.tokenId}</dd>`)}
</dl></details>`;
}

function agreementSection(a: AgreementView, ceremony?: CeremonyRef): Markup {
  return html`<section class="card"><dl>
<dt>${bi('Perjanjian', 'Agreement')}</dt><dd><strong>${a.id}</strong> — ${a.title}</dd>
${ceremony ? html`<dt>${bi('Upacara', 'Ceremony')}</dt><dd><a href="${ceremony.verifyUrl}">${ceremony.title}</a> <span class="en">(${ceremony.id})</span></dd>` : ''}
<dt>${bi('Nilai', 'Value')}</dt><dd>${formatRupiah(a.valueIdr)}<br><span class="en">${terbilangRupiah(a.valueIdr)}</span></dd>
<dt>${bi('Para pihak', 'Parties')}</dt><dd>${a.parties.map((p) => html`${p.name} <span class="en">(${p.kind}, ${p.sector}, ${p.province})</span><br>`)}</dd>
<dt>${bi('Status', 'Status')}</dt><dd>${b(STATUS[a.status] ?? { id: a.status, en: a.status })}</dd>
<dt>${bi('Dokumen', 'Document')}</dt><dd><a href="${a.documentUrl}">${a.sealedSha256 ? bi('Unduh dokumen tersegel (PDF)', 'Download the sealed document (PDF)') : bi('Unduh draf (PDF)', 'Download the draft (PDF)')}</a></dd>
</dl></section>
<h2>${bi('Tanda tangan', 'Signatures')}</h2>
<section class="card">${signersTable(a.signers)}</section>`;
}

function agreementTech(a: AgreementView, seal?: SealView): Array<[Markup, string]> {
  return [
    ...(a.sealedSha256 ? [[bi('SHA-256 dokumen tersegel', 'Sealed document SHA-256'), a.sealedSha256] as [Markup, string]] : []),
    ...(a.originalSha256 ? [[bi('SHA-256 draf asli', 'Original draft SHA-256'), a.originalSha256] as [Markup, string]] : []),
    ...(seal?.fingerprintSha256 ? [[bi('Sidik jari sertifikat', 'Certificate fingerprint'), `SHA-256 ${seal.fingerprintSha256}`] as [Markup, string]] : []),
  ];
}

export function renderAgreementPage(a: AgreementView, ceremony: CeremonyRef | undefined, seal?: SealView, lang: PageLang = 'id'): string {
  const status = agreementStatusSentence(a, seal);
  return page(`${lang === 'en' ? 'Agreement' : 'Perjanjian'} ${a.id}`, html`<h1>${bi('Perjanjian', 'Agreement')} ${a.id}</h1>
<p class="status-sentence status-sentence--${status.tone}" data-testid="status-sentence">${b(status.text)}</p>
${agreementSection(a, ceremony)}
${seal ? sealSection(seal) : html`<div class="note">${bi('Perjanjian ini belum disegel.', 'This agreement is not sealed yet.')}</div>`}
${technicalDetails(agreementTech(a, seal), a.signers)}
<h2>${bi('Periksa salinan Anda', 'Check your copy')}</h2>
<section class="card"><p>${bi('Unggah PDF yang Anda terima untuk memastikan isinya sama dengan dokumen tersegel ini.', 'Upload the PDF you received to make sure it equals this sealed document.')}</p>${uploadForm(lang)}</section>`, lang, `/verify/${a.verifyUrl.split('/verify/')[1] ?? ''}`);
}

export function renderReportPage(r: VerifyReport, lang: PageLang = 'id'): string {
  const title = VERDICT_TITLES[r.verdict];
  return page(lang === 'en' ? title.en : title.id, html`<div class="verdict verdict-big v-${r.verdict}" data-testid="verdict" data-verdict="${r.verdict}">
<p class="verdict-big__title">${b(title)}</p>
<p class="verdict-big__sentence">${b(verdictSentence(r))}</p>
</div>
<h1>${bi('Hasil verifikasi', 'Verification result')}</h1>
<section class="card"><dl>
<dt>${bi('Alasan', 'Why')}</dt><dd>${b(r.reason)}</dd>
${r.documentKind === 'berita-acara' && r.ceremony ? html`<dt>${bi('Dokumen', 'Document')}</dt><dd>Berita Acara — <a href="${r.ceremony.verifyUrl}">${r.ceremony.title}</a></dd>` : ''}
</dl></section>
${r.agreement ? agreementSection(r.agreement, r.ceremony) : ''}
${sealSection(r.seal)}
${technicalDetails(
    [
      [bi('SHA-256 berkas', 'File SHA-256'), r.sha256],
      [bi('Sama dengan salinan tersegel', 'Equals the sealed copy'), r.bytesMatchSealedOriginal ? bi('Ya', 'Yes') : bi('Tidak', 'No')],
      [bi('Segel valid', 'Seal valid'), r.sealValid ? bi('Ya', 'Yes') : bi('Tidak', 'No')],
      ...(r.agreement ? agreementTech(r.agreement, r.seal) : []),
    ],
    r.agreement?.signers,
  )}
<p><a class="button" href="/verify?lang=${lang}">${bi('Periksa berkas lain', 'Check another file')}</a></p>`, lang);
}

export interface CeremonyRecordView {
  ceremony: CeremonyRef;
  zone: TimeZoneName;
  agreements: Array<{ id: string; title: string; valueIdr: number; status: string; verifyUrl: string }>;
  signedValueIdr: number;
  totalValueIdr: number;
  auditHeadHash: string;
  auditEvents: number;
  beritaAcara?: { url: string; sha256: string };
  recordZip?: { url: string; sha256: string };
}

export function renderCeremonyPage(v: CeremonyRecordView, lang: PageLang = 'id'): string {
  const c = v.ceremony;
  const done = v.agreements.filter((a) => a.status === 'stamped').length;
  const closed = c.phase === 'closed';
  return page(c.title, html`<h1>${c.title}</h1>
<section class="card"><dl>
<dt>${bi('ID upacara', 'Ceremony id')}</dt><dd>${c.id}</dd>
<dt>${bi('Tanggal', 'Date')}</dt><dd>${bi(formatLocalDate(c.startsAt, v.zone), formatLocalDate(c.startsAt, v.zone, 'en'))}</dd>
<dt>${bi('Tahap', 'Phase')}</dt><dd>${b(PHASE[c.phase] ?? { id: c.phase, en: c.phase })}</dd>
<dt>${bi('Perjanjian selesai', 'Agreements done')}</dt><dd>${done} / ${v.agreements.length}</dd>
<dt>${bi('Nilai ditandatangani', 'Value signed')}</dt><dd>${formatRupiah(v.signedValueIdr)} / ${formatRupiah(v.totalValueIdr)}<br><span class="en">${terbilangRupiah(v.signedValueIdr)}</span></dd>
</dl></section>
${technicalDetails([[bi('Rantai audit', 'Audit chain'), html`${v.auditEvents} ${bi('peristiwa', 'events')}, head ${v.auditHeadHash}`]])}
<h2>${bi('Catatan upacara', 'Ceremony record')}</h2>
<section class="card">${closed
    ? html`<dl>
<dt>Berita Acara</dt><dd><a href="${v.beritaAcara?.url ?? `/api/ceremonies/${encodeURIComponent(c.id)}/berita-acara.pdf`}">${bi('Unduh Berita Acara (PDF tersegel)', 'Download the Berita Acara (sealed PDF)')}</a>${v.beritaAcara ? html`<br><span class="hash">SHA-256 ${v.beritaAcara.sha256}</span>` : ''}</dd>
<dt>${bi('Arsip', 'Archive')}</dt><dd><a href="${v.recordZip?.url ?? `/api/ceremonies/${encodeURIComponent(c.id)}/record.zip`}">${bi('Unduh semua perjanjian (ZIP + manifest)', 'Download all agreements (ZIP + manifest)')}</a>${v.recordZip ? html`<br><span class="hash">SHA-256 ${v.recordZip.sha256}</span>` : ''}</dd>
</dl>`
    : html`<p>${bi('Berita Acara dan arsip tersedia setelah upacara ditutup.', 'The Berita Acara and the archive are available once the ceremony is closed.')}</p>`}
${uploadForm(lang)}</section>
<h2>${bi('Perjanjian', 'Agreements')}</h2>
<section class="card"><table class="stack"><thead><tr><th>ID</th><th>${bi('Judul', 'Title')}</th><th>${bi('Nilai', 'Value')}</th><th>${bi('Status', 'Status')}</th></tr></thead><tbody>
${v.agreements.map((a) => html`<tr><td data-label="ID"><a href="${a.verifyUrl}">${a.id}</a></td><td data-label="Judul">${a.title}</td><td class="num" data-label="Nilai">${formatRupiah(a.valueIdr)}</td><td data-label="Status">${b(STATUS[a.status] ?? { id: a.status, en: a.status })}</td></tr>`)}
</tbody></table></section>`, lang, `/verify/${encodeURIComponent(c.id)}`);
}

export function renderNotFoundPage(what: Bilingual, lang: PageLang = 'id'): string {
  return page(lang === 'en' ? 'Not found' : 'Tidak ditemukan', html`<h1>${b(what)}</h1><p><a class="button" href="/verify?lang=${lang}">${bi('Kembali ke verifikasi', 'Back to verification')}</a></p>`, lang);
}
