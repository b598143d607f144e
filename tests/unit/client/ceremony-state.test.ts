import { describe, expect, it } from 'vitest';
import { ACTIVITY_KEEP, agreementsForRoom, applyUpdate, spotlightRoomIds } from '../../../client/lib/ceremony-state';
import type { Agreement } from '../../../shared/domain/types';
import { makeTally, makeView, T0 } from './fixtures';

const later = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

describe('applyUpdate', () => {
  it('ignores updates before the first snapshot and takes the snapshot whole', () => {
    expect(applyUpdate(undefined, { type: 'phase', change: { phase: 'lobby', at: T0, version: 11 } })).toBeUndefined();
    const view = makeView();
    expect(applyUpdate(undefined, { type: 'snapshot', view })).toBe(view);
  });

  it('moves the phase in the ceremony and the tally, and drops a phase change older than the view', () => {
    const view = makeView({ ceremony: { ...makeView().ceremony, phase: 'lobby' } });
    const signing = applyUpdate(view, { type: 'phase', change: { phase: 'signing', at: T0, version: 11 } });
    expect(signing?.ceremony.phase).toBe('signing');
    expect(signing?.tally.phase).toBe('signing');
    expect(signing?.version).toBe(11);
    // The lobby's broadcast (version 9) replayed after the snapshot of version 10 changes nothing.
    expect(applyUpdate(signing, { type: 'phase', change: { phase: 'lobby', at: T0, version: 9 } })).toBe(signing);
  });

  it('keeps a newer snapshot over an older one, and takes a newer one whole', () => {
    const view = makeView({ version: 12 });
    expect(applyUpdate(view, { type: 'snapshot', view: makeView({ version: 11 }) })).toBe(view);
    const newer = makeView({ version: 13 });
    expect(applyUpdate(view, { type: 'snapshot', view: newer })).toBe(newer);
  });

  it('replaces agreements by id and keeps the others', () => {
    const view = makeView();
    const called: Agreement = { ...view.ceremony.agreements[1], status: 'called', waveId: 'w1', calledAt: T0 };
    const next = applyUpdate(view, { type: 'agreements', agreements: [called] });
    expect(next?.ceremony.agreements.map((a) => a.status)).toEqual(['pending', 'called', 'pending']);
    expect(next?.ceremony.agreements[0]).toBe(view.ceremony.agreements[0]);
  });

  it('applies a recall (called → pending) and drops agreement updates older than the view', () => {
    const view = makeView();
    const base = view.ceremony.agreements[0];
    const sig = { agreementId: base.id, partyId: 'umkm-1', kind: 'typed' as const, signerName: 'A', signerTitle: 'B', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: T0 };
    const called = applyUpdate(view, { type: 'agreements', agreements: [{ ...base, status: 'called' }], version: 11 });
    const recalled = applyUpdate(called, { type: 'agreements', agreements: [{ ...base, status: 'pending' }], version: 12 });
    expect(recalled?.ceremony.agreements[0].status).toBe('pending');
    expect(recalled?.version).toBe(12);

    const signed = applyUpdate(view, { type: 'agreements', agreements: [{ ...base, status: 'signed', signatures: { 'umkm-1': sig } }], version: 14 });
    // The broadcast of the call (version 13) arriving after that of the signature changes nothing.
    const staleCalled = applyUpdate(signed, { type: 'agreements', agreements: [{ ...base, status: 'called', signatures: {} }], version: 13 });
    expect(staleCalled).toBe(signed);
    expect(staleCalled?.ceremony.agreements[0].status).toBe('signed');
    // An ack (no version) is the caller's own change: applied as current.
    const acked = applyUpdate(signed, { type: 'agreements', agreements: [{ ...base, status: 'stamped', signatures: { 'umkm-1': sig } }] });
    expect(acked?.ceremony.agreements[0].status).toBe('stamped');
    expect(acked?.version).toBe(14);
  });

  it('updates presence per room and adds rooms it did not know', () => {
    const view = makeView();
    const next = applyUpdate(view, { type: 'presence', presence: { roomId: 'makassar', online: true, connections: 1, since: later(1) } });
    expect(next?.presence.find((p) => p.roomId === 'makassar')?.online).toBe(true);
    expect(next?.presence).toHaveLength(3);
    const added = applyUpdate(next, { type: 'presence', presence: { roomId: 'new', online: true, connections: 1 } });
    expect(added?.presence).toHaveLength(4);
  });

  it('keeps the newest tally when coalesced updates arrive out of order', () => {
    const view = makeView();
    const newer = makeTally({ agreementsSigned: 2, updatedAt: later(2) });
    const older = makeTally({ agreementsSigned: 1, updatedAt: later(1) });
    const a = applyUpdate(view, { type: 'tally', tally: newer, version: 12 });
    expect(applyUpdate(a, { type: 'tally', tally: older, version: 11 })?.tally.agreementsSigned).toBe(2);
    // Ordered by version, not by clock: a later version wins even with an earlier timestamp.
    expect(applyUpdate(a, { type: 'tally', tally: older, version: 13 })?.tally.agreementsSigned).toBe(1);
  });

  it("applies a participants' update (agreements and tally) whole, and drops one older than the view whole", () => {
    const view = makeView();
    const base = view.ceremony.agreements[0];
    const signed = applyUpdate(view, { type: 'changes', agreements: [{ ...base, status: 'signed' }], tally: makeTally({ agreementsSigned: 1 }), version: 12 });
    expect(signed?.ceremony.agreements.map((a) => a.status)).toEqual(['signed', 'pending', 'pending']);
    expect(signed?.tally.agreementsSigned).toBe(1);
    expect(signed?.version).toBe(12);
    // An agreements-only update leaves the tally as it was.
    const called = applyUpdate(signed, { type: 'changes', agreements: [{ ...view.ceremony.agreements[1], status: 'called' }], version: 13 });
    expect(called?.ceremony.agreements.map((a) => a.status)).toEqual(['signed', 'called', 'pending']);
    expect(called?.tally.agreementsSigned).toBe(1);
    // An older update (version 11) arriving late changes neither the agreements nor the tally.
    const stale = applyUpdate(called, { type: 'changes', agreements: [{ ...base, status: 'called' }], tally: makeTally({ agreementsSigned: 0 }), version: 11 });
    expect(stale).toBe(called);
  });

  it('appends activity in order, skips duplicates after a reconnect and keeps a bounded tail', () => {
    const view = makeView();
    const item = (seq: number) => ({ seq, at: T0, type: 'room.joined' as const, roomId: 'pandeglang' });
    const a = applyUpdate(view, { type: 'activity', items: [item(2), item(1)] });
    expect(a?.activity.map((i) => i.seq)).toEqual([1, 2]);
    const b = applyUpdate(a, { type: 'activity', items: [item(2), item(3)] });
    expect(b?.activity.map((i) => i.seq)).toEqual([1, 2, 3]);
    const many = Array.from({ length: ACTIVITY_KEEP + 50 }, (_, i) => item(i + 10));
    const c = applyUpdate(b, { type: 'activity', items: many });
    expect(c?.activity).toHaveLength(ACTIVITY_KEEP);
    expect(c?.activity.at(-1)?.seq).toBe(ACTIVITY_KEEP + 59);
  });
});

describe('derived values', () => {
  it('spotlights the rooms of every party of called agreements only', () => {
    const view = makeView();
    const [a1, a2, a3] = view.ceremony.agreements;
    const next = applyUpdate(view, { type: 'agreements', agreements: [{ ...a2, status: 'called' }, { ...a3, status: 'signed' }, a1] });
    expect(spotlightRoomIds(next!).sort()).toEqual(['makassar', 'stage']);
  });

  it('lists the agreements with a party seated in the room', () => {
    expect(agreementsForRoom(makeView(), 'pandeglang').map((a) => a.id)).toEqual(['ag-1', 'ag-3']);
    expect(agreementsForRoom(makeView(), 'makassar').map((a) => a.id)).toEqual(['ag-2']);
  });
});

describe('Berita Acara signatures', () => {
  const signed = (officialId: string) => ({ officialId, kind: 'typed' as const, roomId: 'istana', timezone: 'WIB' as const, signedAt: T0, typedText: 'Pratikno' });
  it('accumulates, and ignores an older broadcast carrying fewer signatures or no finish', () => {
    const view = makeView();
    const one = applyUpdate(view, { type: 'beritaAcara', signing: { signatures: [signed('a')] } })!;
    const two = applyUpdate(one, { type: 'beritaAcara', signing: { signatures: [signed('a'), signed('b')] } })!;
    expect(two.ceremony.beritaAcara?.signatures.map((s) => s.officialId)).toEqual(['a', 'b']);
    expect(applyUpdate(two, { type: 'beritaAcara', signing: { signatures: [signed('a')] } })).toBe(two);
    const finished = applyUpdate(one, { type: 'beritaAcara', signing: { signatures: [signed('a')], finishedWithoutOfficials: { at: T0, reason: 'berhalangan', unsigned: ['b'] } } })!;
    expect(applyUpdate(finished, { type: 'beritaAcara', signing: { signatures: [signed('a')] } })).toBe(finished);
  });
});
