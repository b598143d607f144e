// The Berita Acara's signature block: place and date, then one column per official (organizers,
// then the witness). Officials who signed electronically get their stamp on the line (the drawn
// image or typed name, and the local time with zone); the whole file is sealed once afterwards.
import { rgb, type PDFDocument, type PDFImage } from 'pdf-lib';
import { formatStampTime } from '../documents/labels';
import type { Flow } from '../documents/flow';
import { CONTENT_WIDTH, MARGIN_X } from '../documents/layout';
import { MUTED } from '../documents/typeset';
import type { BeritaAcaraInput, BeritaAcaraOfficial } from './berita-acara-input';

const SIGNATURE_INK = rgb(0.06, 0.16, 0.45);

export interface OfficialStamp {
  signedAt: string;
  image?: PDFImage;
  typedText?: string;
}

/** Every official in signing order: the organizers, then the witness if there is one. */
export function officialsOf(input: BeritaAcaraInput): BeritaAcaraOfficial[] {
  return [...input.organizers, ...(input.witness ? [input.witness] : [])];
}

/** Embeds each signature image once; keyed by the official's index in officialsOf. */
export async function embedOfficialStamps(doc: PDFDocument, input: BeritaAcaraInput): Promise<Map<number, OfficialStamp>> {
  const stamps = new Map<number, OfficialStamp>();
  const count = officialsOf(input).length;
  for (const s of input.officialSignatures ?? []) {
    if (!Number.isInteger(s.official) || s.official < 0 || s.official >= count) throw new Error(`Berita Acara: no official #${s.official}`);
    stamps.set(s.official, { signedAt: s.signedAt, ...(s.image ? { image: await doc.embedPng(s.image) } : {}), ...(s.typedText ? { typedText: s.typedText } : {}) });
  }
  return stamps;
}

export interface SignatureBlockLabels {
  organizers: string;
  witness: string;
  signed: string;
  notSigned: string;
}

export function writeSignatureBlock(flow: Flow, input: BeritaAcaraInput, stamps: Map<number, OfficialStamp>, placeAndDate: string, labels: SignatureBlockLabels): void {
  const officials = officialsOf(input);
  const signers = officials.map((o, i) => ({ o, i, label: i < input.organizers.length ? labels.organizers : labels.witness }));
  const columns = Math.min(3, signers.length);
  const width = CONTENT_WIDTH / columns;
  flow.keep(20 + 108);
  flow.paragraph(placeAndDate, { size: 10 }, { gapAfter: 4 });
  for (let start = 0; start < signers.length; start += columns) {
    flow.keep(118);
    const top = flow.y;
    signers.slice(start, start + columns).forEach(({ o, i: index, label }, i) => {
      const x = MARGIN_X + i * width;
      const inner = width - 14;
      const fit = (text: string, size: number, style: 'regular' | 'bold' = 'regular') => flow.ts.fitSize(text, inner, { size, style });
      flow.ts.draw(flow.page, label, x, top - 12, { size: 8.5, color: MUTED });
      flow.ts.draw(flow.page, o.institution, x, top - 23, { size: fit(o.institution, 8.5), color: MUTED });
      const stamp = stamps.get(index);
      if (stamp) drawStamp(flow, stamp, o, x, top - 66, inner, 38);
      flow.page.drawLine({ start: { x, y: top - 68 }, end: { x: x + inner, y: top - 68 }, thickness: 0.6, color: MUTED });
      flow.ts.draw(flow.page, o.name, x, top - 79, { size: fit(o.name, 9, 'bold'), style: 'bold' });
      flow.ts.draw(flow.page, o.title, x, top - 90, { size: fit(o.title, 8) });
      let y = top - 100;
      if (o.nip) {
        flow.ts.draw(flow.page, `NIP ${o.nip}`, x, y, { size: 7.5, color: MUTED });
        y -= 9;
      }
      const status = stamp ? `${labels.signed} ${formatStampTime(stamp.signedAt, input.timezone)}` : input.finishedWithoutOfficials ? labels.notSigned : '';
      if (status) flow.ts.draw(flow.page, status, x, y, { size: fit(status, 7, stamp ? 'bold' : 'regular'), style: stamp ? 'bold' : 'regular', color: stamp ? SIGNATURE_INK : MUTED });
    });
    flow.y = top - 118;
  }
}

function drawStamp(flow: Flow, stamp: OfficialStamp, official: BeritaAcaraOfficial, x: number, bottom: number, width: number, height: number): void {
  if (stamp.image) {
    const scale = Math.min(width / stamp.image.width, height / stamp.image.height);
    const w = stamp.image.width * scale;
    flow.page.drawImage(stamp.image, { x: x + (width - w) / 2, y: bottom, width: w, height: stamp.image.height * scale });
    return;
  }
  const text = stamp.typedText?.trim() || official.name;
  const style = { size: 18, style: 'italic' as const, color: SIGNATURE_INK };
  flow.ts.drawCentered(flow.page, text, x + width / 2, bottom + 8, { ...style, size: flow.ts.fitSize(text, width, style, 8) });
}
