// The seal's CMS SignedData (RFC 5652; PDF subfilter adbe.pkcs7.detached), written directly as
// DER. Everything but the signed attributes and the signature is the same for every seal of a
// sealer, so it is encoded once; per seal this hashes the attributes and does one RSA operation
// in node:crypto. (node-forge built the whole structure as ASN.1 objects for every seal, about as
// much CPU as the RSA signature itself.) The result is read back by verify.ts with node-forge.
import { constants, createHash, privateEncrypt, type KeyObject } from 'node:crypto';
import forge from 'node-forge';

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
};

function length(n: number): number[] {
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return n < 0x80 ? [n] : [0x80 | bytes.length, ...bytes];
}

/** One DER element: tag, length, contents. */
function tlv(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag, ...length(body.length)]), body]);
}

const SEQUENCE = 0x30;
const SET = 0x31;
const oid = (dotted: string) => Buffer.from(forge.asn1.oidToDer(dotted).getBytes(), 'binary');
const oidElement = (dotted: string) => tlv(0x06, oid(dotted));
const NULL = Buffer.from([0x05, 0x00]);
const derOf = (node: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');

/** UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5280, 4.1.2.5), to the second. */
function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(digits.slice(2), 'latin1')) : tlv(0x18, Buffer.from(digits, 'latin1'));
}

/** DER prefix of a DigestInfo for SHA-256 (RFC 8017, section 9.2, note 1). */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export type CmsSign = (content: Uint8Array, signingTime: Date) => Buffer;

/** Signs with `key` as the first of `certificatesPem` (the rest is its chain, carried along). */
export function createCmsSigner(key: KeyObject, certificatesPem: string[]): CmsSign {
  const certificates = certificatesPem.map((pem) => forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem)));
  // tbsCertificate: [0] version, serialNumber, signature, issuer, ...
  const tbs = certificates[0].value[0] as forge.asn1.Asn1;
  const [, serial, , issuer] = tbs.value as forge.asn1.Asn1[];
  const sha256 = tlv(SEQUENCE, oidElement(OID.sha256), NULL);
  const contentTypeAttribute = tlv(SEQUENCE, oidElement(OID.contentType), tlv(SET, oidElement(OID.data)));
  const signerIdentifier = Buffer.concat([
    tlv(0x02, Buffer.from([0x01])),
    tlv(SEQUENCE, derOf(issuer), derOf(serial)),
    sha256,
  ]);
  const signatureAlgorithm = tlv(SEQUENCE, oidElement(OID.rsaEncryption), NULL);
  const certificateSet = tlv(0xa0, ...certificates.map(derOf));
  const head = Buffer.concat([tlv(0x02, Buffer.from([0x01])), tlv(SET, sha256), tlv(SEQUENCE, oidElement(OID.data)), certificateSet]);

  return (content, signingTime) => {
    const digest = createHash('sha256').update(content).digest();
    // DER orders a SET OF by encoding: contentType, signingTime, messageDigest (by length).
    const attributes = [
      contentTypeAttribute,
      tlv(SEQUENCE, oidElement(OID.signingTime), tlv(SET, time(signingTime))),
      tlv(SEQUENCE, oidElement(OID.messageDigest), tlv(SET, tlv(0x04, digest))),
    ].sort(Buffer.compare);
    // What is signed is the attributes as a SET OF; in the SignerInfo they are tagged [0].
    const signedAttributes = tlv(SET, ...attributes);
    const attributesDigest = createHash('sha256').update(signedAttributes).digest();
    const signature = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO_PREFIX, attributesDigest]));
    const signerInfo = tlv(SEQUENCE, signerIdentifier, tlv(0xa0, ...attributes), signatureAlgorithm, tlv(0x04, signature));
    const signedData = tlv(SEQUENCE, head, tlv(SET, signerInfo));
    return tlv(SEQUENCE, oidElement(OID.signedData), tlv(0xa0, signedData));
  };
}
