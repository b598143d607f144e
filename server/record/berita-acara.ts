// The Berita Acara: the ceremony's official minutes, in Bahasa Indonesia with an English version
// after it, sealed with the same platform seal as the agreements.
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { formatRupiah } from '../../shared/format/rupiah';
import { terbilang, terbilangRupiah } from '../../shared/format/terbilang';
import { formatLocalDate, formatLocalTime, localParts, MONTHS_ID } from '../../shared/format/time';
import { createFontLibrary, type FontLibrary } from '../documents/fonts';
import { Flow } from '../documents/flow';
import { formatStampTime } from '../documents/labels';
import { CONTENT_WIDTH } from '../documents/layout';
import { setDocumentMetadata } from '../documents/metadata';
import { drawPageNumbers, drawRunningHeader } from '../documents/page-chrome';
import type { Sealer } from '../documents/seal';
import { drawTable } from '../documents/table';
import { ACCENT, MUTED, Typesetter } from '../documents/typeset';
import { drawVerificationBands } from '../documents/verification-band';
import type { BeritaAcaraAgreement, BeritaAcaraInput, BeritaAcaraOfficial } from './berita-acara-input';
import { numberToEnglishWords } from './number-words-en';
import { listDays, signingDays, type SigningDays } from './signing-dates';
import { embedOfficialStamps, officialsOf, writeSignatureBlock, type OfficialStamp } from './signature-block';
import { SAVE_FAST } from '../documents/pdf-speed';

export type { BeritaAcaraInput } from './berita-acara-input';

export interface BeritaAcaraOptions {
  fonts?: FontLibrary;
  /** The same sealer as the agreements; without one the minutes are returned unsealed. */
  sealer?: Sealer;
}

const BODY = { size: 10 };
const EN = { size: 9.5, style: 'italic' as const, color: MUTED };
const HEADING = { size: 10.5, style: 'bold' as const, color: ACCENT };
/** A heading stays with this much of what follows: two lines of text, or a table's header and first row. */
const KEEP_WITH_HEADING = 40;

export async function renderBeritaAcara(input: BeritaAcaraInput, options: BeritaAcaraOptions = {}): Promise<Uint8Array> {
  const fonts = options.fonts ?? createFontLibrary();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ts = new Typesetter(await fonts.embed(doc, collectTexts(input)));
  const header = (page: PDFPage) => drawRunningHeader(page, ts, `Berita Acara · ${input.ceremony.title}`, `No. ${input.number}`);
  const flow = new Flow(doc, ts, header);
  const totals = summarize(input);

  const stamps = await embedOfficialStamps(doc, input);
  writeIndonesian(flow, input, totals, stamps);
  flow.newPage();
  writeEnglish(flow, input, totals, stamps);

  drawPageNumbers(doc, ts, `Berita Acara No. ${input.number}`);
  const footer = `Berita Acara No. ${input.number} · upacara / ceremony ${input.ceremony.id}`;
  drawVerificationBands(doc, ts, input.verifyUrl, footer);
  setDocumentMetadata(doc, {
    title: `Berita Acara ${input.number} — ${input.ceremony.title}`,
    subject: `Berita acara penandatanganan / minutes of signing, ${input.ceremony.title}`,
    ids: { kind: 'berita-acara', ceremonyId: input.ceremony.id, documentNumber: input.number },
    date: new Date(input.ceremony.closedAt ?? input.ceremony.startsAt),
  });
  const bytes = await doc.save(SAVE_FAST);
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
    ...officialsOf(input).flatMap((o) => [o.name, o.title, o.institution]),
    ...(input.officialSignatures ?? []).map((s) => s.typedText ?? ''),
    ...input.rooms.map((r) => r.room.name),
    ...input.agreements.flatMap((a) => [a.title, ...a.parties.map((p) => p.name)]),
  ];
}

/** The signatures' instants: every recorded signature when given, else each agreement's last. */
function signingOf(input: BeritaAcaraInput): SigningDays | undefined {
  const instants = input.signatureTimes ?? input.agreements.flatMap((a) => (a.signedAt ? [a.signedAt] : []));
  return signingDays(instants, input.ceremony.startsAt, input.timezone);
}

/** The date the minutes are made (and signed under): closing, else the last signature. */
function madeAt(input: BeritaAcaraInput, signing: SigningDays | undefined): string {
  return input.ceremony.closedAt ?? signing?.last ?? input.ceremony.startsAt;
}

/**
 * "Pada hari ini Senin, tanggal …, pukul 10.15 sampai dengan 12.30 WIB": the days and hours of
 * the recorded signatures, not the schedule; the schedule is named as such only if it differs.
 */
function openingIndonesian(input: BeritaAcaraInput, signing: SigningDays | undefined): string {
  const zone = input.timezone;
  const held = `bertempat di ${input.place}, telah dilaksanakan ${input.ceremony.title} secara hibrida: sebagian pihak hadir di tempat dan sebagian lainnya bergabung secara daring dari ruang kantor daerah masing-masing melalui platform Saksi.`;
  const scheduled = `${formatLocalDate(input.ceremony.startsAt, zone)} pukul ${formatLocalTime(input.ceremony.startsAt, zone)}`;
  if (!signing) return `Pada jadwal ${scheduled}, ${held} Tidak ada perjanjian yang ditandatangani.`;
  const hours = `pukul ${formatLocalTime(signing.first, zone).slice(0, 5)} sampai dengan ${formatLocalTime(signing.last, zone)}`;
  let opening: string;
  if (signing.days.length === 1) {
    const day = signing.days[0];
    const p = localParts(day, zone);
    const dayName = formatLocalDate(day, zone).split(',')[0];
    const numeric = `${String(p.day).padStart(2, '0')}-${String(p.month).padStart(2, '0')}-${p.year}`;
    opening = `Pada hari ini ${dayName}, tanggal ${terbilang(p.day)}, bulan ${MONTHS_ID[p.month - 1]}, tahun ${terbilang(p.year)} (${numeric}), ${hours}, ${held}`;
  } else {
    opening = `Pada hari ${listDays(signing.days, zone, 'id')}, mulai ${formatLocalDate(signing.first, zone).split(', ')[1]} pukul ${formatLocalTime(signing.first, zone)} sampai dengan ${formatLocalDate(signing.last, zone).split(', ')[1]} pukul ${formatLocalTime(signing.last, zone)}, ${held}`;
  }
  return signing.isScheduleDifferent ? `${opening} Upacara ini semula dijadwalkan pada ${scheduled}.` : opening;
}

function openingEnglish(input: BeritaAcaraInput, signing: SigningDays | undefined): string {
  const zone = input.timezone;
  const held = `at ${input.place}, ${input.ceremony.title} was held in hybrid form: some parties were present in person and the others joined online from their regional offices through the Saksi platform.`;
  const scheduled = `${formatLocalDate(input.ceremony.startsAt, zone, 'en')} at ${formatLocalTime(input.ceremony.startsAt, zone)}`;
  if (!signing) return `As scheduled on ${scheduled}, ${held} No agreement was signed.`;
  const opening = signing.days.length === 1
    ? `On ${formatLocalDate(signing.days[0], zone, 'en')}, from ${formatLocalTime(signing.first, zone).slice(0, 5)} to ${formatLocalTime(signing.last, zone)}, ${held}`
    : `On ${listDays(signing.days, zone, 'en')}, from ${formatLocalDate(signing.first, zone, 'en').split(', ')[1]} at ${formatLocalTime(signing.first, zone)} to ${formatLocalDate(signing.last, zone, 'en').split(', ')[1]} at ${formatLocalTime(signing.last, zone)}, ${held}`;
  return signing.isScheduleDifferent ? `${opening} The ceremony had been scheduled for ${scheduled}.` : opening;
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

function writeIndonesian(flow: Flow, input: BeritaAcaraInput, totals: Totals, stamps: Map<number, OfficialStamp>): void {
  const signing = signingOf(input);
  const p = localParts(madeAt(input, signing), input.timezone);

  flow.gap(6);
  flow.paragraph('BERITA ACARA', { size: 18, style: 'bold' }, { align: 'center' });
  flow.paragraph('PENANDATANGANAN PERJANJIAN KEMITRAAN', { size: 12, style: 'bold' }, { align: 'center' });
  flow.paragraph(`Nomor: ${input.number}`, BODY, { align: 'center' });
  flow.rule(8, 6);
  flow.paragraph(openingIndonesian(input, signing), BODY, { gapAfter: 6 });
  flow.heading('Penyelenggara', HEADING, KEEP_WITH_HEADING, { gapAfter: 2 });
  input.organizers.forEach((o, i) => flow.paragraph(`${i + 1}. ${describeOfficial(o, 'NIP')}`, BODY, { indent: 10 }));
  flow.gap(4);
  if (input.witness) {
    flow.heading('Disaksikan oleh', HEADING, KEEP_WITH_HEADING, { gapAfter: 2 });
    flow.paragraph(describeOfficial(input.witness, 'NIP'), BODY, { indent: 10, gapAfter: 6 });
  } else flow.gap(2);

  flow.heading('Kegiatan yang dilaksanakan', HEADING, KEEP_WITH_HEADING, { gapAfter: 2 });
  for (const item of [
    `a. Panitia membuka ruang upacara dan memeriksa kehadiran ${input.rooms.length} ruang daerah; ${totals.roomsPresent} ruang hadir.`,
    'b. Para pihak dipanggil secara bergelombang dan menandatangani perjanjian kemitraan secara elektronik dari ruang masing-masing; urutan dan kewenangan penandatangan diperiksa oleh server.',
    'c. Setiap perjanjian yang telah ditandatangani seluruh pihak dibubuhi cap waktu, sertifikat penandatanganan, dan segel elektronik platform.',
  ]) flow.paragraph(item, BODY, { indent: 10, gapAfter: 1 });
  flow.gap(6);

  flow.heading('Kehadiran ruang daerah', HEADING, KEEP_WITH_HEADING, { gapAfter: 4 });
  drawTable(flow, [
    { header: 'No.', width: 26 }, { header: 'Ruang', width: 170 }, { header: 'Provinsi', width: 110 },
    { header: 'Kehadiran', width: 70 }, { header: 'Pertama bergabung', width: CONTENT_WIDTH - 376 },
  ], input.rooms.map((r, i) => [
    String(i + 1), r.room.name, r.room.province, r.present ? 'Hadir' : 'Tidak hadir',
    r.firstJoinedAt ? formatStampTime(r.firstJoinedAt, r.room.timezone) : '—',
  ]));
  flow.gap(10);

  flow.heading('Perjanjian yang ditandatangani', HEADING, KEEP_WITH_HEADING, { gapAfter: 4 });
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
  flow.paragraph('Demikian berita acara ini dibuat dengan sebenarnya untuk dapat dipergunakan sebagaimana mestinya.', BODY, { gapAfter: 6 });
  const unsigned = unsignedOfficials(input, stamps);
  if (input.finishedWithoutOfficials && unsigned.length > 0) {
    const reason = input.finishedWithoutReason ? ` Alasan: ${input.finishedWithoutReason}` : '';
    flow.paragraph(`Berita acara ini diselesaikan oleh panitia tanpa tanda tangan elektronik dari: ${unsigned.join('; ')}.${reason}`, BODY, { gapAfter: 6 });
  }
  writeSignatureBlock(flow, input, stamps, `${input.place.split(',').pop()!.trim()}, ${p.day} ${MONTHS_ID[p.month - 1]} ${p.year}`, {
    organizers: 'Penyelenggara', witness: 'Disaksikan oleh', signed: 'Ditandatangani secara elektronik', notSigned: 'Tidak ditandatangani',
  });
}

function writeEnglish(flow: Flow, input: BeritaAcaraInput, totals: Totals, stamps: Map<number, OfficialStamp>): void {
  const signing = signingOf(input);
  const dateEn = formatLocalDate(madeAt(input, signing), input.timezone, 'en');
  flow.gap(6);
  flow.paragraph('MINUTES OF THE SIGNING OF PARTNERSHIP AGREEMENTS', { size: 14, style: 'bold' }, { align: 'center' });
  flow.paragraph(`English version of Berita Acara No. ${input.number}; the Indonesian version prevails.`, EN, { align: 'center' });
  flow.rule(8, 6);
  flow.paragraph(openingEnglish(input, signing), EN, { gapAfter: 6 });
  flow.heading('Organizers', HEADING, KEEP_WITH_HEADING, { gapAfter: 2 });
  input.organizers.forEach((o, i) => flow.paragraph(`${i + 1}. ${describeOfficial(o, 'NIP')}`, EN, { indent: 10 }));
  flow.gap(4);
  if (input.witness) {
    flow.heading('Witnessed by', HEADING, KEEP_WITH_HEADING, { gapAfter: 2 });
    flow.paragraph(describeOfficial(input.witness, 'NIP'), EN, { indent: 10, gapAfter: 6 });
  } else flow.gap(2);
  flow.heading('What was done', HEADING, KEEP_WITH_HEADING, { gapAfter: 2 });
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
  flow.paragraph('These minutes were truthfully made, to be used as appropriate.', EN, { gapAfter: 6 });
  const unsigned = unsignedOfficials(input, stamps);
  if (input.finishedWithoutOfficials && unsigned.length > 0) {
    const reason = input.finishedWithoutReason ? ` Reason: ${input.finishedWithoutReason}` : '';
    flow.paragraph(`The organizers completed these minutes without the electronic signatures of: ${unsigned.join('; ')}.${reason}`, EN, { gapAfter: 6 });
  }
  writeSignatureBlock(flow, input, stamps, `${input.place.split(',').pop()!.trim()}, ${dateEn.split(', ')[1]}`, {
    organizers: 'Organizers', witness: 'Witnessed by', signed: 'Signed electronically', notSigned: 'Not signed',
  });
}

function describeOfficial(o: BeritaAcaraOfficial, nipLabel: string): string {
  return `${[o.name, o.title, o.institution].filter(Boolean).join(', ')}${o.nip ? ` (${nipLabel} ${o.nip})` : ''}`;
}

function unsignedOfficials(input: BeritaAcaraInput, stamps: Map<number, OfficialStamp>): string[] {
  return officialsOf(input).flatMap((o, i) => (stamps.has(i) ? [] : [`${o.name}, ${o.title}`]));
}
