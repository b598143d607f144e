// The platform seal: one PAdES-compatible (adbe.pkcs7.detached) signature over the whole file,
// applied after every visible stamp so no later revision can break it. The CMS structure is
// written as DER (seal-cms.ts) and signed with node:crypto, which is much faster than forge's
// JavaScript RSA and keeps no per-seal state (a P12Signer can only sign once).
import { createPrivateKey } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { createCmsSigner, type CmsSign } from './seal-cms';
import { LOAD_FAST, SAVE_FAST } from './pdf-speed';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf, Signer } from '@signpdf/signpdf';
import type { SealIdentity, SealCertificateInfo } from './certificates';

export interface SealInfo {
  reason: string;
  location: string;
  contactInfo?: string;
}

export interface Sealer {
  readonly certificate: SealCertificateInfo;
  /** Returns the sealed copy of a PDF. */
  seal(pdf: Uint8Array, info: SealInfo): Promise<Uint8Array>;
  /**
   * Sealing in the document's own save (no second parse and serialization): `prepare` adds the
   * empty signature field to a document about to be saved (without object streams), `sign`
   * fills it in the saved bytes with the signing time `prepare` returned.
   */
  prepare(doc: PDFDocument, info: SealInfo): Date;
  sign(prepared: Uint8Array, signingTime: Date): Promise<Uint8Array>;
}

export interface SealerOptions {
  /** Signing time written into the seal (injected for tests). */
  now?: () => Date;
}

// Room for the PKCS#7 (two certificates of ~1 KB plus signature); operator chains may be longer.
const SIGNATURE_LENGTH = 16_384;

class CryptoCmsSigner extends Signer {
  constructor(private readonly cms: CmsSign) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return this.cms(pdfBuffer, signingTime ?? new Date());
  }
}

export function createSealer(identity: SealIdentity, options: SealerOptions = {}): Sealer {
  const now = options.now ?? (() => new Date());
  const key = createPrivateKey(identity.privateKeyPem);
  const signer = new CryptoCmsSigner(createCmsSigner(key, [identity.certificatePem, ...identity.chainPem]));
  const signPdf = new SignPdf();
  const prepare = (doc: PDFDocument, info: SealInfo): Date => {
    const signingTime = now();
    pdflibAddPlaceholder({
      pdfDoc: doc,
      reason: info.reason,
      location: info.location,
      contactInfo: info.contactInfo ?? '',
      name: identity.certificate.subject,
      signingTime,
      signatureLength: SIGNATURE_LENGTH,
      appName: 'Saksi',
    });
    return signingTime;
  };
  const sign = async (prepared: Uint8Array, signingTime: Date): Promise<Uint8Array> => {
    const sealed = await signPdf.sign(Buffer.from(prepared.buffer, prepared.byteOffset, prepared.byteLength), signer, signingTime);
    return new Uint8Array(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  };
  return {
    certificate: identity.certificate,
    prepare,
    sign,
    async seal(pdf, info) {
      const doc = await PDFDocument.load(pdf, LOAD_FAST);
      const signingTime = prepare(doc, info);
      // signpdf finds the placeholder by scanning the bytes, so no object streams.
      return sign(await doc.save(SAVE_FAST), signingTime);
    },
  };
}
