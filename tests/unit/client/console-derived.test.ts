// The console's incremental derivation must always equal a full recount. A seeded random run over
// the 1,000-agreement roster applies the kinds of updates a ceremony produces (signatures, stamps,
// parked stampings, recalls, new waves, rooms going on- and offline, a snapshot) through the
// client's own merge, and compares after every step.
import { describe, expect, it } from 'vitest';
import { activeWaves, roomProgress } from '../../../client/console/call-planning';
import { deriveConsole, type ConsoleDerived } from '../../../client/console/console-derived';
import { indexCeremony } from '../../../client/lib/ceremony-index';
import { applyUpdate } from '../../../client/lib/ceremony-state';
import type { Agreement, RoomPresence } from '../../../shared/domain/types';
import type { CeremonyView } from '../../../shared/protocol/views';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { createSeededRandom } from '../../../server/seed/seeded-random';
import { largeRoster } from '../../support/large-roster';

const SEED = 1010;

function startView(): CeremonyView {
  const roster = largeRoster();
  const ceremony = { ...rosterToCeremony(roster, roster.id!, '2024-06-01T01:00:00.000Z'), phase: 'signing' as const };
  return {
    ceremony,
    presence: ceremony.rooms.map((r) => ({ roomId: r.id, online: false, connections: 0 })),
    tally: { updatedAt: '2024-06-01T01:00:00.000Z' } as CeremonyView['tally'],
    you: { role: 'organizer', ceremonyId: ceremony.id },
    activity: [],
    serverTime: '2024-06-01T01:00:00.000Z',
    version: 1,
  };
}

const summary = (d: ConsoleDerived) => ({
  progress: Object.fromEntries([...d.progress].filter(([, p]) => p.total > 0).sort(([a], [b]) => a.localeCompare(b))),
  waves: d.waves.map((w) => ({ wave: w.wave.id, done: w.done, total: w.total, items: w.items.map((i) => `${i.agreement.id}:${i.stuck}`) })),
  signed: d.signed,
  stamped: d.stamped,
  stampedList: d.stampedList.map((a) => a.id),
  parked: d.parked.map((a) => a.id),
});

describe('console-derived', () => {
  it(`stays equal to a full recount through a random ceremony (seed ${SEED})`, () => {
    console.log(`console-derived seed ${SEED}`);
    const random = createSeededRandom(SEED);
    let view = startView();
    let index = indexCeremony(view.ceremony);
    let presence = new Map(view.presence.map((p) => [p.roomId, p]));
    let derived = deriveConsole(view.ceremony.agreements, view.ceremony.waves, index, presence);
    let incrementalSteps = 0;
    for (let step = 0; step < 160; step++) {
      const agreements = view.ceremony.agreements;
      const kind = random.int(0, 19);
      const at = `2024-06-01T02:${String(step % 60).padStart(2, '0')}:00.000Z`;
      if (kind <= 1) {
        // A new wave of 1 to 80 pending agreements.
        const pending = agreements.filter((a) => a.status === 'pending');
        const size = Math.min(pending.length, random.int(1, 80));
        const waveId = `W-${step}`;
        const picked: Agreement[] = [];
        for (let i = 0; i < size; i++) picked.push(random.pick(pending));
        view = applyUpdate(view, { type: 'wave', wave: { id: waveId, number: view.ceremony.waves.length + 1, calledAt: at, size } })!;
        view = applyUpdate(view, { type: 'agreements', agreements: picked.map((a) => ({ ...a, status: 'called' as const, waveId, calledAt: at })) })!;
      } else if (kind <= 3) {
        const room = random.pick(view.ceremony.rooms);
        const online = random.next() < 0.6;
        const update: RoomPresence = { roomId: room.id, online, connections: online ? 1 : 0, since: at };
        view = applyUpdate(view, { type: 'presence', presence: update })!;
      } else if (kind === 4 && step % 40 === 0) {
        view = applyUpdate(view, { type: 'snapshot', view: structuredClone(view) })!;
      } else {
        const called = agreements.filter((a) => a.status === 'called' || (a.status === 'signed' && random.next() < 0.3));
        if (called.length === 0) continue;
        const a = random.pick(called);
        let next: Agreement;
        if (a.status === 'signed') {
          next = random.next() < 0.3 ? { ...a, stampFailure: { reason: 'timeout', attempts: 3, detail: 'x', at } } as Agreement : { ...a, status: 'stamped', stampFailure: undefined };
        } else if (random.next() < 0.08) {
          next = { ...a, status: 'pending', waveId: undefined, calledAt: undefined };
        } else {
          const party = a.parties.find((id) => !Object.hasOwn(a.signatures, id))!;
          const signatures = { ...a.signatures, [party]: { agreementId: a.id, partyId: party, kind: 'typed', signerName: 'n', signerTitle: 't', roomId: 'r', timezone: 'WIB', signedAt: at } };
          const all = a.parties.every((id) => Object.hasOwn(signatures, id));
          next = { ...a, signatures, status: all ? 'signed' : 'called' } as Agreement;
        }
        view = applyUpdate(view, { type: 'agreements', agreements: [next] })!;
      }
      index = indexCeremony(view.ceremony, index);
      if (view.presence.length !== presence.size || view.presence.some((p) => presence.get(p.roomId) !== p)) presence = new Map(view.presence.map((p) => [p.roomId, p]));
      const before = derived;
      derived = deriveConsole(view.ceremony.agreements, view.ceremony.waves, index, presence, derived);
      if (before.members !== derived.members || before.progress !== derived.progress) incrementalSteps += before.agreements.length === derived.agreements.length ? 1 : 0;
      const full = deriveConsole(view.ceremony.agreements, view.ceremony.waves, index, presence);
      expect(summary(derived), `step ${step}`).toEqual(summary(full));
      expect(summary(full).waves).toEqual(summary({ ...full, waves: activeWaves(view.ceremony.agreements, view.ceremony.waves, index, presence) }).waves);
      expect(summary(full).progress).toEqual(summary({ ...full, progress: roomProgress(view.ceremony.agreements, index) }).progress);
    }
    expect(incrementalSteps).toBeGreaterThan(80);
  });

  it('keeps the objects of rooms and waves an update did not touch', () => {
    let view = startView();
    const wave = (id: string, n: number) => ({ id, number: n, calledAt: '2024-06-01T02:00:00.000Z', size: 10 });
    view = applyUpdate(view, { type: 'wave', wave: wave('W-1', 1) })!;
    view = applyUpdate(view, { type: 'wave', wave: wave('W-2', 2) })!;
    const called = view.ceremony.agreements.map((a, i) => (i < 20 ? { ...a, status: 'called' as const, waveId: i < 10 ? 'W-1' : 'W-2', calledAt: '2024-06-01T02:00:00.000Z' } : a));
    view = applyUpdate(view, { type: 'agreements', agreements: called.slice(0, 20) })!;
    const presence = new Map(view.presence.map((p) => [p.roomId, p]));
    let index = indexCeremony(view.ceremony);
    const before = deriveConsole(view.ceremony.agreements, view.ceremony.waves, index, presence);
    const a = view.ceremony.agreements[0];
    const signed = { ...a, signatures: { ...a.signatures, [a.parties[0]]: { agreementId: a.id, partyId: a.parties[0], kind: 'typed', signerName: 'n', signerTitle: 't', roomId: 'r', timezone: 'WIB', signedAt: '2024-06-01T02:01:00.000Z' } } } as Agreement;
    view = applyUpdate(view, { type: 'agreements', agreements: [signed] })!;
    index = indexCeremony(view.ceremony, index);
    const after = deriveConsole(view.ceremony.agreements, view.ceremony.waves, index, presence, before);
    expect(after.waveProgress.get('W-2')).toBe(before.waveProgress.get('W-2'));
    expect(after.waveProgress.get('W-1')).not.toBe(before.waveProgress.get('W-1'));
    const room = index.parties.get(a.parties[0])!.room;
    const untouched = view.ceremony.rooms.find((r) => !a.parties.some((p) => index.parties.get(p)!.room === r.id) && before.progress.has(r.id))!;
    expect(after.progress.get(room)).not.toBe(before.progress.get(room));
    expect(after.progress.get(untouched.id)).toBe(before.progress.get(untouched.id));
  });
});
