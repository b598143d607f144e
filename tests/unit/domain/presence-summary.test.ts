// Presence is exact in memory and audited as a summary: a flapping link is one `room.joined`
// and, once it has stayed away, one `room.left` with the number of reconnects.
import { describe, expect, it } from 'vitest';
import { apply } from '../../../server/domain/apply';
import type { Command } from '../../../server/domain/commands';
import type { DomainEvent } from '../../../server/domain/events';
import { createState, type CeremonyState } from '../../../server/domain/state';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { tinyRoster } from '../../support/tiny-roster';

const pandeglang = { role: 'official', ceremonyId: 'uji-kecil', roomId: 'pandeglang' } as const;
const system = { role: 'system' } as const;
let clock = 0;
const ctx = () => ({ now: new Date(Date.UTC(2021, 0, 18, 2, 0, 0, clock++)).toISOString() });

function step(state: CeremonyState, command: Command, events: DomainEvent[]): CeremonyState {
  const r = apply(state, command, ctx());
  if (!r.ok) throw new Error(`${command.type}: ${r.error.code}`);
  events.push(...r.value.events);
  return r.value.state;
}

const fresh = () => createState(rosterToCeremony(tinyRoster(), 'uji-kecil', '2021-01-17T00:00:00.000Z'), { now: '2021-01-17T00:00:00.000Z' });

describe('presence audited as a summary', () => {
  it('2,000 reconnects of one link: exact presence throughout, one joined and one left event', () => {
    let s = fresh();
    const events: DomainEvent[] = [];
    s = step(s, { type: 'join', actor: pandeglang, roomId: 'pandeglang' }, events);
    for (let i = 0; i < 2000; i += 1) {
      s = step(s, { type: 'leave', actor: system, roomId: 'pandeglang' }, events);
      expect(s.presence.get('pandeglang')?.view.online).toBe(false);
      s = step(s, { type: 'join', actor: pandeglang, roomId: 'pandeglang' }, events);
      expect(s.presence.get('pandeglang')?.view).toMatchObject({ online: true, connections: 1 });
    }
    // A settle that comes while the room is back online audits nothing.
    s = step(s, { type: 'settlePresence', actor: system, roomId: 'pandeglang' }, events);
    expect(events.map((e) => e.type)).toEqual(['room.joined']);
    s = step(s, { type: 'leave', actor: system, roomId: 'pandeglang' }, events);
    s = step(s, { type: 'settlePresence', actor: system, roomId: 'pandeglang' }, events);
    expect(events.map((e) => e.type)).toEqual(['room.joined', 'room.left']);
    expect(events[1]).toMatchObject({ roomId: 'pandeglang', connections: 0, reconnects: 2000 });
    // Settling again changes nothing; the next real return is audited, counting from zero.
    const again = apply(s, { type: 'settlePresence', actor: system, roomId: 'pandeglang' }, ctx());
    expect(again.ok && again.value.events).toEqual([]);
    step(s, { type: 'join', actor: pandeglang, roomId: 'pandeglang' }, events);
    expect(events.at(-1)).toMatchObject({ type: 'room.joined', reconnects: 0 });
  });

  it('a second device in a room is not a reconnect and not an event', () => {
    let s = fresh();
    const events: DomainEvent[] = [];
    s = step(s, { type: 'join', actor: pandeglang, roomId: 'pandeglang' }, events);
    s = step(s, { type: 'join', actor: pandeglang, roomId: 'pandeglang' }, events);
    s = step(s, { type: 'leave', actor: system, roomId: 'pandeglang' }, events);
    s = step(s, { type: 'settlePresence', actor: system, roomId: 'pandeglang' }, events);
    expect(s.presence.get('pandeglang')).toMatchObject({ view: { online: true, connections: 1 }, reconnects: 0 });
    expect(events.map((e) => e.type)).toEqual(['room.joined']);
  });

  it('only the platform settles presence', () => {
    const s = fresh();
    expect(apply(s, { type: 'settlePresence', actor: pandeglang, roomId: 'pandeglang' }, ctx())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(apply(s, { type: 'settlePresence', actor: system, roomId: 'nowhere' }, ctx())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
