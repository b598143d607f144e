// A small ceremony as the server would send it: two regional rooms plus the stage, three
// agreements between large companies and UMKM.
import type { Agreement, Ceremony, Tally } from '../../../shared/domain/types';
import type { CeremonyView } from '../../../shared/protocol/views';

export const T0 = '2021-01-18T03:00:00.000Z'; // 10.00 WIB

export function makeCeremony(overrides: Partial<Ceremony> = {}): Ceremony {
  const agreements: Agreement[] = [
    { id: 'ag-1', title: 'Kemitraan Pasokan Kopi', parties: ['pma-1', 'umkm-1'], valueIdr: 250_000_000_000, status: 'pending', signatures: {} },
    { id: 'ag-2', title: 'Kemitraan Logistik Laut', parties: ['pmdn-1', 'umkm-2'], valueIdr: 500_000_000_000, status: 'pending', signatures: {} },
    { id: 'ag-3', title: 'Kemitraan Kemasan Makanan', parties: ['pma-1', 'umkm-3'], valueIdr: 750_000_000_000, status: 'pending', signatures: {} },
  ];
  return {
    id: 'cer-1',
    title: 'Penandatanganan Kemitraan PMA/PMDN dengan UMKM',
    startsAt: T0,
    phase: 'signing',
    createdAt: T0,
    rooms: [
      { id: 'stage', name: 'Istana Negara', province: 'DKI Jakarta', regency: 'Kota Jakarta Pusat', timezone: 'WIB', isStage: true },
      { id: 'pandeglang', name: 'Ruang Pintar Pandeglang', province: 'Banten', regency: 'Kabupaten Pandeglang', timezone: 'WIB' },
      { id: 'makassar', name: 'DPMPTSP Sulawesi Selatan', province: 'Sulawesi Selatan', regency: 'Kota Makassar', timezone: 'WITA' },
    ],
    parties: [
      { id: 'pma-1', kind: 'PMA', name: 'PT Nusantara Global', sector: 'Makanan', province: 'DKI Jakarta', room: 'stage', representative: { name: 'Budi Santoso', title: 'Direktur Utama' } },
      { id: 'pmdn-1', kind: 'PMDN', name: 'PT Samudra Raya', sector: 'Logistik', province: 'DKI Jakarta', room: 'stage', representative: { name: 'Sri Wahyuni', title: 'Direktur' } },
      { id: 'umkm-1', kind: 'UMKM', name: 'CV Kopi Pandeglang', sector: 'Kopi', province: 'Banten', room: 'pandeglang', representative: { name: 'Ahmad Fauzi', title: 'Pemilik' } },
      { id: 'umkm-2', kind: 'UMKM', name: 'UD Bahari Makassar', sector: 'Perikanan', province: 'Sulawesi Selatan', room: 'makassar', representative: { name: 'Andi Nurhaliza', title: 'Pemilik' } },
      { id: 'umkm-3', kind: 'UMKM', name: 'CV Kemas Banten', sector: 'Kemasan', province: 'Banten', room: 'pandeglang', representative: { name: 'Dewi Lestari', title: 'Direktur' } },
    ],
    agreements,
    waves: [],
    timeline: { lobbyOpenedAt: '2021-01-18T02:50:00.000Z', signingStartedAt: '2021-01-18T02:59:00.000Z' },
    ...overrides,
  };
}

export function makeTally(overrides: Partial<Tally> = {}): Tally {
  return {
    ceremonyId: 'cer-1',
    phase: 'signing',
    agreementsTotal: 3,
    agreementsSigned: 0,
    agreementsStamped: 0,
    valueTotalIdr: 1_500_000_000_000,
    valueSignedIdr: 0,
    byKind: { PMA: { total: 1, signed: 0 }, PMDN: { total: 1, signed: 0 }, UMKM: { total: 3, signed: 0 } },
    byProvince: [
      { province: 'Banten', agreementsTotal: 2, agreementsSigned: 0, valueTotalIdr: 1_000_000_000_000, valueSignedIdr: 0 },
      { province: 'Sulawesi Selatan', agreementsTotal: 1, agreementsSigned: 0, valueTotalIdr: 500_000_000_000, valueSignedIdr: 0 },
    ],
    latestSignings: [],
    updatedAt: T0,
    ...overrides,
  };
}

export function makeView(overrides: Partial<CeremonyView> = {}): CeremonyView {
  return {
    ceremony: makeCeremony(),
    presence: [
      { roomId: 'stage', online: true, connections: 1, since: T0 },
      { roomId: 'pandeglang', online: true, connections: 2, since: '2021-01-18T02:55:00.000Z' },
      { roomId: 'makassar', online: false, connections: 0, since: '2021-01-18T02:58:00.000Z' },
    ],
    tally: makeTally(),
    you: { role: 'organizer', ceremonyId: 'cer-1' },
    activity: [],
    serverTime: T0,
    version: 10,
    ...overrides,
  };
}
