// The documents module's entry point: bytes in, bytes out. No storage, no HTTP; the caller keeps
// the original and the sealed copy and their SHA-256.
import { sha256Hex } from '../security/sha256';
import type { DocumentService } from './types';
import { createFontLibrary, type FontLibrary } from './fonts';
import { renderAgreementPdf } from './agreement-template';
import { stampAgreement } from './stamp';
import type { Sealer } from './seal';
import { createSignatureImages, type SignatureImages } from './signature-images';

export interface DocumentServiceOptions {
  /** Seals finalized agreements once, after all stamps. Without one, agreements stay unsealed. */
  sealer?: Sealer;
  /** Shared font cache; one per service is created when absent. */
  fonts?: FontLibrary;
  /** Decoded signature images, shared like the fonts; one per service is created when absent. */
  images?: SignatureImages;
  /** Where the seal says it was applied, e.g. "Jakarta, Indonesia". */
  sealLocation?: string;
}

export interface SaksiDocumentService extends DocumentService {
  readonly fonts: FontLibrary;
  readonly images: SignatureImages;
  readonly sealer?: Sealer;
}

export function createDocumentService(options: DocumentServiceOptions = {}): SaksiDocumentService {
  const fonts = options.fonts ?? createFontLibrary();
  const images = options.images ?? createSignatureImages();
  const { sealer } = options;
  return {
    fonts,
    images,
    sealer,
    renderAgreement: (input) => renderAgreementPdf(input, fonts),
    async finalizeAgreement(input) {
      const actual = sha256Hex(input.original);
      if (actual !== input.originalSha256) {
        throw new Error(`finalizeAgreement: originalSha256 does not match the original of ${input.document.agreement.id}`);
      }
      if (!sealer) return stampAgreement(input, fonts, images);
      const info = {
        reason: `Segel Saksi: perjanjian ${input.document.agreement.id} ditandatangani semua pihak / all parties signed`,
        location: options.sealLocation ?? 'Indonesia',
        contactInfo: input.verifyUrl,
      };
      // The seal's placeholder goes in before the stamp's one save: no second parse and save.
      let signingTime: Date | undefined;
      const prepared = await stampAgreement(input, fonts, images, sealer.certificate, (doc) => (signingTime = sealer.prepare(doc, info)));
      return sealer.sign(prepared, signingTime!);
    },
  };
}

export { sha256Hex };
