// The platform seal: one PAdES-compatible (adbe.pkcs7.detached) signature over the whole file,
// applied after every visible stamp so no later revision can break it. The CMS structure is
// built with node-forge; the RSA operation itself runs in node:crypto, which is much faster than
// forge's JavaScript RSA and keeps no per-seal state (a P12Signer can only sign once).
import { constants, createHash, createPrivateKey, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
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

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1). */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

class CryptoCmsSigner extends Signer {
  constructor(
    private readonly key: KeyObject,
    private readonly certificates: forge.pki.Certificate[],
  ) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    // Detached: forge would hash the whole file in JavaScript (a binary string copy plus a JS
    // SHA-256, several ms per document). node:crypto hashes it instead, and the messageDigest
    // attribute keeps that value whatever forge computes over the empty content it is given.
    p7.content = forge.util.createBuffer('');
    const messageDigest = createHash('sha256').update(pdfBuffer).digest().toString('binary');
    const digestAttribute = { type: forge.pki.oids.messageDigest } as { type: string; value?: unknown };
    Object.defineProperty(digestAttribute, 'value', { get: () => forge.util.createBuffer(messageDigest), set: () => {}, enumerable: true });
    for (const cert of this.certificates) p7.addCertificate(cert);
    const key = this.key;
    // forge only calls key.sign(md) on the digest of the authenticated attributes.
    const rsaKey = {
      sign(md: forge.md.MessageDigest): string {
        const digest = Buffer.from(md.digest().getBytes(), 'binary');
        const digestInfo = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]);
        return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, digestInfo).toString('binary');
      },
    };
    p7.addSigner({
      key: rsaKey as unknown as forge.pki.rsa.PrivateKey,
      certificate: this.certificates[0],
      digestAlgorithm: forge.pki.oids.sha256,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType, value: forge.pki.oids.data },
        digestAttribute as { type: string },
        { type: forge.pki.oids.signingTime, value: (signingTime ?? new Date()) as unknown as string },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

export function createSealer(identity: SealIdentity, options: SealerOptions = {}): Sealer {
  const now = options.now ?? (() => new Date());
  const key = createPrivateKey(identity.privateKeyPem);
  const certificates = [identity.certificatePem, ...identity.chainPem].map((pem) => forge.pki.certificateFromPem(pem));
  const signer = new CryptoCmsSigner(key, certificates);
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
