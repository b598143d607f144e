// What the room's desk holds, derived from the ceremony alone (so a reload shows the same desk):
// the room's called agreements still waiting for a signature from someone seated here, and the
// ones every party seated here has signed, in roster order.
import type { Agreement } from '../../shared/domain/types';

export interface DeskItem {
  agreement: Agreement;
  /** Parties of the agreement seated in this room. */
  here: string[];
  /** Of those, the ones still to sign (empty when done or not at the desk). */
  pending: string[];
  done: boolean;
}

export function deskItems(agreements: Agreement[], isHere: (partyId: string) => boolean): DeskItem[] {
  const items: DeskItem[] = [];
  for (const agreement of agreements) {
    const here = agreement.parties.filter(isHere);
    if (here.length === 0) continue;
    const done = here.every((id) => agreement.signatures[id]);
    const pending = agreement.status === 'called' ? here.filter((id) => !agreement.signatures[id]) : [];
    if (done || pending.length > 0) items.push({ agreement, here, pending, done });
  }
  return items;
}

/** The item to show after `currentId` was finished: the next one still to sign, wrapping round. */
export function nextToSign(items: DeskItem[], currentId: string | undefined): string | undefined {
  const start = Math.max(0, items.findIndex((i) => i.agreement.id === currentId));
  for (let k = 1; k <= items.length; k++) {
    const item = items[(start + k) % items.length];
    if (!item.done) return item.agreement.id;
  }
  return undefined;
}
