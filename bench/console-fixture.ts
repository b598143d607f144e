// The console's benchmark ceremony: the generated roster of 1,000 agreements in 60 rooms
// (tests/support/large-roster), signing, with a wave of 200 at the desk as during a busy moment
// and a third of the rooms offline. Built in Node; the Chromium run passes it to the page as JSON.
import type { CeremonyView } from '../shared/protocol/views';
import { rosterToCeremony } from '../server/ceremony/import-ceremony';
import { createState } from '../server/domain/state';
import { largeRoster, LARGE_ROSTER_SEED } from '../tests/support/large-roster';

export { LARGE_ROSTER_SEED };

export function consoleBenchView(): CeremonyView {
  const roster = largeRoster();
  const ceremony = { ...rosterToCeremony(roster, roster.id!, '2024-06-01T01:00:00.000Z'), phase: 'signing' as const };
  const waveId = 'W-bench';
  ceremony.waves = [{ id: waveId, number: 1, name: 'Bench', calledAt: '2024-06-01T02:00:00.000Z', size: 200 }];
  ceremony.agreements = ceremony.agreements.map((a, i) => (i < 200 ? { ...a, status: 'called' as const, waveId, calledAt: '2024-06-01T02:00:00.000Z' } : a));
  const state = createState(ceremony, { now: '2024-06-01T02:00:00.000Z' });
  return {
    ceremony,
    presence: ceremony.rooms.map((r, i) => ({ roomId: r.id, online: i % 3 !== 0, connections: i % 3 !== 0 ? 1 : 0, ...(i % 3 !== 0 ? { since: '2024-06-01T01:50:00.000Z' } : {}) })),
    tally: state.tally,
    you: { role: 'organizer', ceremonyId: ceremony.id },
    activity: [],
    serverTime: '2024-06-01T02:00:00.000Z',
    version: 1,
  };
}
