// Which province an agreement counts under: that of its first UMKM party (where the partnership
// lands), else its first party's. The tally groups by it and the console filters by it, so
// "Banten" means the same agreements on both screens.
import type { Agreement, Party } from './types';

export function agreementProvince(agreement: Pick<Agreement, 'parties'>, partyOf: (id: string) => Party | undefined): string {
  const members = agreement.parties.map(partyOf).filter((p): p is Party => !!p);
  const umkm = members.find((p) => p.kind === 'UMKM');
  return (umkm ?? members[0])?.province ?? '—';
}
