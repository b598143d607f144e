// The documents module's public surface, for the composition root and the HTTP routes.
export { createDocumentService, sha256Hex, type DocumentServiceOptions, type SaksiDocumentService } from './document-service';
export { createFontLibrary, type FontLibrary } from './fonts';
export { createSealer, type Sealer, type SealInfo, type SealerOptions } from './seal';
export { describeSealTrust, loadOrCreateSealIdentity, loadP12Identity, type SealCertificateInfo, type SealIdentity, type SealIdentityOptions } from './certificates';
export { readDocumentIds, verifySealedPdf, type SealProblem, type SealVerification } from './verify';
export type * from './types';
