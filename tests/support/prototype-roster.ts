// A roster whose rooms, parties and agreements are named after Object.prototype's properties.
// With plain-object lookups, `signatures['toString']` answers for a party that never signed.
import type { TRoster } from '../../shared/protocol/schemas';

/** Names that a plain object answers from its prototype (`__proto__` is refused by the id rule). */
export const PROTOTYPE_IDS = ['toString', 'constructor', 'hasOwnProperty', 'valueOf'] as const;

export function prototypeRoster(id = 'uji-prototipe'): TRoster {
  const representative = (name: string) => ({ name, title: 'Direktur' });
  return {
    id,
    title: 'Uji nama properti / property-name ids',
    startsAt: '2021-01-18T09:00:00+07:00',
    rooms: [
      { id: 'constructor', name: 'Ruang Constructor', province: 'Banten', regency: 'Kabupaten Pandeglang', timezone: 'WIB', isStage: true },
      { id: 'toString', name: 'Ruang toString', province: 'Sulawesi Selatan', regency: 'Kota Makassar', timezone: 'WITA' },
      { id: 'valueOf', name: 'Ruang valueOf', province: 'Papua', regency: 'Kota Jayapura', timezone: 'WIT' },
    ],
    parties: [
      { id: 'toString', kind: 'PMA', name: 'PT toString Investama', sector: 'Agribisnis', province: 'Banten', room: 'constructor', representative: representative('Budi toString') },
      { id: 'valueOf', kind: 'PMDN', name: 'PT valueOf Nusantara', sector: 'Kakao', province: 'Banten', room: 'constructor', representative: representative('Andi valueOf') },
      { id: 'constructor', kind: 'UMKM', name: 'UD Constructor', sector: 'Logam', province: 'Sulawesi Selatan', room: 'toString', representative: representative('Siti Constructor') },
      { id: 'hasOwnProperty', kind: 'UMKM', name: 'Koperasi hasOwnProperty', sector: 'Kopi', province: 'Papua', room: 'valueOf', representative: representative('Yohanes Own') },
    ],
    agreements: [
      { id: 'toString', title: 'Perjanjian toString', parties: ['toString', 'constructor'], valueIdr: 12_500_000_000 },
      { id: 'constructor', title: 'Perjanjian constructor', parties: ['valueOf', 'hasOwnProperty'], valueIdr: 7_250_000_000 },
      { id: 'hasOwnProperty', title: 'Perjanjian hasOwnProperty', parties: ['toString', 'hasOwnProperty'], valueIdr: 3_000_000_000 },
      { id: 'valueOf', title: 'Perjanjian valueOf', parties: ['valueOf', 'constructor'], valueIdr: 1_750_000_000 },
    ],
  };
}
