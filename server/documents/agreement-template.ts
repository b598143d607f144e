// The unsigned bilingual agreement generated at import: Bahasa Indonesia first, English in
// italics after it. Body pages flow; the signature boxes sit on dedicated last pages whose
// geometry comes from layoutSignatureBoxes, so the stamper knows where to draw.
import { PDFDocument, type PDFPage } from 'pdf-lib';
import { formatRupiah } from '../../shared/format/rupiah';
import { terbilangRupiah } from '../../shared/format/terbilang';
import { AGREEMENT_CLAUSES, agreementPreamble } from '../../shared/documents/agreement-text';
import type { Party } from '../../shared/domain/types';
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
const PARTY_NAME = { size: 10, style: 'bold' as const };
const SUBJECT = { size: 10, style: 'bold' as const };
const FIELD = { size: 9 };
const FIELD_LABEL = 130;
const ARTICLE = { size: 9.5 };
const ARTICLE_EN = { size: 9, style: 'italic' as const, color: MUTED };

const partyLine = (party: Party, i: number) => `${i + 1}. Pihak ke-${i + 1} / Party ${i + 1}: ${party.name}`;
const representedBy = (party: Party) => `${party.representative.name}, ${party.representative.title}`;

function partyBlockHeight(flow: Flow, party: Party, i: number): number {
  const kind = PARTY_KIND_LABEL[party.kind];
  return flow.paragraphHeight(partyLine(party, i), PARTY_NAME, { gapAfter: 1 })
    + flow.fieldHeight(`${kind.id} — ${kind.en}`, FIELD, FIELD_LABEL, 0)
    + flow.fieldHeight(party.sector, FIELD, FIELD_LABEL, 0)
    + flow.fieldHeight(party.province, FIELD, FIELD_LABEL, 0)
    + flow.fieldHeight(representedBy(party), FIELD, FIELD_LABEL, 6);
}

/** Every string from the input that is drawn, so the fonts can decide whether CJK is needed. */
export function agreementTexts(input: AgreementDocumentInput): string[] {
  return [
    input.ceremony.title,
    input.agreement.title,
    input.agreement.id,
    input.agreement.eMeteraiSerial ?? '',
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

  const preamble = agreementPreamble(ceremony, zone);
  flow.paragraph(preamble.id, BODY, { gapAfter: 3 });
  flow.paragraph(preamble.en, BODY_EN, { gapAfter: 8 });

  // Every heading keeps with the start of its section, each party and each article is kept
  // whole, and the last two articles keep together so no page ends up holding a lone short one.
  const partyBlocks = parties.map((party, i) => partyBlockHeight(flow, party, i));
  flow.heading('PARA PIHAK / THE PARTIES', HEADING, partyBlocks[0] ?? 0, { gapAfter: 3 });
  parties.forEach((party, i) => {
    flow.keep(partyBlocks[i]);
    const kind = PARTY_KIND_LABEL[party.kind];
    flow.paragraph(partyLine(party, i), PARTY_NAME, { gapAfter: 1 });
    flow.field('Jenis / Kind', `${kind.id} — ${kind.en}`, FIELD, FIELD_LABEL, 0);
    flow.field('Sektor usaha / Sector', party.sector, FIELD, FIELD_LABEL, 0);
    flow.field('Provinsi / Province', party.province, FIELD, FIELD_LABEL, 0);
    flow.field('Diwakili oleh / By', representedBy(party), FIELD, FIELD_LABEL, 6);
  });

  flow.heading('POKOK PERJANJIAN / SUBJECT MATTER', HEADING, flow.paragraphHeight(agreement.title, SUBJECT, { gapAfter: 8 }), { gapAfter: 3 });
  flow.paragraph(agreement.title, SUBJECT, { gapAfter: 8 });

  const value = formatRupiah(agreement.valueIdr);
  const words = terbilangRupiah(agreement.valueIdr);
  const valueHeight = flow.fieldHeight(value, BODY, FIELD_LABEL, 0) + flow.fieldHeight(words, BODY, FIELD_LABEL, 8);
  flow.heading('NILAI KEMITRAAN / PARTNERSHIP VALUE', HEADING, valueHeight, { gapAfter: 3 });
  flow.field('Dalam angka / In figures', value, BODY, FIELD_LABEL, 0);
  flow.field('Terbilang / In words', words, BODY, FIELD_LABEL, 8);

  const articles = AGREEMENT_CLAUSES.map(({ id, en }) => flow.paragraphHeight(id, ARTICLE, { gapAfter: 1 }) + flow.paragraphHeight(en, ARTICLE_EN, { gapAfter: 5 }));
  const keepHeights = articles.map((height, i) => (i === articles.length - 2 ? height + articles[i + 1] : height));
  flow.heading('KETENTUAN / TERMS', HEADING, keepHeights[0] ?? 0, { gapAfter: 3 });
  AGREEMENT_CLAUSES.forEach(({ id, en }, i) => {
    flow.keep(keepHeights[i]);
    flow.paragraph(id, ARTICLE, { gapAfter: 1 });
    flow.paragraph(en, ARTICLE_EN, { gapAfter: 5 });
  });

  drawSignaturePages(doc, ts, input, header);
  drawPageNumbers(doc, ts, `No. ${agreement.id}`);
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
    // The e-Meterai goes beside the first party's signature; without a serial no line is drawn.
    const serial = input.agreement.eMeteraiSerial;
    if (serial && slot.partyIndex === 0) {
      const line = `No. seri e-Meterai / e-Meterai serial: ${serial}`;
      ts.draw(page, line, box.x + 10, slot.meteraiY, { size: ts.fitSize(line, inner, { size: 7 }), color: INK });
    }
    page.drawLine({ start: { x: box.x, y: slot.roomY + 10 }, end: { x: box.x + box.width, y: slot.roomY + 10 }, thickness: 0.4, color: RULE });
  }
}
