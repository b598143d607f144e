// The observer snapshot is built once per ceremony state, not once per connecting observer; a new
// state (a room joining, a signature) builds a new one, and every answer has its own serverTime.
import { describe, expect, it } from 'vitest';
import { apply } from '../../../server/domain/apply';
import { createState } from '../../../server/domain/state';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { ObserverSnapshots } from '../../../server/realtime/observer-channel';
import { tinyRoster } from '../../support/tiny-roster';

const now = '2021-01-18T05:00:00.000Z';

describe('observer snapshots', () => {
  it('reuses the view of one state, rebuilds it for the next, and keeps serverTime fresh', () => {
    const state = createState(rosterToCeremony(tinyRoster(), 'uji-kecil', '2021-01-17T00:00:00.000Z'), { now });
    const snapshots = new ObserverSnapshots();
    const first = snapshots.view(state, 3, '2021-01-18T05:00:00.000Z');
    const second = snapshots.view(state, 3, '2021-01-18T05:00:01.000Z');
    expect(snapshots.builds).toBe(1);
    expect(second.serverTime).toBe('2021-01-18T05:00:01.000Z');
    expect(first.serverTime).toBe('2021-01-18T05:00:00.000Z');
    expect({ ...second, serverTime: first.serverTime }).toEqual(first);

    const joined = apply(state, { type: 'join', actor: { role: 'official', ceremonyId: 'uji-kecil', roomId: 'pandeglang' }, roomId: 'pandeglang' }, { now });
    if (!joined.ok) throw joined.error;
    const third = snapshots.view(joined.value.state, 3, now);
    expect(snapshots.builds).toBe(2);
    expect(third.presence.find((p) => p.roomId === 'pandeglang')?.online).toBe(true);
    expect(first.presence.find((p) => p.roomId === 'pandeglang')?.online).toBe(false);
    // Same state, newer version (a commit that changed nothing it shows): built again, with it.
    expect(snapshots.view(joined.value.state, 4, now).version).toBe(4);
    expect(snapshots.builds).toBe(3);
  });
});
