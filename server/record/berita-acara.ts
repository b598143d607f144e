// The Berita Acara: the ceremony's official minutes, in Bahasa Indonesia with an English version
// after it, sealed with the same platform seal as the agreements.
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { formatRupiah } from '../../shared/format/rupiah';
import { terbilang, terbilangRupiah } from '../../shared/format/terbilang';
import { formatLocalDate, formatLocalTime, localParts, MONTHS_ID } from '../../shared/format/time';
import { createFontLibrary, type FontLibrary } from '../documents/fonts';
import { Flow } from '../documents/flow';
import { formatStampTime } from '../documents/labels';
import { CONTENT_WIDTH, MARGIN_X } from '../documents/layout';
import { setDocumentMetadata } from '../documents/metadata';
import { drawPageNumbers, drawRunningHeader } from '../documents/page-chrome';
import type { Sealer } from '../documents/seal';
import { drawTable } from '../documents/table';
import { ACCENT, MUTED, Typesetter } from '../documents/typeset';
import { drawVerificationBands } from '../documents/verification-band';
import type { BeritaAcaraAgreement, BeritaAcaraInput, BeritaAcaraOfficial } from './berita-acara-input';
import { numberToEnglishWords } from './number-words-en';

export type { BeritaAcaraInput } from './berita-acara-input';

export interface BeritaAcaraOptions {
  fonts?: FontLibrary;
  /** The same sealer as the agreements; without one the minutes are returned unsealed. */
  sealer?: Sealer;
}

const BODY = { size: 10 };
const EN = { size: 9.5, style: 'italic' as const, color: MUTED };
const HEADING = { size: 10.5, style: 'bold' as const, color: ACCENT };

export async function renderBeritaAcara(input: BeritaAcaraInput, options: BeritaAcaraOptions = {}): Promise<Uint8Array> {
  const fonts = options.fonts ?? createFontLibrary();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ts = new Typesetter(await fonts.embed(doc, collectTexts(input)));
  const header = (page: PDFPage) => drawRunningHeader(page, ts, `Berita Acara · ${input.ceremony.title}`, `No. ${input.number}`);
  const flow = new Flow(doc, ts, header);
  const totals = summarize(input);

  writeIndonesian(flow, input, totals);
  flow.newPage();
  writeEnglish(flow, input, totals);

  drawPageNumbers(doc.getPages(), ts, `Berita Acara No. ${input.number}`);
  const footer = `Berita Acara No. ${input.number} · upacara / ceremony ${input.ceremony.id}`;
  drawVerificationBands(doc, ts, input.verifyUrl, footer);
  setDocumentMetadata(doc, {
    title: `Berita Acara ${input.number} — ${input.ceremony.title}`,
    subject: `Berita acara penandatanganan / minutes of signing, ${input.ceremony.title}`,
    ids: { kind: 'berita-acara', ceremonyId: input.ceremony.id, documentNumber: input.number },
    date: new Date(input.ceremony.closedAt ?? input.ceremony.startsAt),
  });
  const bytes = await doc.save({ useObjectStreams: false });
  if (!options.sealer) return bytes;
  return options.sealer.seal(bytes, { reason: `Berita Acara ${input.number}`, location: input.place, contactInfo: input.verifyUrl });
}

interface Totals {
  signed: number;
  /** Signed agreements whose sealed document is not in the record. */
  unsealed: number;
  total: number;
  valueSignedIdr: number;
  roomsPresent: number;
}

function summarize(input: BeritaAcaraInput): Totals {
  const signed = input.agreements.filter((a) => a.signedAt);
  return {
    signed: signed.length,
    unsealed: signed.filter((a) => a.document && a.document !== 'sealed').length,
    total: input.agreements.length,
    valueSignedIdr: signed.reduce((sum, a) => sum + a.valueIdr, 0),
    roomsPresent: input.rooms.filter((r) => r.present).length,
  };
}

function collectTexts(input: BeritaAcaraInput): string[] {
  return [
    input.place, input.ceremony.title, input.number,
    ...[...input.organizers, input.witness].flatMap((o) => [o.name, o.title, o.institution]),
    ...input.rooms.map((r) => r.room.name),
    ...input.agreements.flatMap((a) => [a.title, ...a.parties.map((p) => p.name)]),
  ];
}

const UNSEALED_ID: Record<Exclude<BeritaAcaraAgreement['document'], 'sealed' | undefined>, string> = {
  'stamp-failed': 'penstempelan gagal',
  'integrity-failed': 'dokumen tersimpan tidak utuh',
  'awaiting-stamp': 'menunggu cap',
};

function signedCell(a: BeritaAcaraAgreement): string {
  if (!a.signedAt) return 'belum ditandatangani';
  const time = formatStampTime(a.signedAt, a.timezone);
  return a.document && a.document !== 'sealed' ? `${time}; tanpa dokumen final (${UNSEALED_ID[a.document]})` : time;
}

function writeIndonesian(flow: Flow, input: BeritaAcaraInput, totals: Totals): void {
  const p = localParts(input.ceremony.startsAt, input.timezone);
  const dayName = formatLocalDate(input.ceremony.startsAt, input.timezone).split(',')[0];
  const numeric = `${String(p.day).padStart(2, '0')}-${String(p.month).padStart(2, '0')}-${p.year}`;

  flow.gap(6);
  flow.paragraph('BERITA ACARA', { size: 18, style: 'bold' }, { align: 'center' });
  flow.paragraph('PENANDATANGANAN PERJANJIAN KEMITRAAN', { size: 12, style: 'bold' }, { align: 'center' });
  flow.paragraph(`Nomor: ${input.number}`, BODY, { align: 'center' });
  flow.rule(8, 6);
  flow.paragraph(
    `Pada hari ini ${dayName}, tanggal ${terbilang(p.day)}, bulan ${MONTHS_ID[p.month - 1]}, tahun ${terbilang(p.year)} (${numeric}), pukul ${formatLocalTime(input.ceremony.startsAt, input.timezone)}, bertempat di ${input.place}, telah dilaksanakan ${input.ceremony.title} secara hibrida: sebagian pihak hadir di tempat dan sebagian lainnya bergabung secara daring dari ruang kantor daerah masing-masing melalui platform Saksi.`,
    BODY, { gapAfter: 6 },
  );
  flow.paragraph('Penyelenggara', HEADING, { gapAfter: 2 });
  input.organizers.forEach((o, i) => flow.paragraph(`${i + 1}. ${describeOfficial(o, 'NIP')}`, BODY, { indent: 10 }));
  flow.gap(4);
  flow.paragraph('Disaksikan oleh', HEADING, { gapAfter: 2 });
  flow.paragraph(describeOfficial(input.witness, 'NIP'), BODY, { indent: 10, gapAfter: 6 });

  flow.paragraph('Kegiatan yang dilaksanakan', HEADING, { gapAfter: 2 });
  for (const item of [
    `a. Panitia membuka ruang upacara dan memeriksa kehadiran ${input.rooms.length} ruang daerah; ${totals.roomsPresent} ruang hadir.`,
    'b. Para pihak dipanggil secara bergelombang dan menandatangani perjanjian kemitraan secara elektronik dari ruang masing-masing; urutan dan kewenangan penandatangan diperiksa oleh server.',
    'c. Setiap perjanjian yang telah ditandatangani seluruh pihak dibubuhi cap waktu, sertifikat penandatanganan, dan segel elektronik platform.',
  ]) flow.paragraph(item, BODY, { indent: 10, gapAfter: 1 });
  flow.gap(6);

  flow.paragraph('Kehadiran ruang daerah', HEADING, { gapAfter: 4 });
  drawTable(flow, [
    { header: 'No.', width: 26 }, { header: 'Ruang', width: 170 }, { header: 'Provinsi', width: 110 },
    { header: 'Kehadiran', width: 70 }, { header: 'Pertama bergabung', width: CONTENT_WIDTH - 376 },
  ], input.rooms.map((r, i) => [
    String(i + 1), r.room.name, r.room.province, r.present ? 'Hadir' : 'Tidak hadir',
    r.firstJoinedAt ? formatStampTime(r.firstJoinedAt, r.room.timezone) : '—',
  ]));
  flow.gap(10);

  flow.paragraph('Perjanjian yang ditandatangani', HEADING, { gapAfter: 4 });
  drawTable(flow, [
    { header: 'No.', width: 26 }, { header: 'Nomor', width: 62 }, { header: 'Para pihak', width: 185 },
    { header: 'Nilai (Rp)', width: 100, align: 'right' }, { header: 'Waktu tanda tangan', width: CONTENT_WIDTH - 373 },
  ], input.agreements.map((a, i) => [
    String(i + 1), a.id, a.parties.map((party) => `${party.name} (${party.kind})`).join('; '),
    formatRupiah(a.valueIdr).slice(2), signedCell(a),
  ]));
  flow.gap(8);

  flow.ensure(60);
  flow.field('Jumlah perjanjian', `${totals.signed} dari ${totals.total} perjanjian ditandatangani`, BODY, 130, 0);
  flow.field('Jumlah nilai', formatRupiah(totals.valueSignedIdr), { size: 10, style: 'bold' }, 130, 0);
  flow.field('Terbilang', terbilangRupiah(totals.valueSignedIdr), BODY, 130, input.auditHeadHash ? 0 : 8);
  if (input.auditHeadHash) flow.field('Kepala rantai audit', input.auditHeadHash, { size: 8 }, 130, 8);
  if (totals.unsealed > 0) {
    flow.paragraph(
      `Catatan: ${totals.unsealed} perjanjian telah ditandatangani seluruh pihak, tetapi dokumen finalnya yang bersegel tidak disertakan dalam arsip (lihat tabel di atas dan daftar "omitted" pada manifest.json).`,
      BODY, { gapAfter: 8 },
    );
  }
  flow.paragraph('Demikian berita acara ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.', BODY, { gapAfter: 10 });
  writeSignatureLines(flow, input, `${input.place.split(',').pop()!.trim()}, ${p.day} ${MONTHS_ID[p.month - 1]} ${p.year}`, 'Penyelenggara', 'Disaksikan oleh');
}

function writeEnglish(flow: Flow, input: BeritaAcaraInput, totals: Totals): void {
  const dateEn = formatLocalDate(input.ceremony.startsAt, input.timezone, 'en');
  flow.gap(6);
  flow.paragraph('MINUTES OF THE SIGNING OF PARTNERSHIP AGREEMENTS', { size: 14, style: 'bold' }, { align: 'center' });
  flow.paragraph(`English version of Berita Acara No. ${input.number}; the Indonesian version prevails.`, EN, { align: 'center' });
  flow.rule(8, 6);
  flow.paragraph(
    `On ${dateEn}, at ${formatLocalTime(input.ceremony.startsAt, input.timezone)}, at ${input.place}, ${input.ceremony.title} was held in hybrid form: some parties were present in person and the others joined online from their regional offices through the Saksi platform.`,
    EN, { gapAfter: 6 },
  );
  flow.paragraph('Organizers', HEADING, { gapAfter: 2 });
  input.organizers.forEach((o, i) => flow.paragraph(`${i + 1}. ${describeOfficial(o, 'NIP')}`, EN, { indent: 10 }));
  flow.gap(4);
  flow.paragraph('Witnessed by', HEADING, { gapAfter: 2 });
  flow.paragraph(describeOfficial(input.witness, 'NIP'), EN, { indent: 10, gapAfter: 6 });
  flow.paragraph('What was done', HEADING, { gapAfter: 2 });
  for (const item of [
    `a. The organizers opened the ceremony and took the roll of ${input.rooms.length} regional rooms; ${totals.roomsPresent} were present (see the attendance table above).`,
    'b. The parties were called in waves and signed their partnership agreements electronically from their own rooms; the server enforced signing order and authority.',
    'c. Each agreement signed by every party received a timestamp, a certificate of signing and the platform\'s electronic seal (see the table of agreements above).',
  ]) flow.paragraph(item, EN, { indent: 10, gapAfter: 1 });
  flow.gap(6);
  flow.ensure(60);
  flow.field('Agreements', `${totals.signed} of ${totals.total} agreements signed`, BODY, 130, 0);
  flow.field('Total value', formatRupiah(totals.valueSignedIdr), { size: 10, style: 'bold' }, 130, 0);
  flow.field('In words', `${numberToEnglishWords(totals.valueSignedIdr)} rupiah`, BODY, 130, input.auditHeadHash ? 0 : 8);
  if (input.auditHeadHash) flow.field('Audit chain head', input.auditHeadHash, { size: 8 }, 130, 8);
  if (totals.unsealed > 0) {
    flow.paragraph(
      `Note: ${totals.unsealed} agreement(s) were signed by every party, but their sealed final documents are not in the record (see the table above and the "omitted" list in manifest.json).`,
      EN, { gapAfter: 8 },
    );
  }
  flow.paragraph('These minutes were truthfully made, to be used as appropriate.', EN, { gapAfter: 10 });
  writeSignatureLines(flow, input, `${input.place.split(',').pop()!.trim()}, ${dateEn.split(', ')[1]}`, 'Organizers', 'Witnessed by');
}

function describeOfficial(o: BeritaAcaraOfficial, nipLabel: string): string {
  return `${o.name}, ${o.title}, ${o.institution}${o.nip ? ` (${nipLabel} ${o.nip})` : ''}`;
}

/** Place and date, then one signature column per organizer and the witness. */
function writeSignatureLines(flow: Flow, input: BeritaAcaraInput, placeAndDate: string, organizersLabel: string, witnessLabel: string): void {
  const signers = [...input.organizers.map((o) => ({ o, label: organizersLabel })), { o: input.witness, label: witnessLabel }];
  const columns = Math.min(3, signers.length);
  const width = CONTENT_WIDTH / columns;
  flow.ensure(20);
  flow.paragraph(placeAndDate, BODY, { gapAfter: 4 });
  for (let start = 0; start < signers.length; start += columns) {
    flow.ensure(100);
    const top = flow.y;
    signers.slice(start, start + columns).forEach(({ o, label }, i) => {
      const x = MARGIN_X + i * width;
      const inner = width - 14;
      const fit = (text: string, size: number, style: 'regular' | 'bold' = 'regular') => flow.ts.fitSize(text, inner, { size, style });
      flow.ts.draw(flow.page, label, x, top - 12, { size: 8.5, color: MUTED });
      flow.ts.draw(flow.page, o.institution, x, top - 23, { size: fit(o.institution, 8.5), color: MUTED });
      flow.page.drawLine({ start: { x, y: top - 68 }, end: { x: x + inner, y: top - 68 }, thickness: 0.6, color: MUTED });
      flow.ts.draw(flow.page, o.name, x, top - 79, { size: fit(o.name, 9, 'bold'), style: 'bold' });
      flow.ts.draw(flow.page, o.title, x, top - 90, { size: fit(o.title, 8) });
      if (o.nip) flow.ts.draw(flow.page, `NIP ${o.nip}`, x, top - 100, { size: 7.5, color: MUTED });
    });
    flow.y = top - 108;
  }
}
