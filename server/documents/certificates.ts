// The seal's identity. Either the operator supplies a PKCS#12 (e.g. from a licensed PSrE), or on
// first start we create a ceremony CA and a sealing certificate issued by it and keep them under
// dataDir/seal/ so every later start seals with the same certificate. Keys are made with
// node:crypto (forge's pure-JS RSA key generation takes seconds); forge builds the X.509 and
// node:crypto signs it (forge's RSA signature alone took ~0.3 s per certificate).
import { createHash, generateKeyPair, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';

export interface SealCertificateInfo {
  subject: string;
  issuer: string;
  /** SHA-256 of the certificate's DER, hex. */
  fingerprintSha256: string;
  serialNumber: string;
  validFrom: string;
  validTo: string;
  /** The sealing certificate signs itself (no CA at all). */
  isSelfSigned: boolean;
  /** Issued by the CA Saksi created on first start (not by a licensed provider). */
  isPlatformIssued: boolean;
  source: 'generated' | 'operator-p12';
}

export interface SealIdentity {
  privateKeyPem: string;
  certificatePem: string;
  /** Issuer certificates, nearest first (embedded in each seal). */
  chainPem: string[];
  certificate: SealCertificateInfo;
}

export interface SealIdentityOptions {
  dataDir: string;
  p12Path?: string;
  p12Passphrase?: string;
  /** For the validity period of generated certificates. */
  now?: () => Date;
}

const PLATFORM_ORG = 'Saksi';
const CA_COMMON_NAME = 'Saksi Ceremony CA';
const SEAL_COMMON_NAME = 'Saksi Platform Seal';

export async function loadOrCreateSealIdentity(options: SealIdentityOptions): Promise<SealIdentity> {
  if (options.p12Path) return loadP12Identity(readFileSync(options.p12Path), options.p12Passphrase ?? '');
  const files = sealFiles(options.dataDir);
  if (!existsSync(files.key) || !existsSync(files.cert) || !existsSync(files.caCert)) {
    const created = createPlatformIdentity((options.now ?? (() => new Date()))(), await generatePlatformKeys());
    mkdirSync(files.dir, { recursive: true, mode: 0o700 });
    writeSecret(files.caKey, created.caKeyPem);
    writeFileSync(files.caCert, created.caCertPem);
    writeSecret(files.key, created.keyPem);
    writeFileSync(files.cert, created.certPem);
  }
  return identityFromPem(readFileSync(files.key, 'utf8'), readFileSync(files.cert, 'utf8'), [readFileSync(files.caCert, 'utf8')], 'generated');
}

function sealFiles(dataDir: string) {
  const dir = join(dataDir, 'seal');
  return { dir, caKey: join(dir, 'ca-key.pem'), caCert: join(dir, 'ca-cert.pem'), key: join(dir, 'seal-key.pem'), cert: join(dir, 'seal-cert.pem'), p12: join(dir, 'seal.p12') };
}

/**
 * The generated identity also as PKCS#12 (empty passphrase, protected by file mode) for other
 * tools, written when missing. Not on the way to listening: forge's PKCS#12 (key derivation and
 * 3DES in JavaScript) takes ~0.1 s of the main thread, so the server writes it once it has started.
 * True if it wrote the file.
 */
export function writeSealP12IfMissing(dataDir: string): boolean {
  const files = sealFiles(dataDir);
  if (existsSync(files.p12) || !existsSync(files.key) || !existsSync(files.cert) || !existsSync(files.caCert)) return false;
  writeSecret(files.p12, toP12(readFileSync(files.key, 'utf8'), readFileSync(files.cert, 'utf8'), [readFileSync(files.caCert, 'utf8')]));
  return true;
}

function writeSecret(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { mode: 0o600 });
  chmodSync(path, 0o600);
}

interface KeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

const generateRsaKeyPair = promisify(generateKeyPair);

/**
 * The CA's and the seal's RSA keys, made at once on libuv's thread pool: on a first start this is
 * on the way to listening, and the two keys take ~0.2 s each on one core.
 */
export async function generatePlatformKeys(): Promise<{ ca: KeyPair; seal: KeyPair }> {
  const [ca, seal] = await Promise.all([generateRsaKeyPair('rsa', { modulusLength: 2048 }), generateRsaKeyPair('rsa', { modulusLength: 2048 })]);
  return { ca, seal };
}

export function createPlatformIdentity(
  now: Date,
  { ca, seal }: { ca: KeyPair; seal: KeyPair } = { ca: generateKeyPairSync('rsa', { modulusLength: 2048 }), seal: generateKeyPairSync('rsa', { modulusLength: 2048 }) },
) {
  const caKeyPem = ca.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyPem = seal.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const caName = [{ name: 'commonName', value: CA_COMMON_NAME }, { name: 'organizationName', value: PLATFORM_ORG }, { name: 'countryName', value: 'ID' }];
  const sealName = [{ name: 'commonName', value: SEAL_COMMON_NAME }, { name: 'organizationName', value: PLATFORM_ORG }, { name: 'countryName', value: 'ID' }];

  const caCert = forge.pki.createCertificate();
  caCert.publicKey = forge.pki.publicKeyFromPem(ca.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  caCert.serialNumber = serial();
  caCert.validity.notBefore = new Date(now.getTime() - 86_400_000);
  caCert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  caCert.setSubject(caName);
  caCert.setIssuer(caName);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(caCert, ca.privateKey);

  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(seal.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 86_400_000);
  cert.validity.notAfter = new Date(now.getTime() + 5 * 365 * 86_400_000);
  cert.setSubject(sealName);
  cert.setIssuer(caName);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(cert, ca.privateKey);
  return { caKeyPem, caCertPem: forge.pki.certificateToPem(caCert), keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/**
 * forge's `cert.sign(key, sha256)`, with the RSA signature made by node:crypto (OpenSSL) rather
 * than forge's JavaScript RSA, which took ~0.3 s per certificate on the main thread at a first
 * start (more under load). The same bytes: PKCS#1 v1.5 signatures are deterministic.
 */
function signCertificate(cert: forge.pki.Certificate, issuerKey: KeyObject): void {
  cert.md = forge.md.sha256.create();
  cert.signatureOid = cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  // In forge's API, not in its type declarations.
  cert.tbsCertificate = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.md.update(tbs.toString('binary'));
  cert.signature = sign('sha256', tbs, issuerKey).toString('binary');
}

/** A positive serial number: 16 random bytes with the top bit cleared. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function toP12(keyPem: string, certPem: string, chainPem: string[]): Uint8Array {
  const asn1 = forge.pkcs12.toPkcs12Asn1(
    forge.pki.privateKeyFromPem(keyPem),
    [certPem, ...chainPem].map((pem) => forge.pki.certificateFromPem(pem)),
    '',
    { algorithm: '3des', friendlyName: SEAL_COMMON_NAME },
  );
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

/** Loads an operator's PKCS#12: the key, the certificate matching it, and the rest as chain. */
export function loadP12Identity(bytes: Uint8Array, passphrase: string): SealIdentity {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(bytes).toString('binary')), passphrase);
  const keyBags = [
    ...(p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag] ?? []),
    ...(p12.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag] ?? []),
  ];
  const key = keyBags.find((bag) => bag.key)?.key as forge.pki.rsa.PrivateKey | undefined;
  if (!key) throw new Error('PKCS#12 has no RSA private key');
  const certs = (p12.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).flatMap((bag) => (bag.cert ? [bag.cert] : []));
  const own = certs.find((c) => (c.publicKey as forge.pki.rsa.PublicKey).n.equals(key.n));
  if (!own) throw new Error('PKCS#12 has no certificate for its private key');
  const chain = certs.filter((c) => c !== own).map((c) => forge.pki.certificateToPem(c));
  return identityFromPem(forge.pki.privateKeyToPem(key), forge.pki.certificateToPem(own), chain, 'operator-p12');
}

export function identityFromPem(privateKeyPem: string, certificatePem: string, chainPem: string[], source: SealCertificateInfo['source']): SealIdentity {
  return { privateKeyPem, certificatePem, chainPem, certificate: describeCertificate(certificatePem, source) };
}

export function formatDistinguishedName(attributes: forge.pki.CertificateField[]): string {
  const short: Record<string, string> = { commonName: 'CN', organizationName: 'O', organizationalUnitName: 'OU', countryName: 'C', localityName: 'L', stateOrProvinceName: 'ST', emailAddress: 'E' };
  return attributes.map((a) => `${(a.name && short[a.name]) ?? a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(', ');
}

export function describeCertificate(certificatePem: string, source: SealCertificateInfo['source']): SealCertificateInfo {
  const cert = forge.pki.certificateFromPem(certificatePem);
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const issuerCn = cert.issuer.getField('CN')?.value;
  return {
    subject: formatDistinguishedName(cert.subject.attributes),
    issuer: formatDistinguishedName(cert.issuer.attributes),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    serialNumber: cert.serialNumber,
    validFrom: cert.validity.notBefore.toISOString(),
    validTo: cert.validity.notAfter.toISOString(),
    isSelfSigned: cert.isIssuer(cert),
    isPlatformIssued: source === 'generated' || issuerCn === CA_COMMON_NAME,
    source,
  };
}

/** What the verification page should say about the seal's trust chain (id first, then en). */
export function describeSealTrust(info: SealCertificateInfo): { id: string; en: string } {
  if (info.isPlatformIssued) {
    return {
      id: 'Segel dibuat dengan sertifikat milik platform Saksi sendiri, bukan dari PSrE berinduk. Pembaca PDF akan menampilkan "penerbit tidak dikenal"; keutuhan dokumen tetap dapat diperiksa di halaman ini. Tanda tangan ini sah sebagai tanda tangan elektronik tidak tersertifikasi (UU ITE Pasal 11).',
      en: 'The seal uses the Saksi platform\'s own certificate, not one from a licensed Indonesian provider (PSrE). PDF readers will show "issuer unknown"; the document\'s integrity can still be checked on this page. It is valid as an uncertified electronic signature (ITE Law art. 11).',
    };
  }
  if (info.isSelfSigned) {
    return {
      id: `Segel dibuat dengan sertifikat operator yang ditandatangani sendiri (${info.subject}), bukan dari PSrE berinduk. Pembaca PDF akan menampilkan "penerbit tidak dikenal"; keutuhan dokumen tetap dapat diperiksa di halaman ini.`,
      en: `The seal uses the operator's self-signed certificate (${info.subject}), not one from a licensed PSrE. PDF readers will show "issuer unknown"; the document's integrity can still be checked on this page.`,
    };
  }
  return {
    id: `Segel dibuat dengan sertifikat yang diterbitkan oleh ${info.issuer}. Jika penerbit ini PSrE berinduk dan dipercaya oleh pembaca PDF Anda, segel ditampilkan sebagai tepercaya.`,
    en: `The seal uses a certificate issued by ${info.issuer}. If this issuer is a licensed PSrE trusted by your PDF reader, the seal is shown as trusted.`,
  };
}
