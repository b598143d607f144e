// Shared inputs for the documents tests and bench: the three Unicode names the brief requires.
import { deflateSync } from 'node:zlib';
import type { AgreementDocumentInput, StampSignature } from '../../../server/documents/types';
import type { Party, Room } from '../../../shared/domain/types';

export const CEREMONY = { id: 'cer-2021-01-18', title: 'Penandatanganan Kemitraan PMA/PMDN dengan UMKM 2021', startsAt: '2021-01-18T03:00:00.000Z' };

export const ROOMS: Room[] = [
  { id: 'istana', name: 'Istana Negara', province: 'DKI Jakarta', regency: 'Kota Jakarta Pusat', timezone: 'WIB', isStage: true },
  { id: 'pandeglang', name: 'Ruang Pintar Setda Pandeglang', province: 'Banten', regency: 'Kabupaten Pandeglang', timezone: 'WIB' },
  { id: 'makassar', name: 'Ruang Rapat DPMPTSP Sulawesi Selatan', province: 'Sulawesi Selatan', regency: 'Kota Makassar', timezone: 'WITA' },
  { id: 'jayapura', name: 'Ruang DPMPTSP Papua', province: 'Papua', regency: 'Kota Jayapura', timezone: 'WIT' },
];

export const PARTIES: Party[] = [
  { id: 'p-ṭandiara', kind: 'PMA', name: 'PT Ṭandiara Ūtama Indonesia', sector: 'Industri pengolahan kopi', province: 'DKI Jakarta', room: 'istana', representative: { name: 'Hiroshi Tanaka', title: 'Presiden Direktur' } },
  { id: 'p-zainal', kind: 'UMKM', name: 'Bengkel Las Ẓainal & Putra', sector: 'Pengelasan dan konstruksi logam', province: 'Banten', room: 'pandeglang', representative: { name: 'Ẓainal Abidin', title: 'Pemilik' } },
  { id: 'p-jin', kind: 'UMKM', name: 'Toko 金 Makmur', sector: 'Perdagangan eceran', province: 'Sulawesi Selatan', room: 'makassar', representative: { name: 'Lim Jin Makmur', title: 'Pemilik' } },
  { id: 'p-gayo', kind: 'UMKM', name: "Kopi Gayo Mu'min", sector: 'Perkebunan kopi', province: 'Papua', room: 'jayapura', representative: { name: "Mu'min Gayo", title: 'Ketua Koperasi' } },
];

export function agreementInput(overrides: Partial<AgreementDocumentInput['agreement']> = {}): AgreementDocumentInput {
  return {
    ceremony: CEREMONY,
    agreement: { id: 'AGR-001', title: 'Pasokan biji kopi dan pengolahan pascapanen', parties: PARTIES.map((p) => p.id), valueIdr: 12_500_000_000, ...overrides },
    parties: PARTIES,
    rooms: ROOMS,
  };
}

/** A real PNG of a scribble (RGBA, with transparency), built without any image library. */
export function signaturePng(width = 240, height = 80): Uint8Array {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) raw[y * (width * 4 + 1)] = 0;
  const plot = (x: number, y: number) => {
    for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
      const px = Math.round(x) + dx;
      const py = Math.round(y) + dy;
      if (px < 0 || py < 0 || px >= width || py >= height) continue;
      const o = py * (width * 4 + 1) + 1 + px * 4;
      raw[o] = 20; raw[o + 1] = 30; raw[o + 2] = 110; raw[o + 3] = 255;
    }
  };
  for (let t = 0; t < 1; t += 0.0008) plot(10 + t * (width - 20), height / 2 + Math.sin(t * 18) * (height / 3) * (1 - t * 0.5));
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; ihdr[9] = 6;
  return new Uint8Array(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]));
}

const hex = (c: string) => c.repeat(64);

/** Signatures for all four parties: PMA drawn, Ẓainal drawn, 金 typed, Gayo typed. */
export function stampSignatures(input: AgreementDocumentInput): StampSignature[] {
  const times = ['2021-01-18T03:15:07.000Z', '2021-01-18T03:16:40.000Z', '2021-01-18T03:17:02.000Z', '2021-01-18T03:18:59.000Z'];
  const timeOf = (i: number) => times[i] ?? new Date(Date.parse(times[3]) + (i - 3) * 61_000).toISOString();
  return input.parties.map((party, i) => {
    const room = input.rooms.find((r) => r.id === party.room)!;
    const typed = i >= 2;
    return {
      party,
      room,
      record: {
        agreementId: input.agreement.id,
        partyId: party.id,
        kind: typed ? 'typed' : 'drawn',
        signerName: party.representative.name,
        signerTitle: party.representative.title,
        roomId: room.id,
        timezone: room.timezone,
        signedAt: timeOf(i),
        typedText: typed ? party.name : undefined,
        imageSha256: typed ? undefined : hex('ab'),
      },
      image: typed ? undefined : signaturePng(),
      evidence: { ipRecorded: true, userAgentHash: hex('c'), tokenId: `jti-${party.id}` },
    };
  });
}

/** A ceremony's worth of minutes input: `count` agreements over the fixture rooms. */
export function beritaAcaraInput(count: number): import('../../../server/record/berita-acara-input').BeritaAcaraInput {
  const kinds = ['PMA', 'PMDN'] as const;
  return {
    number: 'BA-01/SETNEG-BKPM/I/2021',
    place: 'Istana Negara, Jakarta',
    verifyUrl: 'https://saksi.example.id/v/ba/cer-2021-01-18',
    ceremony: { ...CEREMONY, closedAt: '2021-01-18T05:30:00.000Z' },
    timezone: 'WIB',
    organizers: [
      { name: 'Dr. Ir. Sekretaris Negara', title: 'Menteri Sekretaris Negara', institution: 'Kementerian Sekretariat Negara' },
      { name: 'Kepala BKPM', title: 'Kepala Badan', institution: 'Badan Koordinasi Penanaman Modal', nip: '196801011990031001' },
    ],
    witness: { name: 'Presiden Republik Indonesia', title: 'Presiden', institution: 'Istana Kepresidenan' },
    rooms: ROOMS.map((room, i) => ({ room, present: i !== 3, firstJoinedAt: i !== 3 ? `2021-01-18T02:${10 + i}:00.000Z` : undefined })),
    agreements: Array.from({ length: count }, (_, i) => {
      const room = ROOMS[i % ROOMS.length];
      return {
        id: `AGR-${String(i + 1).padStart(3, '0')}`,
        title: `Kemitraan pasokan ${i + 1}`,
        parties: [
          { name: i === 0 ? 'PT Ṭandiara Ūtama Indonesia' : `PT Investasi ${kinds[i % 2]} ${i + 1}`, kind: kinds[i % 2] },
          { name: i === 1 ? 'Toko 金 Makmur' : i === 2 ? 'Bengkel Las Ẓainal & Putra' : `UMKM Mitra ${i + 1}`, kind: 'UMKM' as const },
        ],
        // 196 × ~7.65 miliar ≈ Rp1,5 triliun; the last one makes the total exact.
        valueIdr: i === count - 1 ? 1_500_000_000_000 - 7_650_000_000 * (count - 1) : 7_650_000_000,
        signedAt: i === count - 1 && count > 3 ? undefined : `2021-01-18T0${3 + Math.floor(i / 60)}:${String(i % 60).padStart(2, '0')}:00.000Z`,
        timezone: room.timezone,
      };
    }),
  };
}
