// Personal names for demo representatives, by region, so a coffee farmer in Aceh Tengah and a
// weaver in Sikka carry names one would meet there. Where a region does not use family names
// the lists hold full names and `family` is empty.

export type NamePoolKey =
  | 'aceh'
  | 'batak'
  | 'sunda'
  | 'jawa'
  | 'bali'
  | 'sasak'
  | 'flores'
  | 'bugis'
  | 'kalimantan'
  | 'maluku'
  | 'papua'
  | 'nasional';

export interface NamePool {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
}

export const NAME_POOLS: Record<NamePoolKey, NamePool> = {
  aceh: {
    male: ['Teuku Rizal', 'Muhammad Yusuf', 'Zulkifli', 'Khairul', 'Irwansyah', 'Safrizal', "Mu'min", 'Tgk. Hasballah'],
    female: ['Cut Nurhayati', 'Fitriani', 'Marlina', 'Nurul Husna', 'Rahmah', 'Cut Sari'],
    family: ['Ibrahim', 'Hasan', 'Abdullah', 'Ismail', 'Mahmud', 'Daud', 'Usman', 'Yacob'],
  },
  batak: {
    male: ['Rudi', 'Hotman', 'Lamhot', 'Benny', 'Sahat', 'Darwin', 'Parlindungan'],
    female: ['Tiurma', 'Rosmawati', 'Juliana', 'Nurasiah', 'Lestiana', 'Rotua'],
    family: ['Siregar', 'Nasution', 'Lubis', 'Simanjuntak', 'Harahap', 'Ginting', 'Sembiring', 'Tarigan', 'Hutapea', 'Pardede'],
  },
  sunda: {
    male: ['Asep', 'Dedi', 'Cecep', 'Ujang', 'Dadang', 'Yayat', 'H. Agus', 'Iwan'],
    female: ['Euis', 'Nining', 'Iis', 'Neng Siti', 'Entin', 'Yuyun', 'Hj. Enok'],
    family: ['Sutisna', 'Permana', 'Hidayat', 'Suryana', 'Kurniawan', 'Saepudin', 'Mulyana', 'Supriatna'],
  },
  jawa: {
    male: ['Budi', 'Slamet', 'Joko', 'Bambang', 'Agus', 'Heru', 'Wahyu', 'H. Sugeng'],
    female: ['Sri', 'Endang', 'Siti', 'Rini', 'Tutik', 'Dwi', 'Hj. Umi'],
    family: ['Santoso', 'Wibowo', 'Purnomo', 'Susilo', 'Prasetyo', 'Nugroho', 'Setiawan', 'Handoko', 'Hartono', 'Suryanto'],
  },
  bali: {
    male: [
      'I Wayan Sudarma', 'I Made Astawa', 'I Nyoman Wirawan', 'I Ketut Sukerta', 'I Gede Darmayasa',
      'I Komang Sudiarta', 'I Putu Arya Wiguna', 'I Kadek Suardana',
    ],
    female: [
      'Ni Luh Putu Ariani', 'Ni Made Purnami', 'Ni Nyoman Sari', 'Ni Ketut Suartini', 'Ni Kadek Dewi Lestari',
      'Ni Wayan Sukarni', 'Ni Putu Ayu Wulandari', 'Ni Komang Sriasih',
    ],
    family: [],
  },
  sasak: {
    male: [
      'Lalu Muhammad Suhardi', 'Lalu Hamdi Wirahadi', 'H. Ahmad Sukri', 'Zulkarnain Mahsun', 'Sahnan Rusdi',
      'Muhammad Zaini', 'Lalu Ahmad Jauhari', 'Rusdi Hamdani',
    ],
    female: ['Baiq Nurhasanah', 'Baiq Fatmawati', 'Hj. Siti Maryam', 'Aisyah Rahmawati', 'Baiq Rauhun Wardani', 'Nurul Aini'],
    family: [],
  },
  flores: {
    male: ['Yohanes', 'Fransiskus', 'Paulus', 'Petrus', 'Antonius', 'Yosef', 'Aloysius', 'Marselinus'],
    female: ['Maria', 'Yuliana', 'Theresia', 'Agnes', 'Katarina', 'Veronika'],
    family: ['Parera', 'da Cunha', 'Moa', 'Wungubelen', 'Djogo', 'Nong', 'Lewar', 'Mbete'],
  },
  bugis: {
    male: ['Andi Rahmat', 'Muhammad Arief', 'Syamsuddin', 'Andi Baso', 'H. Abdul Rahman', 'Irfan', 'Haris', 'Jufri'],
    female: ['Andi Nurhayati', 'Hj. Sitti', 'Rosdiana', 'Hasnawati', 'Nurhaedah', 'Andi Tenri'],
    family: ['Rauf', 'Latif', 'Hamzah', 'Saleh', 'Amir', 'Mustari', 'Rasyid', 'Tahir'],
  },
  kalimantan: {
    male: ['Abdul Hadi', 'Hendrikus', 'Syahrul', 'Yohanes', 'Rusdi', 'Budi', 'Gusti Iskandar'],
    female: ['Siti Aminah', 'Lusiana', 'Mariana', 'Noor Hasanah', 'Susanti', 'Rosita'],
    family: ['Halim', 'Gunawan', 'Anjang', 'Ngabut', 'Saputra', 'Effendi', 'Mahmud', 'Wijaya'],
  },
  maluku: {
    male: ['Yusuf', 'Johanis', 'Abdullah', 'Frans', 'Hasan', 'Marthen', 'Ruslan', 'Benny'],
    female: ['Fransina', 'Nurlela', 'Maria', 'Saadia', 'Yohana', 'Wa Ode Hasna'],
    family: ['Latuconsina', 'Tuhumury', 'Sahetapy', 'Latuheru', 'Pattiasina', 'Rumra', 'Tuasikal', 'Wattimena'],
  },
  papua: {
    male: ['Yohanis', 'Agustinus', 'Markus', 'Yulianus', 'Herman', 'Daniel', 'Elias', 'Obet'],
    female: ['Yuliana', 'Martha', 'Selfina', 'Ester', 'Naomi', 'Ribka'],
    family: ['Wenda', 'Sawaki', 'Yoku', 'Ohee', 'Pangkali', 'Wally', 'Mebri', 'Ondi'],
  },
  nasional: {
    male: [
      'Hendra', 'Rizky', 'Arief', 'Ir. Bambang', 'Dr. Hadi', 'Wisnu', 'Teddy', 'Andre', 'Fajar', 'Gregorius',
      'Stefanus', 'Reza', 'Yudi', 'Dimas',
    ],
    female: ['Ratna', 'Diana', 'Maya', 'Lina', 'Shinta', 'Rina', 'Veronica', 'Melati', 'Dra. Kartika'],
    family: [
      'Kusuma', 'Wijaya', 'Saputra', 'Hartanto', 'Gunawan', 'Setiadi', 'Pratama', 'Halim', 'Sitorus',
      'Tanuwidjaja', 'Sudibyo', 'Kurniadi', 'Hakim', 'Wirawan',
    ],
  },
};

/** Every distinct name a pool can produce for one gender. */
export function namesOf(pool: NamePool, gender: 'male' | 'female'): string[] {
  const given = pool[gender];
  if (pool.family.length === 0) return [...given];
  return given.flatMap((first) => pool.family.map((last) => `${first} ${last}`));
}
