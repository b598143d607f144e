// A generated roster beyond the demo's size: 1,000 agreements in 60 rooms (the stage and 59
// regional rooms across the three zones), 250 large companies and 1,000 UMKM. Seeded, so every
// call with the same seed returns the same roster; the seed is part of the ceremony id.
import type { TRoster } from '../../shared/protocol/schemas';
import { createSeededRandom } from '../../server/seed/seeded-random';

const PROVINCES: [string, 'WIB' | 'WITA' | 'WIT'][] = [
  ['Aceh', 'WIB'], ['Sumatera Utara', 'WIB'], ['Sumatera Barat', 'WIB'], ['Riau', 'WIB'], ['Jambi', 'WIB'],
  ['Sumatera Selatan', 'WIB'], ['Lampung', 'WIB'], ['Banten', 'WIB'], ['DKI Jakarta', 'WIB'], ['Jawa Barat', 'WIB'],
  ['Jawa Tengah', 'WIB'], ['DI Yogyakarta', 'WIB'], ['Jawa Timur', 'WIB'], ['Kalimantan Barat', 'WIB'], ['Kalimantan Tengah', 'WIB'],
  ['Bali', 'WITA'], ['Nusa Tenggara Barat', 'WITA'], ['Nusa Tenggara Timur', 'WITA'], ['Kalimantan Timur', 'WITA'], ['Sulawesi Selatan', 'WITA'],
  ['Sulawesi Utara', 'WITA'], ['Gorontalo', 'WITA'], ['Maluku', 'WIT'], ['Maluku Utara', 'WIT'], ['Papua', 'WIT'],
];
const PRODUCTS = ['Kopi', 'Kakao', 'Gula Aren', 'Emping Melinjo', 'Rumput Laut', 'Ikan Tongkol', 'Tenun', 'Rotan', 'Keripik Pisang', 'Vanili', 'Lada', 'Kelapa'];
const FORMS = ['CV', 'UD', 'Koperasi', 'PD'];
const BLESSINGS = ['Makmur', 'Sejahtera', 'Jaya', 'Lestari', 'Abadi', 'Mandiri', 'Sentosa', 'Berkah'];
const NAMES = ['Asep', 'Siti', 'Budi', 'Dewi', 'Andi', 'Made', 'Yohanes', 'Nurul', 'Rizky', 'Lina', 'Agus', 'Fitri'];

export const LARGE_ROSTER_SEED = 20240601;

export function largeRoster(seed = LARGE_ROSTER_SEED, agreements = 1000, roomCount = 60): TRoster {
  const random = createSeededRandom(seed);
  const rooms: TRoster['rooms'] = [
    { id: 'istana', name: 'Istana Kepresidenan Jakarta', province: 'DKI Jakarta', regency: 'Kota Administrasi Jakarta Pusat', timezone: 'WIB', isStage: true },
  ];
  for (let i = 1; i < roomCount; i++) {
    const [province, timezone] = PROVINCES[i % PROVINCES.length];
    rooms.push({ id: `ruang-${String(i).padStart(2, '0')}`, name: `Ruang Rapat DPMPTSP ${province} ${Math.ceil(i / PROVINCES.length)}`, province, regency: `Kabupaten Contoh ${i}`, timezone });
  }
  const person = () => `${random.pick(NAMES)} ${random.pick(NAMES)}wati`;
  const companies: TRoster['parties'] = [];
  for (let i = 0; i < Math.ceil(agreements / 4); i++) {
    const room = rooms[1 + (i % (rooms.length - 1))];
    companies.push({
      id: `CO-${String(i + 1).padStart(3, '0')}`,
      kind: i % 2 === 0 ? 'PMA' : 'PMDN',
      name: `PT ${random.pick(PRODUCTS)} ${random.pick(BLESSINGS)} Nusantara ${i + 1}`,
      sector: 'Agribisnis',
      province: room.province,
      room: room.id,
      representative: { name: person(), title: 'Direktur Utama' },
    });
  }
  const umkm: TRoster['parties'] = [];
  const list: TRoster['agreements'] = [];
  for (let i = 0; i < agreements; i++) {
    const company = companies[i % companies.length];
    // Mostly in the company's room, sometimes elsewhere: waves then span rooms.
    const room = random.next() < 0.7 ? rooms.find((r) => r.id === company.room)! : rooms[1 + random.int(0, rooms.length - 2)];
    const product = random.pick(PRODUCTS);
    const id = `UMKM-${String(i + 1).padStart(4, '0')}`;
    umkm.push({ id, kind: 'UMKM', name: `${random.pick(FORMS)} ${product} ${random.pick(BLESSINGS)} ${i + 1}`, sector: product, province: room.province, room: room.id, representative: { name: person(), title: 'Pemilik' } });
    list.push({ id: `K-${String(i + 1).padStart(4, '0')}`, title: `Perjanjian Kemitraan Pemasokan ${product}`, parties: [company.id, id], valueIdr: random.int(100, 20_000) * 1_000_000 });
  }
  return {
    id: `besar-${seed}`,
    title: 'Penandatanganan Kemitraan (uji skala 1.000 perjanjian)',
    startsAt: '2024-06-01T09:00:00+07:00',
    contact: { name: 'Sekretariat Panitia', phone: '+62 21 555 0118' },
    rooms,
    parties: [...companies, ...umkm],
    agreements: list,
  };
}
