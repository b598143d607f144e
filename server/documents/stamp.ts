// Stamping: every party's signature into its box, the verification band (QR code, link and the
// original's SHA-256) on every page, then the certificate of signing. Sealing happens after this,
// once, over the whole file.
import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import type { FinalizeAgreementInput, StampSignature } from './types';
import type { FontLibrary } from './fonts';
import { agreementTexts } from './agreement-template';
import { appendCertificateOfSigning, type SealDescription } from './certificate-page';
import { formatStampTime } from './labels';
import { layoutSignatureBoxes, signaturePageCount, type SignatureBox } from './layout';
import { setDocumentMetadata } from './metadata';
import { drawPageNumbers } from './page-chrome';
import { INK, Typesetter } from './typeset';
import { LOAD_FAST, SAVE_FAST } from './pdf-speed';
import { drawVerificationBands } from './verification-band';
import { drawPreparedImage, type SignatureImages } from './signature-images';

const SIGNATURE_INK = rgb(0.06, 0.16, 0.45);

export function stampTexts(input: FinalizeAgreementInput): string[] {
  return [
    ...agreementTexts(input.document),
    input.verifyUrl,
    ...input.signatures.flatMap((s) => [s.record.signerName, s.record.signerTitle, s.record.typedText ?? '', s.room.name, s.room.province, s.party.name]),
  ];
}

/**
 * The stamped agreement, unsealed; deterministic for the same input. `beforeSave` lets the sealer
 * add its signature placeholder so stamp and seal share one save.
 */
export async function stampAgreement(
  input: FinalizeAgreementInput, fonts: FontLibrary, images: SignatureImages, seal?: SealDescription, beforeSave?: (doc: PDFDocument) => void,
): Promise<Uint8Array> {
  const { document: docInput } = input;
  const doc = await PDFDocument.load(input.original, LOAD_FAST);
  const ts = new Typesetter(await fonts.embed(doc, stampTexts(input)));
  const partyCount = docInput.parties.length;
  const boxes = layoutSignatureBoxes(partyCount);
  const pages = doc.getPages();
  const firstSignaturePage = pages.length - signaturePageCount(partyCount);
  if (firstSignaturePage < 0) throw new Error('stampAgreement: the original has fewer pages than its signature layout');

  for (const signature of input.signatures) {
    const partyIndex = docInput.parties.findIndex((p) => p.id === signature.party.id);
    if (partyIndex < 0) throw new Error(`stampAgreement: party ${signature.party.id} is not in agreement ${docInput.agreement.id}`);
    const slot = boxes[partyIndex];
    drawSignature(doc, pages[firstSignaturePage + slot.signaturePage], ts, images, slot, signature);
  }

  appendCertificateOfSigning(doc, ts, input, seal);
  // h9: the footers count the certificate pages too (replaces the original's numbering).
  drawPageNumbers(doc, ts, `No. ${docInput.agreement.id}`);
  const footer = `SHA-256 dokumen asli / original document: ${input.originalSha256}`;
  drawVerificationBands(doc, ts, input.verifyUrl, footer);

  const lastSignedAt = input.signatures.map((s) => s.record.signedAt).sort().at(-1) ?? docInput.ceremony.startsAt;
  setDocumentMetadata(doc, {
    title: `Perjanjian Kemitraan ${docInput.agreement.id} — ${docInput.agreement.title} (ditandatangani / signed)`,
    subject: `Perjanjian kemitraan / partnership agreement ${docInput.agreement.id}, ${docInput.ceremony.title}`,
    ids: { kind: 'agreement', ceremonyId: docInput.ceremony.id, agreementId: docInput.agreement.id, originalSha256: input.originalSha256 },
    date: new Date(lastSignedAt),
  });
  beforeSave?.(doc);
  return doc.save(SAVE_FAST);
}

function drawSignature(doc: PDFDocument, page: PDFPage, ts: Typesetter, images: SignatureImages, slot: SignatureBox, signature: StampSignature): void {
  const area = slot.signatureArea;
  const { record } = signature;
  if (signature.image) {
    const image = images.prepare(signature.image);
    // Fit inside the area keeping the aspect ratio, centred, resting on the signature line.
    const scale = Math.min(area.width / image.width, area.height / image.height);
    const width = image.width * scale;
    const height = image.height * scale;
    drawPreparedImage(doc, page, image, area.x + (area.width - width) / 2, area.y, width, height);
  } else {
    const text = record.typedText?.trim() || record.signerName;
    const style = { size: 22, style: 'italic' as const, color: SIGNATURE_INK };
    const size = ts.fitSize(text, area.width, style, 9);
    ts.drawCentered(page, text, area.x + area.width / 2, area.y + 10, { ...style, size });
  }
  const x = slot.box.x + 8;
  const inner = slot.box.width - 16;
  const signer = `Ditandatangani oleh / Signed by: ${record.signerName}, ${record.signerTitle}`;
  ts.draw(page, signer, x, slot.roomY, { size: ts.fitSize(signer, inner, { size: 7 }), color: INK });
  const where = `${signature.room.name} · ${formatStampTime(record.signedAt, record.timezone)}`;
  ts.draw(page, where, x, slot.timeY, { size: ts.fitSize(where, inner, { size: 7, style: 'bold' }), style: 'bold', color: SIGNATURE_INK });
}
