// Rooms of the demo ceremony and the UMKM that join from each: the palace stage plus regional
// office rooms in all three time zones, each holding the province's typical products.
import type { Room } from '../../shared/domain/types';
import type { NamePoolKey } from './demo-names';
import type { Product, SectorKey } from './demo-sectors';

export type DemoRoom = Room;

export interface UmkmLine {
  key: SectorKey;
  count: number;
  products: readonly Product[];
  /** Names used first, in order, before generated ones (to carry a few Unicode names). */
  fixedNames?: readonly string[];
}

export interface DemoRegion {
  room: DemoRoom;
  names: NamePoolKey;
  umkm: readonly UmkmLine[];
}

export const STAGE_ROOM: DemoRoom = {
  id: 'istana',
  name: 'Istana Kepresidenan Jakarta',
  province: 'DKI Jakarta',
  regency: 'Kota Administrasi Jakarta Pusat',
  timezone: 'WIB',
  isStage: true,
};

const product = (sector: string, subject: string, ...cores: string[]): Product => ({ sector, subject, cores });

export const DEMO_REGIONS: readonly DemoRegion[] = [
  {
    room: { id: 'aceh-tengah', name: 'Ruang Rapat Setda Kabupaten Aceh Tengah', province: 'Aceh', regency: 'Kabupaten Aceh Tengah', timezone: 'WIB' },
    names: 'aceh',
    umkm: [
      { key: 'kopi', count: 11, products: [product('Kopi', 'Pemasokan Biji Kopi Arabika Gayo', 'Kopi Gayo', 'Gayo', 'Kopi Takengon')], fixedNames: ["Kopi Gayo Mu'min"] },
      { key: 'perikanan', count: 3, products: [product('Perikanan Tangkap', 'Pemasokan Ikan Tuna Segar', 'Mina', 'Bahari', 'Laot')] },
    ],
  },
  {
    room: { id: 'medan', name: 'Ruang Rapat DPMPTSP Provinsi Sumatera Utara', province: 'Sumatera Utara', regency: 'Kota Medan', timezone: 'WIB' },
    names: 'batak',
    umkm: [
      { key: 'kopi', count: 5, products: [product('Kopi', 'Pemasokan Biji Kopi Sidikalang', 'Kopi Sidikalang', 'Kopi Lintong'), product('Kopi', 'Pemasokan Kopi Mandailing', 'Kopi Mandailing')] },
      { key: 'agribisnis', count: 4, products: [product('Agribisnis Hortikultura', 'Pemasokan Sayur dan Jeruk Karo', 'Tani Karo', 'Hortikultura')] },
      { key: 'makanan', count: 3, products: [product('Makanan Olahan', 'Pemasokan Sirup dan Selai Markisa', 'Markisa'), product('Makanan Olahan', 'Pemasokan Bika dan Kue Kering', 'Boga')] },
    ],
  },
  {
    room: { id: 'pandeglang', name: 'Ruang Pintar Setda Pandeglang', province: 'Banten', regency: 'Kabupaten Pandeglang', timezone: 'WIB' },
    names: 'sunda',
    umkm: [
      { key: 'makanan', count: 7, products: [product('Makanan Olahan', 'Pemasokan Emping Melinjo', 'Emping', 'Emping Melinjo'), product('Gula Aren', 'Pemasokan Gula Aren', 'Gula Aren', 'Aren'), product('Makanan Olahan', 'Pemasokan Keripik Pisang', 'Keripik')] },
      { key: 'perikanan', count: 3, products: [product('Perikanan Tangkap', 'Pemasokan Ikan Tongkol dan Cakalang', 'Mina', 'Bahari', 'Labuan')] },
      { key: 'agribisnis', count: 2, products: [product('Agribisnis', 'Pemasokan Kelapa dan Melinjo', 'Tani', 'Kelapa')] },
    ],
  },
  {
    room: { id: 'bandung', name: 'Ruang Rapat DPMPTSP Provinsi Jawa Barat', province: 'Jawa Barat', regency: 'Kota Bandung', timezone: 'WIB' },
    names: 'sunda',
    umkm: [
      { key: 'tekstil', count: 9, products: [product('Tekstil dan Garmen', 'Pemasokan Kaus Rajut', 'Rajut', 'Konveksi'), product('Tekstil dan Garmen', 'Jasa Jahit Seragam Kerja', 'Konveksi', 'Garmen')] },
      { key: 'komponen', count: 6, products: [product('Manufaktur Komponen', 'Pemasokan Komponen Logam Presisi', 'Logam', 'Teknik'), product('Manufaktur Komponen', 'Pemasokan Cetakan Plastik Suku Cadang', 'Plastindo', 'Teknik')], fixedNames: ['Bengkel Las Ẓainal & Putra'] },
      { key: 'makanan', count: 3, products: [product('Makanan Olahan', 'Pemasokan Keripik Singkong dan Dodol', 'Priangan', 'Rasa')] },
    ],
  },
  {
    room: { id: 'jepara', name: 'Ruang Rapat Bupati Jepara', province: 'Jawa Tengah', regency: 'Kabupaten Jepara', timezone: 'WIB' },
    names: 'jawa',
    umkm: [
      { key: 'kerajinan', count: 10, products: [product('Kerajinan Mebel', 'Pemasokan Mebel Ukir Kayu Jati', 'Mebel', 'Ukir', 'Jati')] },
      { key: 'tekstil', count: 4, products: [product('Tekstil (Tenun Troso)', 'Pemasokan Kain Tenun Troso', 'Tenun Troso', 'Tenun')] },
    ],
  },
  {
    room: { id: 'yogyakarta', name: 'Ruang Rapat DPMPTSP Daerah Istimewa Yogyakarta', province: 'DI Yogyakarta', regency: 'Kota Yogyakarta', timezone: 'WIB' },
    names: 'jawa',
    umkm: [
      { key: 'kerajinan', count: 5, products: [product('Kerajinan Perak', 'Pemasokan Kerajinan Perak Kotagede', 'Perak', 'Kriya')] },
      { key: 'tekstil', count: 4, products: [product('Tekstil (Batik)', 'Pemasokan Batik Tulis', 'Batik')] },
      { key: 'makanan', count: 3, products: [product('Makanan Olahan', 'Pemasokan Bakpia dan Gudeg Kaleng', 'Boga', 'Rasa')] },
    ],
  },
  {
    room: { id: 'banyuwangi', name: 'Ruang Rapat Setda Kabupaten Banyuwangi', province: 'Jawa Timur', regency: 'Kabupaten Banyuwangi', timezone: 'WIB' },
    names: 'jawa',
    umkm: [
      { key: 'perikanan', count: 7, products: [product('Perikanan Tangkap', 'Pemasokan Ikan Lemuru', 'Mina', 'Samudra'), product('Budidaya Udang', 'Pemasokan Udang Vaname', 'Tambak', 'Mina')] },
      { key: 'kopi', count: 5, products: [product('Kopi', 'Pemasokan Biji Kopi Robusta Ijen', 'Kopi Ijen', 'Kopi Osing')] },
      { key: 'makanan', count: 4, products: [product('Makanan Olahan', 'Pemasokan Sale Pisang dan Bagiak', 'Osing', 'Rasa')] },
    ],
  },
  {
    room: { id: 'pontianak', name: 'Ruang Rapat DPMPTSP Provinsi Kalimantan Barat', province: 'Kalimantan Barat', regency: 'Kota Pontianak', timezone: 'WIB' },
    names: 'kalimantan',
    umkm: [
      { key: 'agribisnis', count: 6, products: [product('Agribisnis (Lada)', 'Pemasokan Lada Putih', 'Lada', 'Tani'), product('Agribisnis', 'Pemasokan Jeruk Sambas', 'Tani', 'Jeruk')] },
      { key: 'makanan', count: 4, products: [product('Makanan Olahan', 'Pemasokan Olahan Lidah Buaya', 'Aloe', 'Khatulistiwa'), product('Makanan Olahan', 'Pemasokan Kerupuk Ikan', 'Kapuas')], fixedNames: ['Toko 金 Makmur'] },
    ],
  },
  {
    room: { id: 'gianyar', name: 'Ruang Rapat Kantor Bupati Gianyar', province: 'Bali', regency: 'Kabupaten Gianyar', timezone: 'WITA' },
    names: 'bali',
    umkm: [
      { key: 'kerajinan', count: 7, products: [product('Kerajinan Kayu', 'Pemasokan Ukiran Kayu', 'Ukir', 'Kriya'), product('Kerajinan Perak', 'Pemasokan Perhiasan Perak Celuk', 'Perak Celuk')] },
      { key: 'kopi', count: 3, products: [product('Kopi', 'Pemasokan Kopi Arabika Kintamani', 'Kopi Kintamani')] },
      { key: 'makanan', count: 2, products: [product('Makanan Olahan', 'Pemasokan Minyak Kelapa Murni', 'Kelapa', 'Usada')] },
    ],
  },
  {
    room: { id: 'lombok-timur', name: 'Ruang Rapat Setda Kabupaten Lombok Timur', province: 'Nusa Tenggara Barat', regency: 'Kabupaten Lombok Timur', timezone: 'WITA' },
    names: 'sasak',
    umkm: [
      { key: 'perikanan', count: 5, products: [product('Budidaya Rumput Laut', 'Pemasokan Rumput Laut Kering', 'Rumput Laut', 'Segara')] },
      { key: 'tekstil', count: 3, products: [product('Tekstil (Tenun Songket)', 'Pemasokan Kain Tenun Songket Sasak', 'Tenun', 'Songket')] },
      { key: 'agribisnis', count: 2, products: [product('Agribisnis', 'Pemasokan Jagung Pipil', 'Tani', 'Rinjani')] },
    ],
  },
  {
    room: { id: 'sikka', name: 'Ruang Rapat Setda Kabupaten Sikka', province: 'Nusa Tenggara Timur', regency: 'Kabupaten Sikka', timezone: 'WITA' },
    names: 'flores',
    umkm: [
      { key: 'tekstil', count: 4, products: [product('Tekstil (Tenun Ikat)', 'Pemasokan Kain Tenun Ikat Sikka', 'Tenun Ikat', 'Tenun')] },
      { key: 'kopi', count: 3, products: [product('Kopi', 'Pemasokan Kopi Arabika Flores', 'Kopi Flores')] },
      { key: 'kakao', count: 3, products: [product('Kakao', 'Pemasokan Biji Kakao Sikka', 'Kakao', 'Tani')] },
    ],
  },
  {
    room: { id: 'makassar', name: 'Ruang Rapat DPMPTSP Provinsi Sulawesi Selatan', province: 'Sulawesi Selatan', regency: 'Kota Makassar', timezone: 'WITA' },
    names: 'bugis',
    umkm: [
      { key: 'kakao', count: 7, products: [product('Kakao', 'Pemasokan Biji Kakao Fermentasi', 'Kakao Luwu', 'Kakao', 'Tani')] },
      { key: 'perikanan', count: 5, products: [product('Budidaya Rumput Laut', 'Pemasokan Rumput Laut Kering', 'Rumput Laut'), product('Budidaya Perikanan', 'Pemasokan Ikan Bandeng', 'Tambak', 'Mina')] },
      { key: 'kopi', count: 4, products: [product('Kopi', 'Pemasokan Kopi Arabika Toraja', 'Kopi Toraja', 'Kopi Kalosi')] },
    ],
  },
  {
    room: { id: 'samarinda', name: 'Ruang Rapat DPMPTSP Provinsi Kalimantan Timur', province: 'Kalimantan Timur', regency: 'Kota Samarinda', timezone: 'WITA' },
    names: 'kalimantan',
    umkm: [
      { key: 'logistik', count: 4, products: [product('Logistik', 'Jasa Angkutan Barang', 'Ekspedisi', 'Angkutan')] },
      { key: 'perikanan', count: 3, products: [product('Budidaya Udang', 'Pemasokan Udang Windu', 'Tambak', 'Mahakam')] },
      { key: 'tekstil', count: 3, products: [product('Tekstil (Tenun Sarung)', 'Pemasokan Sarung Tenun Samarinda', 'Sarung', 'Tenun')] },
    ],
  },
  {
    room: { id: 'ambon', name: 'Ruang Rapat DPMPTSP Provinsi Maluku', province: 'Maluku', regency: 'Kota Ambon', timezone: 'WIT' },
    names: 'maluku',
    umkm: [
      { key: 'agribisnis', count: 6, products: [product('Agribisnis (Rempah)', 'Pemasokan Pala dan Fuli', 'Pala', 'Rempah'), product('Agribisnis (Rempah)', 'Pemasokan Cengkih Kering', 'Cengkih', 'Rempah')] },
      { key: 'perikanan', count: 4, products: [product('Perikanan Tangkap', 'Pemasokan Ikan Tuna dan Cakalang', 'Mina', 'Bahari')] },
    ],
  },
  {
    room: { id: 'jayapura', name: 'Ruang Rapat Setda Kabupaten Jayapura', province: 'Papua', regency: 'Kabupaten Jayapura', timezone: 'WIT' },
    names: 'papua',
    umkm: [
      { key: 'kakao', count: 4, products: [product('Kakao', 'Pemasokan Biji Kakao Papua', 'Kakao', 'Tani')] },
      { key: 'kopi', count: 3, products: [product('Kopi', 'Pemasokan Kopi Arabika Papua', 'Kopi Papua', 'Kopi Sentani')] },
      { key: 'makanan', count: 3, products: [product('Makanan Olahan', 'Pemasokan Tepung Sagu', 'Sagu', 'Sentani')] },
    ],
  },
];

/** The 10 UMKM that sign in person at the palace, each with the stage company of its sector. */
export interface StageUmkm {
  province: string;
  names: NamePoolKey;
  key: SectorKey;
  product: Product;
  name: string;
  form: string;
}

export const STAGE_UMKM: readonly StageUmkm[] = [
  { province: 'Aceh', names: 'aceh', key: 'kopi', form: 'Koperasi', name: 'Koperasi Kopi Gayo Bergema Sejahtera', product: product('Kopi', 'Pemasokan Biji Kopi Arabika Gayo') },
  { province: 'Jawa Timur', names: 'jawa', key: 'kopi', form: 'UD', name: 'UD Kopi Ijen Raung Makmur', product: product('Kopi', 'Pemasokan Biji Kopi Arabika Ijen') },
  { province: 'Sulawesi Selatan', names: 'bugis', key: 'kakao', form: 'Koperasi', name: 'Koperasi Kakao Masagena Luwu', product: product('Kakao', 'Pemasokan Biji Kakao Fermentasi') },
  { province: 'Maluku', names: 'maluku', key: 'perikanan', form: 'Koperasi', name: 'Koperasi Nelayan Tuna Banda Neira', product: product('Perikanan Tangkap', 'Pemasokan Ikan Tuna Sirip Kuning') },
  { province: 'Banten', names: 'sunda', key: 'makanan', form: 'UD', name: 'UD Tani Makmur Pandeglang', product: product('Gula Aren', 'Pemasokan Gula Aren') },
  { province: 'DKI Jakarta', names: 'nasional', key: 'makanan', form: 'CV', name: 'CV Sumber Rejeki Boga', product: product('Makanan Olahan', 'Pemasokan Kue Kering dan Roti') },
  { province: 'Jawa Barat', names: 'sunda', key: 'tekstil', form: 'CV', name: 'CV Rajut Binong Mandiri', product: product('Tekstil dan Garmen', 'Pemasokan Kaus Rajut') },
  { province: 'Nusa Tenggara Timur', names: 'flores', key: 'tekstil', form: 'Sanggar', name: 'Sanggar Tenun Ikat Watublapi', product: product('Tekstil (Tenun Ikat)', 'Pemasokan Kain Tenun Ikat') },
  { province: 'Jawa Tengah', names: 'jawa', key: 'kerajinan', form: 'CV', name: 'CV Ukir Jati Mulyoharjo', product: product('Kerajinan Mebel', 'Pemasokan Mebel Ukir Kayu Jati') },
  { province: 'Bali', names: 'bali', key: 'kerajinan', form: 'UD', name: 'UD Kriya Perak Celuk Sari', product: product('Kerajinan Perak', 'Pemasokan Perhiasan Perak Celuk') },
];
