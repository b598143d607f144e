// The 56 large companies of the demo (29 PMA, 27 PMDN). All names are invented: PMA names read
// like foreign-invested Indonesian subsidiaries, PMDN names like domestic firms, some listed
// (Tbk). `home` is the room the representative joins from: the stage, or the regional room of
// one of the company's UMKM partners.
import type { PartyKind } from '../../shared/domain/types';
import type { SectorKey } from './demo-sectors';

export interface DemoCompany {
  kind: Exclude<PartyKind, 'UMKM'>;
  name: string;
  key: SectorKey;
  home: string;
  /** Only for stage companies: the province of the head office (regional ones take their room's). */
  province?: string;
}

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  // In person at the palace: three PMA and three PMDN.
  { kind: 'PMDN', name: 'PT Kopi Nusantara Jaya Tbk', key: 'kopi', home: 'istana', province: 'DKI Jakarta' },
  { kind: 'PMA', name: 'PT Cacaoterra Processing Indonesia', key: 'kakao', home: 'istana', province: 'Banten' },
  { kind: 'PMA', name: 'PT Oceanic Harvest Seafood Indonesia', key: 'perikanan', home: 'istana', province: 'DKI Jakarta' },
  { kind: 'PMDN', name: 'PT Boga Rasa Nusantara Tbk', key: 'makanan', home: 'istana', province: 'DKI Jakarta' },
  { kind: 'PMA', name: 'PT Hanbit Textile Indonesia', key: 'tekstil', home: 'istana', province: 'Jawa Barat' },
  { kind: 'PMDN', name: 'PT Karya Ukir Nusantara Tbk', key: 'kerajinan', home: 'istana', province: 'Jawa Tengah' },

  { kind: 'PMA', name: 'PT Gayo Highland Arabica Indonesia', key: 'kopi', home: 'aceh-tengah' },
  { kind: 'PMDN', name: 'PT Seulawah Kopi Mandiri', key: 'kopi', home: 'aceh-tengah' },
  { kind: 'PMA', name: 'PT Sidikalang Bean Export Indonesia', key: 'kopi', home: 'medan' },
  { kind: 'PMA', name: 'PT Ijen Crater Roasters Indonesia', key: 'kopi', home: 'banyuwangi' },
  { kind: 'PMDN', name: 'PT Kintamani Kopi Lestari', key: 'kopi', home: 'gianyar' },
  { kind: 'PMA', name: 'PT Sapan Highlands Coffee Indonesia', key: 'kopi', home: 'makassar' },
  { kind: 'PMDN', name: 'PT Flores Bajawa Agro Sejahtera', key: 'kopi', home: 'sikka' },

  { kind: 'PMA', name: 'PT Celebes Cocoa Processing Indonesia', key: 'kakao', home: 'makassar' },
  { kind: 'PMDN', name: 'PT Tanah Merah Kakao Papua', key: 'kakao', home: 'jayapura' },
  { kind: 'PMDN', name: 'PT Nian Sikka Kakao Nusantara', key: 'kakao', home: 'sikka' },

  { kind: 'PMDN', name: 'PT Muncar Samudra Perkasa Tbk', key: 'perikanan', home: 'banyuwangi' },
  { kind: 'PMA', name: 'PT Nordfjell Seafood Indonesia', key: 'perikanan', home: 'banyuwangi' },
  { kind: 'PMA', name: 'PT Marinex Carrageenan Indonesia', key: 'perikanan', home: 'lombok-timur' },
  { kind: 'PMDN', name: 'PT Makassar Bahari Sentosa', key: 'perikanan', home: 'makassar' },
  { kind: 'PMA', name: 'PT Kaigan Tuna Indonesia', key: 'perikanan', home: 'ambon' },
  { kind: 'PMDN', name: 'PT Samudera Aceh Perkasa', key: 'perikanan', home: 'aceh-tengah' },
  { kind: 'PMDN', name: 'PT Mahakam Udang Sejahtera', key: 'perikanan', home: 'samarinda' },
  { kind: 'PMA', name: 'PT Pacifica Marine Products Indonesia', key: 'perikanan', home: 'pandeglang' },

  { kind: 'PMDN', name: 'PT Pandeglang Melinjo Mandiri', key: 'makanan', home: 'pandeglang' },
  { kind: 'PMA', name: 'PT Sunrise Valley Snack Foods Indonesia', key: 'makanan', home: 'pandeglang' },
  { kind: 'PMDN', name: 'PT Priangan Pangan Lestari', key: 'makanan', home: 'bandung' },
  { kind: 'PMDN', name: 'PT Mataram Boga Utama', key: 'makanan', home: 'yogyakarta' },
  { kind: 'PMA', name: 'PT Osing Food Industries Indonesia', key: 'makanan', home: 'banyuwangi' },
  { kind: 'PMDN', name: 'PT Khatulistiwa Pangan Sejahtera Tbk', key: 'makanan', home: 'pontianak' },
  { kind: 'PMA', name: 'PT Deli Heritage Foods Indonesia', key: 'makanan', home: 'medan' },
  { kind: 'PMDN', name: 'PT Sagu Sentani Mandiri', key: 'makanan', home: 'jayapura' },

  { kind: 'PMDN', name: 'PT Bandung Garmen Prima Tbk', key: 'tekstil', home: 'bandung' },
  { kind: 'PMA', name: 'PT Gyeongsan Fashion Indonesia', key: 'tekstil', home: 'bandung' },
  { kind: 'PMDN', name: 'PT Troso Tenun Ekspor', key: 'tekstil', home: 'jepara' },
  { kind: 'PMA', name: 'PT Aizome Craft Textile Indonesia', key: 'tekstil', home: 'yogyakarta' },
  { kind: 'PMA', name: 'PT Ikat Heritage Weaving Indonesia', key: 'tekstil', home: 'sikka' },
  { kind: 'PMDN', name: 'PT Sasambo Tenun Lestari', key: 'tekstil', home: 'lombok-timur' },
  { kind: 'PMDN', name: 'PT Sarung Samarinda Prima', key: 'tekstil', home: 'samarinda' },

  { kind: 'PMA', name: 'PT Jepara Teak Design Indonesia', key: 'kerajinan', home: 'jepara' },
  { kind: 'PMA', name: 'PT Skovhus Furniture Indonesia', key: 'kerajinan', home: 'jepara' },
  { kind: 'PMA', name: 'PT Kotagede Silverworks Indonesia', key: 'kerajinan', home: 'yogyakarta' },
  { kind: 'PMA', name: 'PT Ubud Artisan Home Indonesia', key: 'kerajinan', home: 'gianyar' },
  { kind: 'PMDN', name: 'PT Gianyar Kriya Mandiri', key: 'kerajinan', home: 'gianyar' },

  { kind: 'PMA', name: 'PT Greenvale Horticulture Indonesia', key: 'agribisnis', home: 'medan' },
  { kind: 'PMA', name: 'PT Borneo Pepper Trading Indonesia', key: 'agribisnis', home: 'pontianak' },
  { kind: 'PMDN', name: 'PT Kapuas Agro Lestari', key: 'agribisnis', home: 'pontianak' },
  { kind: 'PMA', name: 'PT Molucca Spice Traders Indonesia', key: 'agribisnis', home: 'ambon' },
  { kind: 'PMDN', name: 'PT Pala Banda Sejahtera', key: 'agribisnis', home: 'ambon' },
  { kind: 'PMDN', name: 'PT Rinjani Agro Makmur', key: 'agribisnis', home: 'lombok-timur' },
  { kind: 'PMA', name: 'PT Ujung Kulon Agri Indonesia', key: 'agribisnis', home: 'pandeglang' },

  { kind: 'PMA', name: 'PT Takumi Seimitsu Parts Indonesia', key: 'komponen', home: 'bandung' },
  { kind: 'PMDN', name: 'PT Mitra Logam Presisi Tbk', key: 'komponen', home: 'bandung' },
  { kind: 'PMA', name: 'PT Kessler Präzision Indonesia', key: 'komponen', home: 'bandung' },

  { kind: 'PMA', name: 'PT Borneo Cargo Link Indonesia', key: 'logistik', home: 'samarinda' },
  { kind: 'PMDN', name: 'PT Mahakam Logistik Nusantara', key: 'logistik', home: 'samarinda' },
];
