// The first n agreements of the demo roster with just the parties and rooms they need: the
// demo's realistic data at a size a test can render quickly.
import type { TRoster } from '../../shared/protocol/schemas';
import { buildDemoRoster } from '../../server/seed/demo-roster';

export function demoSlice(n: number, id = `demo-slice-${n}`): TRoster {
  const demo = buildDemoRoster();
  const agreements = demo.agreements.slice(0, n);
  const partyIds = new Set(agreements.flatMap((a) => a.parties));
  const parties = demo.parties.filter((p) => partyIds.has(p.id));
  const roomIds = new Set(parties.map((p) => p.room));
  return { ...demo, id, rooms: demo.rooms.filter((r) => roomIds.has(r.id)), parties, agreements };
}
