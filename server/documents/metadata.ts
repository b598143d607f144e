// Document metadata. Dates and producer come from the input, never the clock, so the same input
// renders to the same bytes (and the same SHA-256). The ids go into Keywords so verification can
// find the agreement and ceremony from the file alone.
import type { PDFDocument } from 'pdf-lib';

export interface SaksiIds {
  kind: 'agreement' | 'berita-acara';
  ceremonyId: string;
  agreementId?: string;
  originalSha256?: string;
  documentNumber?: string;
}

export interface MetadataInput {
  title: string;
  subject: string;
  ids: SaksiIds;
  date: Date;
}

export const PRODUCER = 'Saksi';

const KEYWORD_PREFIX = 'saksi:';

export function setDocumentMetadata(doc: PDFDocument, { title, subject, ids, date }: MetadataInput): void {
  doc.setTitle(title);
  doc.setSubject(subject);
  doc.setAuthor('Saksi');
  doc.setCreator('Saksi — upacara penandatanganan virtual');
  doc.setProducer(PRODUCER);
  doc.setLanguage('id-ID');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  const keywords = [`${KEYWORD_PREFIX}${ids.kind}`, `ceremony=${encodeURIComponent(ids.ceremonyId)}`];
  if (ids.agreementId) keywords.push(`agreement=${encodeURIComponent(ids.agreementId)}`);
  if (ids.originalSha256) keywords.push(`original-sha256=${ids.originalSha256}`);
  if (ids.documentNumber) keywords.push(`number=${encodeURIComponent(ids.documentNumber)}`);
  doc.setKeywords(keywords);
}

/** Reads the ids written by setDocumentMetadata; undefined fields if absent. */
export function parseKeywords(keywords: string | undefined): Partial<SaksiIds> {
  const ids: Partial<SaksiIds> = {};
  for (const token of (keywords ?? '').split(/\s+/)) {
    if (token.startsWith(KEYWORD_PREFIX)) {
      const kind = token.slice(KEYWORD_PREFIX.length);
      if (kind === 'agreement' || kind === 'berita-acara') ids.kind = kind;
      continue;
    }
    const eq = token.indexOf('=');
    if (eq < 0) continue;
    const key = token.slice(0, eq);
    const value = safeDecode(token.slice(eq + 1));
    if (value === undefined) continue;
    if (key === 'ceremony') ids.ceremonyId = value;
    else if (key === 'agreement') ids.agreementId = value;
    else if (key === 'original-sha256' && /^[0-9a-f]{64}$/.test(value)) ids.originalSha256 = value;
    else if (key === 'number') ids.documentNumber = value;
  }
  return ids;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
