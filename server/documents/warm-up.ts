// Sample agreements a stamping worker stamps and seals for nothing while it is idle, so that V8
// has compiled (TurboFan) the stamping code before the first real signature. A fresh worker
// isolate runs pdf-lib's parser, fontkit's shaping, the QR encoder and the seal in its
// interpreter and baseline code first: in a cold 196-agreement burst the two stamping workers
// used ~16 ms of CPU per stamp instead of ~10 ms, and V8's compiler threads another ~1.9 s of CPU
// compiling the same ~400 functions in each isolate, all on the cores the signing needed. The
// samples go down the same paths as a ceremony's agreements: two parties in different zones, a
// drawn signature (a different image each time, decoded by the strict decoder) and a typed one,
// non-Latin names, the certificate page, the QR code and the seal. Nothing made here is kept.
import { encodeRgbaPng } from '../images/png-encode';
import { sha256Hex } from '../security/sha256';
import type { Party, Room } from '../../shared/domain/types';
import type { AgreementDocumentInput, FinalizeAgreementInput, StampSignature } from './types';

const ROOMS: Room[] = [
  { id: 'warm-istana', name: 'Istana Negara', province: 'DKI Jakarta', regency: 'Kota Jakarta Pusat', timezone: 'WIB', isStage: true },
  { id: 'warm-makassar', name: 'Ruang Rapat DPMPTSP Sulawesi Selatan', province: 'Sulawesi Selatan', regency: 'Kota Makassar', timezone: 'WITA' },
];

const PARTIES: Party[] = [
  { id: 'warm-pma', kind: 'PMA', name: 'PT Ṭandiara Ūtama Indonesia', sector: 'Industri pengolahan kopi', province: 'DKI Jakarta', room: 'warm-istana', representative: { name: 'Hiroshi Tanaka', title: 'Presiden Direktur' } },
  { id: 'warm-umkm', kind: 'UMKM', name: 'Toko 金 Makmur', sector: 'Perdagangan eceran', province: 'Sulawesi Selatan', room: 'warm-makassar', representative: { name: 'Lim Jin Makmur', title: 'Pemilik' } },
];

export const WARM_UP_DOCUMENT: AgreementDocumentInput = {
  ceremony: { id: 'warm-up', title: 'Penandatanganan Kemitraan PMA/PMDN dengan UMKM', startsAt: '2021-01-18T03:00:00.000Z' },
  agreement: { id: 'WARM-001', title: 'Pasokan biji kopi dan pengolahan pascapanen', parties: PARTIES.map((p) => p.id), valueIdr: 7_650_000_000 },
  parties: PARTIES,
  rooms: ROOMS,
};

/** A scribble like a drawn signature (RGBA on transparency), different for every `seed`. */
export function warmUpSignaturePng(seed: number, width = 240, height = 80): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let t = 0; t < 1; t += 0.002) {
    const x = Math.round(10 + t * (width - 20));
    const y = Math.round(height / 2 + Math.sin(t * (12 + (seed % 7))) * (height / 3) * (1 - t / 2));
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const o = ((y + dy) * width + x + dx) * 4;
        rgba.set([20, 30, 110, 255], o);
      }
    }
  }
  return encodeRgbaPng({ width, height, rgba });
}

/** The n-th sample: the PMA party draws (a new image each time), the UMKM party draws or types in turn. */
export function warmUpInput(original: Uint8Array, n: number): FinalizeAgreementInput {
  const at = Date.parse('2021-01-18T03:15:00.000Z') + n * 61_000;
  const signatures: StampSignature[] = PARTIES.map((party, i) => {
    const drawn = i === 0 || n % 2 === 0;
    return sampleSignature({
      agreementId: WARM_UP_DOCUMENT.agreement.id,
      party,
      room: ROOMS.find((r) => r.id === party.room)!,
      signedAt: new Date(at + i * 7_000).toISOString(),
      ...(drawn ? { image: warmUpSignaturePng(n * 2 + i) } : { typedText: party.name }),
      evidenceSeed: `warm-up ${n}`,
      tokenId: `warm-${n}-${i}`,
    });
  });
  return {
    document: WARM_UP_DOCUMENT,
    original,
    originalSha256: sha256Hex(original),
    signatures,
    verifyUrl: `https://saksi.invalid/verify/warm-up/WARM-001?n=${n}`,
  };
}

/** A stamp input's signature made up for a sample (warm-up, benches): drawn with `image`, else typed. */
export function sampleSignature(sample: {
  agreementId: string;
  party: Party;
  room: Room;
  signedAt: string;
  image?: Uint8Array;
  typedText?: string;
  evidenceSeed: string;
  tokenId: string;
}): StampSignature {
  const { party, room, image } = sample;
  return {
    party,
    room,
    record: {
      agreementId: sample.agreementId,
      partyId: party.id,
      kind: image ? 'drawn' : 'typed',
      signerName: party.representative.name,
      signerTitle: party.representative.title,
      roomId: room.id,
      timezone: room.timezone,
      signedAt: sample.signedAt,
      ...(image ? { imageSha256: sha256Hex(image) } : { typedText: sample.typedText ?? party.representative.name }),
    },
    ...(image ? { image } : {}),
    evidence: { ipRecorded: true, userAgentHash: sha256Hex(sample.evidenceSeed), tokenId: sample.tokenId },
  };
}
