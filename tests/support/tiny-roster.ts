// A small roster used across unit, integration and browser tests: three rooms in three zones
// (one is the stage), Unicode names, four agreements.
import type { TRoster } from '../../shared/protocol/schemas';

export function tinyRoster(id = 'uji-kecil'): TRoster {
  return {
    id,
    title: 'Penandatanganan Kemitraan PMA/PMDN dengan UMKM (uji)',
    startsAt: '2021-01-18T09:00:00+07:00',
    rooms: [
      { id: 'istana', name: 'Istana Kepresidenan Jakarta', province: 'DKI Jakarta', regency: 'Kota Jakarta Pusat', timezone: 'WIB', isStage: true },
      { id: 'pandeglang', name: 'Ruang Pintar Setda Pandeglang', province: 'Banten', regency: 'Kabupaten Pandeglang', timezone: 'WIB' },
      { id: 'makassar', name: 'Ruang Rapat DPMPTSP Sulawesi Selatan', province: 'Sulawesi Selatan', regency: 'Kota Makassar', timezone: 'WITA' },
    ],
    parties: [
      { id: 'pma-01', kind: 'PMA', name: 'PT Contoh Investama', sector: 'Agribisnis', province: 'Banten', room: 'pandeglang', representative: { name: 'Budi Santoso', title: 'Direktur Utama' } },
      { id: 'pmdn-01', kind: 'PMDN', name: 'PT Nusantara Kakao Lestari', sector: 'Kakao', province: 'Sulawesi Selatan', room: 'makassar', representative: { name: 'Andi Rahmawati', title: 'Presiden Direktur' } },
      { id: 'umkm-001', kind: 'UMKM', name: 'Bengkel Las Ẓainal & Putra', sector: 'Logam', province: 'Banten', room: 'pandeglang', representative: { name: 'Zainal Abidin', title: 'Pemilik' } },
      { id: 'umkm-002', kind: 'UMKM', name: 'Toko 金 Makmur', sector: 'Makanan olahan', province: 'Sulawesi Selatan', room: 'makassar', representative: { name: 'Lim Swie Hoa', title: 'Pemilik' } },
      { id: 'umkm-003', kind: 'UMKM', name: "Kopi Gayo Mu'min", sector: 'Kopi', province: 'Banten', room: 'pandeglang', representative: { name: "Mu'min Harahap", title: 'Ketua Koperasi' } },
      { id: 'umkm-004', kind: 'UMKM', name: 'UD Tani Makmur', sector: 'Pertanian', province: 'DKI Jakarta', room: 'istana', representative: { name: 'Siti Aminah', title: 'Pemilik' } },
    ],
    agreements: [
      { id: 'K-001', title: 'Perjanjian Kemitraan Pemasokan Gula Aren', parties: ['pma-01', 'umkm-001'], valueIdr: 12_500_000_000 },
      { id: 'K-002', title: 'Perjanjian Kemitraan Pengolahan Kakao', parties: ['pmdn-01', 'umkm-002'], valueIdr: 7_250_000_000 },
      { id: 'K-003', title: 'Perjanjian Kemitraan Pemasokan Kopi Arabika', parties: ['pma-01', 'umkm-003'], valueIdr: 3_000_000_000 },
      { id: 'K-004', title: 'Perjanjian Kemitraan Pemasokan Beras Organik', parties: ['pmdn-01', 'umkm-004'], valueIdr: 1_750_000_000 },
    ],
  };
}
