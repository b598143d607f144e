// Verifies the platform seal from the file alone: the PKCS#7 signature over the ByteRange
// against the certificate embedded in it, that the ByteRange covers every byte except the
// signature itself, and the ids Saksi wrote into the metadata. Whether the bytes equal the sealed
// copy the platform holds is the caller's question (it has the database).
import { createHash, createPublicKey, verify as verifySignature } from 'node:crypto';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { formatDistinguishedName, type SealCertificateInfo } from './certificates';
import { parseKeywords } from './metadata';

export type SealProblem = 'NO_SEAL' | 'MALFORMED' | 'PARTIAL_COVERAGE' | 'DIGEST_MISMATCH' | 'BAD_SIGNATURE' | 'MULTIPLE_SEALS';

export interface SealVerification {
  sealPresent: boolean;
  sealValid: boolean;
  coversWholeDocument: boolean;
  /** The sealing certificate is the platform's own (same SHA-256 fingerprint). */
  signedByPlatform: boolean;
  signerSubject?: string;
  issuer?: string;
  certificateFingerprintSha256?: string;
  signedAt?: string;
  agreementId?: string;
  ceremonyId?: string;
  originalSha256?: string;
  documentKind?: 'agreement' | 'berita-acara';
  problem?: SealProblem;
  /** Why the seal is absent or invalid, in English for logs; map `problem` for users. */
  reason?: string;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

export async function verifySealedPdf(bytes: Uint8Array, identity?: { certificate: Pick<SealCertificateInfo, 'fingerprintSha256'> }): Promise<SealVerification> {
  const ids = await readDocumentIds(bytes);
  const result = (fields: Partial<SealVerification>): SealVerification => ({
    sealPresent: false, sealValid: false, coversWholeDocument: false, signedByPlatform: false, ...ids, ...fields,
  });
  const text = latin1(bytes);
  const ranges = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  if (ranges.length === 0) return result({ problem: 'NO_SEAL', reason: 'no seal: the PDF has no signature ByteRange' });
  if (ranges.length > 1) return result({ sealPresent: true, problem: 'MULTIPLE_SEALS', reason: 'more than one signature: the platform seals exactly once' });
  const [a, b, c, d] = ranges[0].slice(1, 5).map(Number);

  // The gap must be exactly the hex <...> of /Contents and the ranges must reach both ends.
  const gap = text.slice(b, c);
  const isHexContents = /^<[0-9a-fA-F]*>$/.test(gap);
  const coversWholeDocument = a === 0 && c > b && c + d === bytes.length && isHexContents;
  if (!isHexContents) return result({ sealPresent: true, problem: 'MALFORMED', reason: 'ByteRange gap is not the signature contents' });

  let cms: forge.pkcs7.PkcsSignedData;
  try {
    const der = Buffer.from(gap.slice(1, -1), 'hex');
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')), { parseAllBytes: false } as never);
    cms = forge.pkcs7.messageFromAsn1(asn1) as forge.pkcs7.PkcsSignedData;
  } catch (error) {
    return result({ sealPresent: true, coversWholeDocument, problem: 'MALFORMED', reason: `cannot parse the PKCS#7 signature: ${(error as Error).message}` });
  }
  const signerInfo = readSignerInfo(cms);
  if (!signerInfo) return result({ sealPresent: true, coversWholeDocument, problem: 'MALFORMED', reason: 'no signer in the PKCS#7 signature' });
  const cert = cms.certificates.find((candidate) => forge.util.bytesToHex(forge.util.hexToBytes(candidate.serialNumber)) === signerInfo.serialHex);
  if (!cert) return result({ sealPresent: true, coversWholeDocument, problem: 'MALFORMED', reason: 'the signing certificate is not embedded' });

  const certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const fingerprint = createHash('sha256').update(certDer).digest('hex');
  const described = {
    sealPresent: true,
    coversWholeDocument,
    signerSubject: formatDistinguishedName(cert.subject.attributes),
    issuer: formatDistinguishedName(cert.issuer.attributes),
    certificateFingerprintSha256: fingerprint,
    signedByPlatform: identity ? identity.certificate.fingerprintSha256 === fingerprint : false,
    signedAt: signerInfo.signingTime?.toISOString(),
  };
  if (!coversWholeDocument) return result({ ...described, problem: 'PARTIAL_COVERAGE', reason: 'the seal does not cover the whole file (bytes were added or removed)' });

  const signed = Buffer.concat([Buffer.from(bytes.subarray(a, a + b)), Buffer.from(bytes.subarray(c, c + d))]);
  const digest = createHash('sha256').update(signed).digest();
  if (signerInfo.digestOid !== forge.pki.oids.sha256) return result({ ...described, problem: 'MALFORMED', reason: 'unsupported digest algorithm' });
  if (!signerInfo.messageDigest || !digest.equals(signerInfo.messageDigest)) {
    return result({ ...described, problem: 'DIGEST_MISMATCH', reason: 'the document was changed after sealing (digest mismatch)' });
  }
  const publicKey = createPublicKey(forge.pki.certificateToPem(cert));
  const isSignatureValid = verifySignature('sha256', signerInfo.signedAttributesDer, publicKey, signerInfo.signature);
  if (!isSignatureValid) return result({ ...described, problem: 'BAD_SIGNATURE', reason: 'the seal signature does not match its certificate' });
  return result({ ...described, sealValid: true });
}

interface SignerInfoParts {
  serialHex: string;
  digestOid: string;
  messageDigest?: Buffer;
  signingTime?: Date;
  /** The authenticated attributes re-tagged as a SET OF: what RFC 5652 says is signed. */
  signedAttributesDer: Buffer;
  signature: Buffer;
}

/** Reads the first SignerInfo (forge parses but does not expose or verify it). */
function readSignerInfo(cms: forge.pkcs7.PkcsSignedData): SignerInfoParts | undefined {
  const raw = (cms as unknown as { rawCapture?: { signerInfos?: forge.asn1.Asn1[] } }).rawCapture?.signerInfos?.[0];
  if (!raw || !Array.isArray(raw.value)) return undefined;
  const parts = raw.value as forge.asn1.Asn1[];
  const issuerAndSerial = parts[1].value as forge.asn1.Asn1[];
  const serialHex = forge.util.bytesToHex(issuerAndSerial[1].value as string);
  const digestOid = forge.asn1.derToOid((parts[2].value as forge.asn1.Asn1[])[0].value as string);
  const attrs = parts.find((p) => p.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signatureNode = parts.find((p, i) => i > 2 && p.tagClass === forge.asn1.Class.UNIVERSAL && p.type === forge.asn1.Type.OCTETSTRING);
  if (!attrs || !signatureNode) return undefined;
  let messageDigest: Buffer | undefined;
  let signingTime: Date | undefined;
  for (const attr of attrs.value as forge.asn1.Asn1[]) {
    const [oidNode, valuesNode] = attr.value as forge.asn1.Asn1[];
    const oid = forge.asn1.derToOid(oidNode.value as string);
    const value = (valuesNode.value as forge.asn1.Asn1[])[0];
    if (oid === forge.pki.oids.messageDigest) messageDigest = Buffer.from(value.value as string, 'binary');
    if (oid === forge.pki.oids.signingTime) {
      signingTime = value.type === forge.asn1.Type.UTCTIME ? forge.asn1.utcTimeToDate(value.value as string) : forge.asn1.generalizedTimeToDate(value.value as string);
    }
  }
  const asSet = forge.asn1.create(forge.asn1.Class.UNIVERSAL, forge.asn1.Type.SET, true, attrs.value as forge.asn1.Asn1[]);
  return {
    serialHex,
    digestOid,
    messageDigest,
    signingTime,
    signedAttributesDer: Buffer.from(forge.asn1.toDer(asSet).getBytes(), 'binary'),
    signature: Buffer.from(signatureNode.value as string, 'binary'),
  };
}

/** The ids Saksi wrote into a PDF's metadata; empty if the file is not Saksi's or unreadable. */
export async function readDocumentIds(bytes: Uint8Array): Promise<Pick<SealVerification, 'agreementId' | 'ceremonyId' | 'originalSha256' | 'documentKind'>> {
  try {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true, throwOnInvalidObject: false });
    const ids = parseKeywords(doc.getKeywords());
    return { agreementId: ids.agreementId, ceremonyId: ids.ceremonyId, originalSha256: ids.originalSha256, documentKind: ids.kind };
  } catch {
    return {};
  }
}
