// Cluster mode's secrets: the invite secret, the evidence key, the organizer credential (unless
// ORGANIZER_TOKEN is set) and the generated seal identity live in the database, so every node
// signs and checks the same invite links and seals with the same certificate. The first node to
// start stores its candidates (store.sharedSecret is insert-if-absent), the others read them.
// They are encrypted with AES-256-GCM under SECRETS_KEY, which never reaches the database; the
// secret's name is the additional authenticated data, so a value cannot be moved to another name.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { CeremonyStore } from '../persistence/store-contract';
import { createPlatformIdentity, identityFromPem, loadP12Identity, type SealIdentity } from '../documents/certificates';
import { readFileSync } from 'node:fs';
import type { Secrets } from '../security/secrets';

type SecretStore = Pick<CeremonyStore, 'sharedSecret'>;

const FORMAT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function encryptSecret(key: Buffer, name: string, plain: Uint8Array): Uint8Array {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT), iv, cipher.getAuthTag(), body]);
}

export function decryptSecret(key: Buffer, name: string, sealed: Uint8Array): Buffer {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES || bytes[0] !== FORMAT) throw new Error(`shared secret ${name}: unknown format`);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(Buffer.from(name, 'utf8'));
  decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new Error(
      `Rahasia bersama "${name}" tidak dapat dibuka: SECRETS_KEY berbeda dari node yang menyimpannya / ` +
        `shared secret "${name}" cannot be opened: SECRETS_KEY differs from the one the cluster stored it with`,
    );
  }
}

/** The stored value of `name`, or `create()`'s if this node is the first to ask. */
export async function sharedValue(store: SecretStore, key: Buffer, name: string, create: () => Uint8Array): Promise<Buffer> {
  const stored = await store.sharedSecret(name, encryptSecret(key, name, create()));
  return decryptSecret(key, name, stored);
}

export async function loadSharedSecrets(store: SecretStore, key: Buffer, organizerTokenFromEnv?: string): Promise<Secrets> {
  const inviteSecret = await sharedValue(store, key, 'invite-secret', () => randomBytes(32));
  const evidenceKey = await sharedValue(store, key, 'evidence-key', () => randomBytes(32));
  const organizerToken =
    organizerTokenFromEnv ||
    (await sharedValue(store, key, 'organizer-token', () => Buffer.from(randomBytes(24).toString('base64url')))).toString('utf8');
  return { organizerToken, inviteSecret, evidenceKey };
}

/** The operator's PKCS#12 (a file every node mounts) or the cluster's generated ceremony CA and seal. */
export async function loadSharedSealIdentity(
  store: SecretStore,
  key: Buffer,
  options: { p12Path?: string; p12Passphrase?: string; now?: () => Date },
): Promise<SealIdentity> {
  if (options.p12Path) return loadP12Identity(readFileSync(options.p12Path), options.p12Passphrase ?? '');
  const json = await sharedValue(store, key, 'seal-identity', () => {
    const created = createPlatformIdentity((options.now ?? (() => new Date()))());
    return Buffer.from(JSON.stringify(created));
  });
  const parsed = JSON.parse(json.toString('utf8')) as { caCertPem: string; keyPem: string; certPem: string };
  return identityFromPem(parsed.keyPem, parsed.certPem, [parsed.caCertPem], 'generated');
}
