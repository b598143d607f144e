// Roster provinces (free text in Bahasa Indonesia, 38 provinces since 2022) → the 33 shapes of the
// Natural Earth map. Newer provinces are drawn inside the shape they were formed from, and say so.

const ALIASES: Record<string, readonly string[]> = {
  'ID-AC': ['aceh', 'nanggroe aceh darussalam', 'nad'],
  'ID-BA': ['bali'],
  'ID-BB': ['kepulauan bangka belitung', 'bangka belitung', 'babel'],
  'ID-BE': ['bengkulu'],
  'ID-BT': ['banten'],
  'ID-GO': ['gorontalo'],
  'ID-JA': ['jambi'],
  'ID-JB': ['jawa barat', 'jabar', 'west java'],
  'ID-JI': ['jawa timur', 'jatim', 'east java'],
  'ID-JK': ['jakarta', 'dki jakarta', 'daerah khusus ibukota jakarta', 'daerah khusus jakarta', 'jakarta raya'],
  'ID-JT': ['jawa tengah', 'jateng', 'central java'],
  'ID-KB': ['kalimantan barat', 'kalbar', 'west kalimantan'],
  'ID-KI': ['kalimantan timur', 'kaltim', 'east kalimantan'],
  'ID-KR': ['kepulauan riau', 'kepri', 'riau islands'],
  'ID-KS': ['kalimantan selatan', 'kalsel', 'south kalimantan'],
  'ID-KT': ['kalimantan tengah', 'kalteng', 'central kalimantan'],
  'ID-LA': ['lampung'],
  'ID-MA': ['maluku'],
  'ID-MU': ['maluku utara', 'malut', 'north maluku'],
  'ID-NB': ['nusa tenggara barat', 'ntb', 'west nusa tenggara'],
  'ID-NT': ['nusa tenggara timur', 'ntt', 'east nusa tenggara'],
  'ID-PA': ['papua'],
  'ID-PB': ['papua barat', 'west papua', 'irian jaya barat'],
  'ID-RI': ['riau'],
  'ID-SA': ['sulawesi utara', 'sulut', 'north sulawesi'],
  'ID-SB': ['sumatera barat', 'sumbar', 'west sumatra'],
  'ID-SG': ['sulawesi tenggara', 'sultra', 'southeast sulawesi'],
  'ID-SN': ['sulawesi selatan', 'sulsel', 'south sulawesi'],
  'ID-SR': ['sulawesi barat', 'sulbar', 'west sulawesi'],
  'ID-SS': ['sumatera selatan', 'sumsel', 'south sumatra'],
  'ID-ST': ['sulawesi tengah', 'sulteng', 'central sulawesi'],
  'ID-SU': ['sumatera utara', 'sumut', 'north sumatra'],
  'ID-YO': ['di yogyakarta', 'daerah istimewa yogyakarta', 'yogyakarta', 'diy', 'jogja'],
};

/** Provinces newer than the map's data: drawn inside the shape of the province they left. */
const DRAWN_INSIDE: Record<string, readonly string[]> = {
  'ID-KI': ['kalimantan utara', 'kaltara', 'north kalimantan'],
  'ID-PA': ['papua selatan', 'south papua', 'papua tengah', 'central papua', 'papua pegunungan', 'highland papua'],
  'ID-PB': ['papua barat daya', 'southwest papua'],
};

const BY_NAME = new Map<string, { iso: string; drawnInside: boolean }>();
for (const [iso, names] of Object.entries(ALIASES)) for (const n of names) BY_NAME.set(n, { iso, drawnInside: false });
for (const [iso, names] of Object.entries(DRAWN_INSIDE)) for (const n of names) BY_NAME.set(n, { iso, drawnInside: true });

/** Lower case, no accents or punctuation, "Sumatra" spelled "Sumatera", no "Provinsi" prefix. */
export function normalizeProvince(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    // "D.I. Yogyakarta", "D.K.I. Jakarta": initials written with dots become "di", "dki".
    .replace(/\b(\p{L}) (?=\p{L}\b)/gu, '$1')
    .replace(/^(provinsi|propinsi|prov|province of)\s+/, '')
    .replace(/\s+province$/, '')
    .replace(/\bsumatra\b/g, 'sumatera');
}

export interface ProvinceMatch {
  /** The map shape's ISO 3166-2 code. */
  iso: string;
  /** True for a province the map has no own shape for (Kalimantan Utara, the new Papua provinces). */
  drawnInside: boolean;
}

export function matchProvince(name: string): ProvinceMatch | undefined {
  const key = normalizeProvince(name);
  return BY_NAME.get(key) ?? BY_NAME.get(key.replace(/\bsumatera\b/g, 'sumatra'));
}
