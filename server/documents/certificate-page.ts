// The certificate of signing appended to every stamped agreement: who signed for whom, from
// which room, when (local time with zone and UTC), how, and the evidence kept, so the record
// can be checked without the platform's database.
import type { PDFDocument, PDFPage } from 'pdf-lib';
import type { FinalizeAgreementInput } from './types';
import { drawRunningHeader } from './page-chrome';
import { Flow } from './flow';
import { formatUtc, PARTY_KIND_LABEL } from './labels';
import { ACCENT, MUTED, type Typesetter } from './typeset';
import { localParts, MONTHS_ID } from '../../shared/format/time';
import type { TimeZoneName } from '../../shared/domain/types';

/** What the certificate page says about the seal that will be applied (if any). */
export interface SealDescription {
  subject: string;
  issuer: string;
  fingerprintSha256: string;
  isPlatformIssued: boolean;
}

const FIELD = { size: 8.5 };
/** The address is evidence for the organizers, not for everyone holding the PDF. */
const IP_RECORDED = 'tercatat, hanya untuk panitia / recorded, for the organizers only';
const LABEL_WIDTH = 170;

const pad = (n: number) => n.toString().padStart(2, '0');
function formatLocalWithSeconds(instant: string, zone: TimeZoneName): string {
  const p = localParts(instant, zone);
  return `${p.day} ${MONTHS_ID[p.month - 1]} ${p.year} ${pad(p.hour)}.${pad(p.minute)}.${pad(p.second)} ${zone}`;
}

export function appendCertificateOfSigning(doc: PDFDocument, ts: Typesetter, input: FinalizeAgreementInput, seal?: SealDescription): void {
  const { ceremony, agreement } = input.document;
  const header = (page: PDFPage) => drawRunningHeader(page, ts, ceremony.title, `No. ${agreement.id} · Sertifikat / Certificate`);
  const flow = new Flow(doc, ts, header);
  flow.gap(6);
  flow.paragraph('SERTIFIKAT PENANDATANGANAN', { size: 16, style: 'bold' }, { align: 'center' });
  flow.paragraph('Certificate of Signing', { size: 11, style: 'italic', color: MUTED }, { align: 'center' });
  flow.rule(8, 4);
  flow.field('Perjanjian / Agreement', `${agreement.id} — ${agreement.title}`, FIELD, LABEL_WIDTH, 0);
  flow.field('Upacara / Ceremony', `${ceremony.id} — ${ceremony.title}`, FIELD, LABEL_WIDTH, 0);
  flow.field('SHA-256 dokumen asli / original', input.originalSha256, { size: 7.5 }, LABEL_WIDTH, 0);
  flow.field('Verifikasi / Verification', input.verifyUrl, FIELD, LABEL_WIDTH, 4);
  flow.rule(2, 4);

  const signatures = [...input.signatures].sort((a, b) => a.record.signedAt.localeCompare(b.record.signedAt));
  signatures.forEach((signature, i) => {
    const { record, party, room, evidence } = signature;
    flow.ensure(150);
    flow.paragraph(`${i + 1}. ${party.name}`, { size: 10, style: 'bold', color: ACCENT }, { gapAfter: 1 });
    flow.field('Pihak / Party', `${PARTY_KIND_LABEL[party.kind].id} · ${party.sector} · ${party.province}`, FIELD, LABEL_WIDTH, 0);
    flow.field('Penandatangan / Signer', record.signerName, FIELD, LABEL_WIDTH, 0);
    flow.field('Jabatan / Title', record.signerTitle, FIELD, LABEL_WIDTH, 0);
    flow.field('Ruang / Room', `${room.name}, ${room.regency}, ${room.province}`, FIELD, LABEL_WIDTH, 0);
    flow.field('Waktu setempat / Local time', formatLocalWithSeconds(record.signedAt, record.timezone), FIELD, LABEL_WIDTH, 0);
    flow.field('Waktu UTC / UTC time', formatUtc(record.signedAt), FIELD, LABEL_WIDTH, 0);
    const kind = record.kind === 'drawn' ? 'digambar / drawn' : `diketik / typed: "${record.typedText ?? ''}"`;
    flow.field('Jenis tanda tangan / Kind', kind, FIELD, LABEL_WIDTH, 0);
    if (record.imageSha256) flow.field('SHA-256 gambar / image', record.imageSha256, { size: 7.5 }, LABEL_WIDTH, 0);
    flow.field('Alamat IP / IP address', evidence.ipRecorded ? IP_RECORDED : '—', FIELD, LABEL_WIDTH, 0);
    flow.field('Hash user-agent / UA hash', evidence.userAgentHash, { size: 7.5 }, LABEL_WIDTH, 0);
    flow.field('ID token undangan / Invite token', evidence.tokenId, FIELD, LABEL_WIDTH, 8);
  });

  flow.rule(2, 6);
  flow.paragraph(
    'Dokumen ini disegel secara elektronik oleh platform Saksi satu kali, setelah seluruh tanda tangan dibubuhkan; perubahan sekecil apa pun membatalkan segel. Segel platform adalah tanda tangan elektronik tidak tersertifikasi (UU ITE Pasal 11; PP 71/2019 Pasal 60), kecuali operator memasang sertifikat dari Penyelenggara Sertifikasi Elektronik (PSrE) berinduk.',
    { size: 8 }, { gapAfter: 2 },
  );
  flow.paragraph(
    "This document is sealed electronically by the Saksi platform once, after every signature was applied; any change invalidates the seal. The platform seal is an uncertified electronic signature (ITE Law art. 11; Government Regulation 71/2019 art. 60) unless the operator installs a certificate from a licensed Indonesian certification provider (PSrE).",
    { size: 7.5, style: 'italic', color: MUTED }, { gapAfter: 4 },
  );
  if (seal) {
    flow.field('Segel / Seal', seal.subject, FIELD, LABEL_WIDTH, 0);
    flow.field('Penerbit / Issuer', `${seal.issuer}${seal.isPlatformIssued ? ' (CA platform Saksi / Saksi platform CA)' : ''}`, FIELD, LABEL_WIDTH, 0);
    flow.field('Sidik jari / Fingerprint', seal.fingerprintSha256, { size: 7.5 }, LABEL_WIDTH, 0);
  }
}
