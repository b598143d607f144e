// The unsigned bilingual agreement generated at import: Bahasa Indonesia first, English in
// italics after it. Body pages flow; the signature boxes sit on dedicated last pages whose
// geometry comes from layoutSignatureBoxes, so the stamper knows where to draw.
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { formatRupiah } from '../../shared/format/rupiah';
import { terbilangRupiah } from '../../shared/format/terbilang';
import { formatLocalDate, formatLocalTime } from '../../shared/format/time';
import type { AgreementDocumentInput } from './types';
import type { FontLibrary } from './fonts';
import { Flow } from './flow';
import { PARTY_KIND_LABEL, ceremonyZone } from './labels';
import {
  PAGE_HEIGHT, PAGE_WIDTH, layoutSignatureBoxes, signaturePageCount,
} from './layout';
import { setDocumentMetadata } from './metadata';
import { drawPageNumbers, drawRunningHeader } from './page-chrome';
import { ACCENT, INK, MUTED, RULE, type Typesetter, Typesetter as TypesetterClass } from './typeset';
import { SAVE_FAST } from './pdf-speed';

const BODY = { size: 10 };
const BODY_EN = { size: 9.5, style: 'italic' as const, color: MUTED };
const HEADING = { size: 11, style: 'bold' as const, color: ACCENT };

/** Every string from the input that is drawn, so the fonts can decide whether CJK is needed. */
export function agreementTexts(input: AgreementDocumentInput): string[] {
  return [
    input.ceremony.title,
    input.agreement.title,
    input.agreement.id,
    ...input.parties.flatMap((p) => [p.name, p.sector, p.province, p.representative.name, p.representative.title]),
    ...input.rooms.map((r) => r.name),
  ];
}

export async function renderAgreementPdf(input: AgreementDocumentInput, fonts: FontLibrary): Promise<Uint8Array> {
  const { ceremony, agreement, parties } = input;
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ts = new TypesetterClass(await fonts.embed(doc, agreementTexts(input)));
  const zone = ceremonyZone(input.rooms);
  const header = (page: PDFPage) => drawRunningHeader(page, ts, ceremony.title, `No. ${agreement.id}`);
  const flow = new Flow(doc, ts, header);

  flow.gap(8);
  flow.paragraph('PERJANJIAN KEMITRAAN', { size: 18, style: 'bold', color: INK }, { align: 'center' });
  flow.paragraph('Partnership Agreement', { size: 12, style: 'italic', color: MUTED }, { align: 'center', gapAfter: 4 });
  flow.paragraph(`Nomor / Number: ${agreement.id}`, { size: 10 }, { align: 'center' });
  flow.rule(10, 6);

  const dateId = formatLocalDate(ceremony.startsAt, zone, 'id');
  const dateEn = formatLocalDate(ceremony.startsAt, zone, 'en');
  const time = formatLocalTime(ceremony.startsAt, zone);
  flow.paragraph(
    `Pada hari ini, ${dateId}, pukul ${time}, dalam rangka ${ceremony.title}, para pihak yang tersebut di bawah ini sepakat untuk mengadakan perjanjian kemitraan dengan ketentuan sebagai berikut.`,
    BODY, { gapAfter: 3 },
  );
  flow.paragraph(
    `On ${dateEn}, at ${time}, on the occasion of ${ceremony.title}, the parties named below agree to enter into a partnership agreement on the following terms.`,
    BODY_EN, { gapAfter: 8 },
  );

  flow.paragraph('PARA PIHAK / THE PARTIES', HEADING, { gapAfter: 3 });
  parties.forEach((party, i) => {
    flow.ensure(80);
    const kind = PARTY_KIND_LABEL[party.kind];
    flow.paragraph(`${i + 1}. Pihak ke-${i + 1} / Party ${i + 1}: ${party.name}`, { size: 10, style: 'bold' }, { gapAfter: 1 });
    flow.field('Jenis / Kind', `${kind.id} — ${kind.en}`, { size: 9 }, 130, 0);
    flow.field('Sektor usaha / Sector', party.sector, { size: 9 }, 130, 0);
    flow.field('Provinsi / Province', party.province, { size: 9 }, 130, 0);
    flow.field('Diwakili oleh / By', `${party.representative.name}, ${party.representative.title}`, { size: 9 }, 130, 6);
  });

  flow.paragraph('POKOK PERJANJIAN / SUBJECT MATTER', HEADING, { gapAfter: 3 });
  flow.paragraph(agreement.title, { size: 10, style: 'bold' }, { gapAfter: 8 });

  flow.paragraph('NILAI KEMITRAAN / PARTNERSHIP VALUE', HEADING, { gapAfter: 3 });
  flow.field('Dalam angka / In figures', formatRupiah(agreement.valueIdr), { size: 10 }, 130, 0);
  flow.field('Terbilang / In words', terbilangRupiah(agreement.valueIdr), { size: 10 }, 130, 8);

  flow.paragraph('KETENTUAN / TERMS', HEADING, { gapAfter: 3 });
  for (const [id, en] of CLAUSES) {
    flow.ensure(50);
    flow.paragraph(id, { size: 9.5 }, { gapAfter: 1 });
    flow.paragraph(en, { size: 9, style: 'italic', color: MUTED }, { gapAfter: 5 });
  }

  drawSignaturePages(doc, ts, input, header);
  drawPageNumbers(doc.getPages(), ts, `No. ${agreement.id}`);
  setDocumentMetadata(doc, {
    title: `Perjanjian Kemitraan ${agreement.id} — ${agreement.title}`,
    subject: `Perjanjian kemitraan / partnership agreement ${agreement.id}, ${ceremony.title}`,
    ids: { kind: 'agreement', ceremonyId: ceremony.id, agreementId: agreement.id },
    date: new Date(ceremony.startsAt),
  });
  return doc.save(SAVE_FAST);
}

function drawSignaturePages(doc: PDFDocument, ts: Typesetter, input: AgreementDocumentInput, header: (page: PDFPage) => number): void {
  const boxes = layoutSignatureBoxes(input.parties.length);
  const pages: PDFPage[] = [];
  for (let i = 0; i < signaturePageCount(input.parties.length); i++) {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    let y = header(page) - 20;
    ts.drawCentered(page, 'HALAMAN TANDA TANGAN', PAGE_WIDTH / 2, y, { size: 13, style: 'bold' });
    y -= 15;
    ts.drawCentered(page, 'Signature Page', PAGE_WIDTH / 2, y, { size: 10, style: 'italic', color: MUTED });
    y -= 20;
    const lead = 'Demikian perjanjian ini ditandatangani secara elektronik oleh para pihak pada waktu yang tercantum di setiap kotak.';
    ts.drawCentered(page, lead, PAGE_WIDTH / 2, y, { size: 8.5 });
    y -= 11;
    const leadEn = 'In witness whereof, the parties sign this agreement electronically at the time shown in each box.';
    ts.drawCentered(page, leadEn, PAGE_WIDTH / 2, y, { size: 8, style: 'italic', color: MUTED });
    pages.push(page);
  }
  for (const slot of boxes) {
    const page = pages[slot.signaturePage];
    const party = input.parties[slot.partyIndex];
    const { box } = slot;
    page.drawRectangle({ x: box.x, y: box.y, width: box.width, height: box.height, borderColor: RULE, borderWidth: 0.8 });
    const inner = box.width - 20;
    ts.draw(page, `PIHAK KE-${slot.partyIndex + 1} / PARTY ${slot.partyIndex + 1} · ${party.kind}`, box.x + 10, slot.headerTop, { size: 7, style: 'bold', color: ACCENT });
    const nameStyle = { size: 9, style: 'bold' as const };
    const nameLines = ts.wrap(party.name, inner, nameStyle).slice(0, 2);
    nameLines.forEach((line, i) => ts.draw(page, line, box.x + 10, slot.headerTop - 12 - i * 10.5, nameStyle));
    ts.draw(page, 'Tanda tangan / Signature', slot.signatureArea.x, slot.signatureArea.y + slot.signatureArea.height - 6, { size: 6, color: RULE });
    page.drawLine({ start: { x: box.x + 10, y: slot.signatureLineY }, end: { x: box.x + box.width - 10, y: slot.signatureLineY }, thickness: 0.6, color: MUTED });
    const rep = party.representative;
    ts.draw(page, rep.name, box.x + 10, slot.nameY, { size: ts.fitSize(rep.name, inner, { size: 9, style: 'bold' }), style: 'bold' });
    ts.draw(page, rep.title, box.x + 10, slot.titleY, { size: ts.fitSize(rep.title, inner, { size: 8 }), color: MUTED });
    ts.draw(page, 'No. seri e-Meterai / e-Meterai serial: ____________', box.x + 10, slot.meteraiY, { size: 7, color: MUTED });
    page.drawLine({ start: { x: box.x, y: slot.roomY + 10 }, end: { x: box.x + box.width, y: slot.roomY + 10 }, thickness: 0.4, color: RULE });
  }
}

const CLAUSES: [string, string][] = [
  [
    'Pasal 1. Para pihak sepakat menjalin kemitraan usaha sesuai pokok perjanjian di atas, dengan prinsip saling memerlukan, saling mempercayai, saling memperkuat, dan saling menguntungkan.',
    'Article 1. The parties agree to a business partnership on the subject matter above, on the principles of mutual need, trust, strengthening and benefit.',
  ],
  [
    'Pasal 2. Nilai kemitraan sebagaimana tersebut di atas merupakan nilai kerja sama selama jangka waktu perjanjian; rincian pelaksanaan diatur lebih lanjut secara tertulis oleh para pihak.',
    'Article 2. The partnership value stated above is the value of the cooperation over the term of the agreement; the parties will set out the details of performance in writing.',
  ],
  [
    'Pasal 3. Perjanjian ini ditandatangani secara elektronik dan berlaku sejak seluruh pihak menandatanganinya. Tanda tangan elektronik ini sah menurut UU ITE Pasal 11; segel platform tidak tersertifikasi kecuali dinyatakan lain.',
    'Article 3. This agreement is signed electronically and takes effect once every party has signed. These electronic signatures are valid under the ITE Law, art. 11; the platform seal is uncertified unless stated otherwise.',
  ],
  [
    'Pasal 4. Perjanjian ini dibuat dalam Bahasa Indonesia dan Bahasa Inggris; apabila terdapat perbedaan penafsiran, yang berlaku adalah teks Bahasa Indonesia.',
    'Article 4. This agreement is made in Bahasa Indonesia and English; in case of any difference in interpretation, the Indonesian text prevails.',
  ],
];
