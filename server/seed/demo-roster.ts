// The demo ceremony, modeled on the signing of 18 January 2021: 56 large companies (29 PMA,
// 27 PMDN) and 196 UMKM, one partnership agreement per UMKM, Rp1,5 triliun in total. Built
// from fixed tables and a seeded PRNG, so every call returns the same roster.
import type { TRoster } from '../../shared/protocol/schemas';
import { DEMO_COMPANIES, type DemoCompany } from './demo-companies';
import { NAME_POOLS, namesOf, type NamePoolKey } from './demo-names';
import { DEMO_REGIONS, STAGE_ROOM, STAGE_UMKM, type DemoRoom } from './demo-places';
import { COMPANY_SECTORS, NAME_BLESSINGS, UMKM_FORMS, umkmTitle, type Product, type SectorKey } from './demo-sectors';
import { allocateValues } from './demo-values';
import { createSeededRandom, type SeededRandom } from './seeded-random';

export const DEMO_CEREMONY_ID = 'demo-2021-01-18';
export const DEMO_TOTAL_IDR = 1_500_000_000_000;
const SEED = 20210118;

type Party = TRoster['parties'][number];

interface Umkm {
  party: Party;
  key: SectorKey;
  product: Product;
  /** The room the UMKM's province sends people to; the stage for those signing in person. */
  room: string;
  stageCompany?: DemoCompany;
}

/** Hands out representative names, never the same one twice in the whole ceremony. */
function createNamer(random: SeededRandom) {
  const used = new Set<string>();
  return (poolKey: NamePoolKey, femaleShare: number): string => {
    const pool = NAME_POOLS[poolKey];
    const preferred = random.next() < femaleShare ? 'female' : 'male';
    for (const gender of [preferred, preferred === 'female' ? 'male' : 'female'] as const) {
      const free = namesOf(pool, gender).filter((name) => !used.has(name));
      if (free.length > 0) {
        const name = random.pick(free);
        used.add(name);
        return name;
      }
    }
    throw new RangeError(`name pool ${poolKey} is exhausted`);
  };
}

function formOf(name: string): string {
  const forms = Object.values(UMKM_FORMS).flat();
  return forms.find((form) => name.startsWith(`${form} `)) ?? 'Pemilik';
}

function buildUmkm(random: SeededRandom, nameRepresentative: ReturnType<typeof createNamer>): Umkm[] {
  const umkm: Umkm[] = [];
  const usedNames = new Set<string>();
  const nextId = () => `UMKM-${String(umkm.length + 1).padStart(3, '0')}`;
  const stageCompanyOf = (key: SectorKey) => DEMO_COMPANIES.find((c) => c.home === STAGE_ROOM.id && c.key === key);

  for (const stage of STAGE_UMKM) {
    usedNames.add(stage.name);
    umkm.push({
      key: stage.key,
      product: stage.product,
      room: STAGE_ROOM.id,
      stageCompany: stageCompanyOf(stage.key),
      party: {
        id: nextId(),
        kind: 'UMKM',
        name: stage.name,
        sector: stage.product.sector,
        province: stage.province,
        room: STAGE_ROOM.id,
        representative: { name: nameRepresentative(stage.names, 0.35), title: umkmTitle(stage.form) },
      },
    });
  }

  for (const region of DEMO_REGIONS) {
    for (const line of region.umkm) {
      for (let n = 0; n < line.count; n++) {
        const product = line.products[n % line.products.length];
        let name = line.fixedNames?.[n];
        while (name === undefined || usedNames.has(name)) {
          const form = random.pick(UMKM_FORMS[line.key]);
          // About one name in four carries no product word: "CV Sumber Rejeki".
          const core = random.next() < 0.25 ? '' : `${random.pick(product.cores)} `;
          name = `${form} ${core}${random.pick(NAME_BLESSINGS)}`;
        }
        usedNames.add(name);
        umkm.push({
          key: line.key,
          product,
          room: region.room.id,
          party: {
            id: nextId(),
            kind: 'UMKM',
            name,
            sector: product.sector,
            province: region.room.province,
            room: region.room.id,
            representative: { name: nameRepresentative(region.names, 0.35), title: umkmTitle(formOf(name)) },
          },
        });
      }
    }
  }
  return umkm;
}

/** Which company partners each UMKM: stage pairs first, then one local partner per company, then
 *  the rest mostly within the same room, sometimes with a company from another room. */
function assignPartners(random: SeededRandom, umkm: Umkm[]): Map<Umkm, DemoCompany> {
  const partnerOf = new Map<Umkm, DemoCompany>();
  for (const u of umkm) if (u.stageCompany) partnerOf.set(u, u.stageCompany);

  for (const company of DEMO_COMPANIES) {
    if (company.home === STAGE_ROOM.id) continue;
    const local = umkm.filter((u) => !partnerOf.has(u) && u.key === company.key && u.room === company.home);
    if (local.length === 0) throw new Error(`no ${company.key} UMKM in ${company.home} for ${company.name}`);
    partnerOf.set(random.pick(local), company);
  }

  for (const u of umkm) {
    if (partnerOf.has(u)) continue;
    const candidates = DEMO_COMPANIES.filter((c) => c.key === u.key);
    const weights = candidates.map((c) => (c.home === u.room ? 8 : 1));
    partnerOf.set(u, candidates[random.weightedIndex(weights)]);
  }
  return partnerOf;
}

function toRoom(room: DemoRoom): TRoster['rooms'][number] {
  return { ...room };
}

export function buildDemoRoster(): TRoster {
  const random = createSeededRandom(SEED);
  const nameRepresentative = createNamer(random);
  const roomById = new Map([STAGE_ROOM, ...DEMO_REGIONS.map((r) => r.room)].map((room) => [room.id, room]));

  const companyIds = new Map<DemoCompany, string>();
  const counters = { PMA: 0, PMDN: 0 };
  const companyParties: Party[] = [];
  for (const kind of ['PMA', 'PMDN'] as const) {
    for (const company of DEMO_COMPANIES.filter((c) => c.kind === kind)) {
      counters[kind] += 1;
      const id = `${kind}-${String(counters[kind]).padStart(2, '0')}`;
      companyIds.set(company, id);
      const room = roomById.get(company.home);
      if (!room) throw new Error(`unknown home room ${company.home}`);
      const isListed = company.name.endsWith(' Tbk');
      const title =
        kind === 'PMA'
          ? random.next() < 0.7 ? 'Presiden Direktur' : 'Direktur Utama'
          : isListed || random.next() < 0.7 ? 'Direktur Utama' : 'Direktur';
      companyParties.push({
        id,
        kind,
        name: company.name,
        sector: COMPANY_SECTORS[company.key],
        province: company.province ?? room.province,
        room: room.id,
        representative: { name: nameRepresentative('nasional', 0.25), title },
      });
    }
  }

  const umkm = buildUmkm(random, nameRepresentative);
  const partnerOf = assignPartners(random, umkm);
  const values = allocateValues(umkm.length, DEMO_TOTAL_IDR, random);

  const agreements = umkm.map((u, index) => {
    const company = partnerOf.get(u);
    const companyId = company && companyIds.get(company);
    if (!companyId) throw new Error(`no partner for ${u.party.id}`);
    return {
      id: `K-${String(index + 1).padStart(3, '0')}`,
      title: `Perjanjian Kemitraan ${u.product.subject}`,
      parties: [companyId, u.party.id],
      valueIdr: values[index],
    };
  });

  return {
    id: DEMO_CEREMONY_ID,
    title: 'Penandatanganan Kontrak Kemitraan Usaha Besar PMA/PMDN dengan UMKM',
    startsAt: '2021-01-18T09:00:00+07:00',
    // A fictitious help line (the 555 block is reserved for examples).
    contact: { name: 'Sekretariat Panitia Penandatanganan', phone: '+62 21 555 0118', email: 'panitia@saksi.example' },
    rooms: [...roomById.values()].map(toRoom),
    parties: [...companyParties, ...umkm.map((u) => u.party)],
    agreements,
  };
}
