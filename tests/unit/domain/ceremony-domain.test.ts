import { describe, expect, it } from 'vitest';
import { apply } from '../../../server/domain/apply';
import type { Command } from '../../../server/domain/commands';
import { createState, type CeremonyState } from '../../../server/domain/state';
import { computeTally } from '../../../server/domain/tally';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { tinyRoster } from '../../support/tiny-roster';

const organizer = { role: 'organizer', ceremonyId: 'uji-kecil' } as const;
const pandeglang = { role: 'official', ceremonyId: 'uji-kecil', roomId: 'pandeglang' } as const;
const makassar = { role: 'official', ceremonyId: 'uji-kecil', roomId: 'makassar' } as const;
const evidence = { ipHmac: 'ip', userAgentHash: 'ua', tokenId: 'jti' };
let clock = 0;
const ctx = () => ({ now: new Date(Date.UTC(2021, 0, 18, 2, 0, clock++)).toISOString() });

function fresh(): CeremonyState {
  return createState(rosterToCeremony(tinyRoster(), 'uji-kecil', '2021-01-17T00:00:00.000Z'), { now: '2021-01-17T00:00:00.000Z' });
}

function run(state: CeremonyState, command: Command) {
  const r = apply(state, command, ctx());
  if (!r.ok) throw new Error(`${command.type} refused: ${r.error.code} ${r.error.message}`);
  return r.value;
}

function signingState(): CeremonyState {
  let s = fresh();
  s = run(s, { type: 'openLobby', actor: organizer }).state;
  s = run(s, { type: 'startSigning', actor: organizer }).state;
  return s;
}

const typed = (agreementId: string, partyId: string, actor: Command['actor'] = pandeglang): Command => ({
  type: 'sign',
  actor,
  agreementId,
  partyId,
  signature: { kind: 'typed', typedText: 'Budi Santoso' },
  evidence,
});

describe('ceremony lifecycle', () => {
  it('moves draft → lobby → signing → closed and refuses skipping or going back', () => {
    let s = fresh();
    expect(apply(s, { type: 'startSigning', actor: organizer }, ctx())).toMatchObject({ ok: false, error: { code: 'INVALID_PHASE' } });
    s = run(s, { type: 'openLobby', actor: organizer }).state;
    expect(s.ceremony.phase).toBe('lobby');
    s = run(s, { type: 'startSigning', actor: organizer }).state;
    expect(s.tally.phase).toBe('signing');
    const closed = run(s, { type: 'close', actor: organizer });
    expect(closed.events.map((e) => e.type)).toEqual(['ceremony.closed']);
    expect(apply(closed.state, { type: 'openLobby', actor: organizer }, ctx()).ok).toBe(false);
  });

  it('lets only organizers run the ceremony', () => {
    const s = fresh();
    const r = apply(s, { type: 'openLobby', actor: pandeglang }, ctx());
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(apply(s, { type: 'openLobby', actor: { role: 'observer', ceremonyId: 'uji-kecil' } }, ctx()).ok).toBe(false);
  });
});

describe('calling agreements', () => {
  it('calls a wave and refuses unknown or already signed agreements as a whole', () => {
    const s = signingState();
    const wave = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001', 'K-003'], waveId: 'W1' });
    expect(wave.changedAgreements.map((a) => [a.id, a.status, a.waveId])).toEqual([
      ['K-001', 'called', 'W1'],
      ['K-003', 'called', 'W1'],
    ]);
    const bad = apply(wave.state, { type: 'call', actor: organizer, agreementIds: ['K-002', 'K-999'], waveId: 'W2' }, ctx());
    expect(bad).toMatchObject({ ok: false, error: { code: 'AGREEMENT_NOT_FOUND', details: ['K-999'] } });
  });

  it('refuses calls before signing has started', () => {
    const s = fresh();
    expect(apply(s, { type: 'call', actor: organizer, agreementIds: ['K-001'], waveId: 'W' }, ctx())).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PHASE' },
    });
  });

  it('numbers waves in call order, keeps their names, and recalls what of a wave is still at the desk', () => {
    let s = signingState();
    const first = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001', 'K-003'], waveId: 'W1', waveName: 'Banten' });
    expect(first.events[0]).toMatchObject({ type: 'agreement.called', waveNumber: 1, waveName: 'Banten' });
    s = run(first.state, { type: 'call', actor: organizer, agreementIds: ['K-002'], waveId: 'W2' }).state;
    expect(s.ceremony.waves.map((w) => [w.id, w.number, w.name ?? null, w.size])).toEqual([
      ['W1', 1, 'Banten', 2],
      ['W2', 2, null, 1],
    ]);
    // K-003 is re-called on its own: it leaves wave 1 for wave 3.
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-003'], waveId: 'W3' }).state;
    s = run(s, typed('K-001', 'pma-01')).state;
    const recalled = run(s, { type: 'recallWave', actor: organizer, waveId: 'W1' });
    expect(recalled.events).toEqual([expect.objectContaining({ type: 'wave.recalled', waveId: 'W1', agreementIds: ['K-001'] })]);
    expect(recalled.changedAgreements.map((a) => [a.id, a.status, Object.keys(a.signatures)])).toEqual([['K-001', 'pending', ['pma-01']]]);
    expect(recalled.state.ceremony.agreements.find((a) => a.id === 'K-003')).toMatchObject({ status: 'called', waveId: 'W3' });
    expect(apply(recalled.state, { type: 'recallWave', actor: organizer, waveId: 'W1' }, ctx())).toMatchObject({ ok: false, error: { code: 'NOT_CALLED' } });
    expect(apply(recalled.state, { type: 'recallWave', actor: organizer, waveId: 'toString' }, ctx())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(apply(recalled.state, { type: 'recallWave', actor: pandeglang, waveId: 'W2' }, ctx())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('records when each phase began', () => {
    const s = signingState();
    const closed = run(s, { type: 'close', actor: organizer }).state;
    expect(Object.keys(closed.ceremony.timeline)).toEqual(['lobbyOpenedAt', 'signingStartedAt', 'closedAt']);
    expect(Date.parse(closed.ceremony.timeline.closedAt!)).toBeGreaterThan(Date.parse(closed.ceremony.timeline.lobbyOpenedAt!));
  });

  it('recalls a called agreement, keeping signatures already given', () => {
    let s = signingState();
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001'], waveId: 'W1' }).state;
    s = run(s, typed('K-001', 'pma-01')).state;
    const recalled = run(s, { type: 'recall', actor: organizer, agreementId: 'K-001' });
    expect(recalled.changedAgreements[0]).toMatchObject({ status: 'pending' });
    expect(Object.keys(recalled.changedAgreements[0].signatures)).toEqual(['pma-01']);
    expect(apply(recalled.state, typed('K-001', 'umkm-001'), ctx())).toMatchObject({ ok: false, error: { code: 'NOT_CALLED' } });
  });
});

describe('signing', () => {
  it('records each party, completes the agreement with the last one and updates the tally', () => {
    let s = signingState();
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001'], waveId: 'W1' }).state;
    const first = run(s, typed('K-001', 'pma-01'));
    expect(first.events.map((e) => e.type)).toEqual(['signature.recorded']);
    expect(first.state.tally.agreementsSigned).toBe(0);
    expect(first.state.tally.byKind.PMA.signed).toBe(1);
    const second = run(first.state, {
      type: 'sign',
      actor: pandeglang,
      agreementId: 'K-001',
      partyId: 'umkm-001',
      signature: { kind: 'drawn', imageSha256: 'abc' },
      evidence,
    });
    expect(second.events.map((e) => e.type)).toEqual(['signature.recorded', 'agreement.signed']);
    const t = second.state.tally;
    expect(t.agreementsSigned).toBe(1);
    expect(t.valueSignedIdr).toBe(12_500_000_000);
    expect(t.byProvince.find((p) => p.province === 'Banten')).toMatchObject({ agreementsSigned: 1, valueSignedIdr: 12_500_000_000 });
    expect(t.latestSignings[0]).toMatchObject({ agreementId: 'K-001', roomName: 'Ruang Pintar Setda Pandeglang', timezone: 'WIB' });
    expect(second.state.ceremony.agreements[0].signatures['umkm-001']).toMatchObject({
      signerName: 'Zainal Abidin',
      timezone: 'WIB',
      imageSha256: 'abc',
    });
  });

  it('is idempotent: signing twice for the same party yields one signature', () => {
    let s = signingState();
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001'], waveId: 'W1' }).state;
    const once = run(s, typed('K-001', 'pma-01'));
    const twice = run(once.state, typed('K-001', 'pma-01'));
    expect(twice.duplicate).toBe(true);
    expect(twice.events).toEqual([]);
    expect(twice.state).toBe(once.state);
  });

  it('refuses a party seated in another room, observers, organizers and strangers', () => {
    let s = signingState();
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-002'], waveId: 'W1' }).state;
    expect(apply(s, typed('K-002', 'pmdn-01', pandeglang), ctx())).toMatchObject({ ok: false, error: { code: 'WRONG_ROOM' } });
    expect(apply(s, typed('K-002', 'pmdn-01', { role: 'observer', ceremonyId: 'uji-kecil' }), ctx())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(apply(s, typed('K-002', 'pmdn-01', organizer), ctx())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(apply(s, typed('K-002', 'umkm-001', makassar), ctx())).toMatchObject({
      ok: false,
      error: { code: 'PARTY_NOT_IN_AGREEMENT' },
    });
    expect(apply(s, typed('K-002', 'pmdn-01', makassar), ctx()).ok).toBe(true);
  });

  it('refuses signing an agreement that was not called, or after closing', () => {
    let s = signingState();
    expect(apply(s, typed('K-001', 'pma-01'), ctx())).toMatchObject({ ok: false, error: { code: 'NOT_CALLED' } });
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001'], waveId: 'W1' }).state;
    s = run(s, { type: 'close', actor: organizer }).state;
    expect(apply(s, typed('K-001', 'pma-01'), ctx())).toMatchObject({ ok: false, error: { code: 'INVALID_PHASE' } });
  });

  it('keeps the incremental tally equal to a full recomputation after many signatures', () => {
    let s = signingState();
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001', 'K-002', 'K-003', 'K-004'], waveId: 'W1' }).state;
    const steps: Array<[string, string, Command['actor']]> = [
      ['K-002', 'umkm-002', makassar],
      ['K-001', 'pma-01', pandeglang],
      ['K-002', 'pmdn-01', makassar],
      ['K-003', 'umkm-003', pandeglang],
      ['K-001', 'umkm-001', pandeglang],
      ['K-003', 'pma-01', pandeglang],
    ];
    for (const [a, p, actor] of steps) s = run(s, typed(a, p, actor)).state;
    const full = computeTally(s.ceremony, s.index, s.partySignatures, s.tally.updatedAt);
    expect(s.tally).toEqual(full);
    expect(s.tally.agreementsSigned).toBe(3);
    expect(s.tally.valueSignedIdr).toBe(12_500_000_000 + 7_250_000_000 + 3_000_000_000);
  });
});

describe('latest signings', () => {
  // Nodes of a cluster apply each other's signatures in commit order, which need not be the order
  // of their times (another node's clock, one millisecond for two); a node that restarts recounts.
  it('lists them newest first, same-instant ones in roster order, whatever order they were applied in', () => {
    let s = signingState();
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001', 'K-002', 'K-003', 'K-004'], waveId: 'W1' }).state;
    const at = (second: number) => ({ now: new Date(Date.UTC(2021, 0, 18, 3, 0, second)).toISOString() });
    const sign = (state: CeremonyState, agreementId: string, partyId: string, actor: Command['actor'], second: number) => {
      const r = apply(state, typed(agreementId, partyId, actor), at(second));
      if (!r.ok) throw new Error(r.error.message);
      return r.value.state;
    };
    // K-002 completes at :50, then K-004 at :30 (applied later, signed earlier), then K-001 and
    // K-003 both at :40, K-001 applied first.
    s = sign(s, 'K-002', 'umkm-002', makassar, 10);
    s = sign(s, 'K-002', 'pmdn-01', makassar, 50);
    s = sign(s, 'K-004', 'pmdn-01', makassar, 20);
    s = sign(s, 'K-004', 'umkm-004', { role: 'official', ceremonyId: 'uji-kecil', roomId: 'istana' }, 30);
    s = sign(s, 'K-001', 'pma-01', pandeglang, 35);
    s = sign(s, 'K-003', 'umkm-003', pandeglang, 36);
    s = sign(s, 'K-001', 'umkm-001', pandeglang, 40);
    s = sign(s, 'K-003', 'pma-01', pandeglang, 40);
    expect(s.tally.latestSignings.map((l) => l.agreementId)).toEqual(['K-002', 'K-001', 'K-003', 'K-004']);
    expect(s.tally).toEqual(computeTally(s.ceremony, s.index, s.partySignatures, s.tally.updatedAt));
  });
});

describe('stamping and presence', () => {
  it('marks a signed agreement stamped once; a second stamp changes nothing', () => {
    let s = signingState();
    s = run(s, { type: 'call', actor: organizer, agreementIds: ['K-001'], waveId: 'W1' }).state;
    s = run(s, typed('K-001', 'pma-01')).state;
    expect(apply(s, { type: 'markStamped', actor: { role: 'system' }, agreementId: 'K-001', documentSha256: 'x' }, ctx())).toMatchObject({
      ok: false,
      error: { code: 'DOCUMENT_NOT_READY' },
    });
    s = run(s, typed('K-001', 'umkm-001')).state;
    const stamped = run(s, { type: 'markStamped', actor: { role: 'system' }, agreementId: 'K-001', documentSha256: 'x' });
    expect(stamped.state.tally.agreementsStamped).toBe(1);
    const again = run(stamped.state, { type: 'markStamped', actor: { role: 'system' }, agreementId: 'K-001', documentSha256: 'y' });
    expect(again.duplicate).toBe(true);
    expect(again.state.tally.agreementsStamped).toBe(1);
    expect(apply(s, { type: 'markStamped', actor: organizer, agreementId: 'K-001', documentSha256: 'x' }, ctx()).ok).toBe(false);
  });

  it('counts connections per room and only lets a room’s official join it', () => {
    let s = fresh();
    s = run(s, { type: 'join', actor: pandeglang, roomId: 'pandeglang' }).state;
    s = run(s, { type: 'join', actor: pandeglang, roomId: 'pandeglang' }).state;
    expect(s.presence.get('pandeglang')?.view).toMatchObject({ online: true, connections: 2 });
    const since = s.presence.get('pandeglang')?.view.since;
    s = run(s, { type: 'leave', actor: { role: 'system' }, roomId: 'pandeglang' }).state;
    expect(s.presence.get('pandeglang')?.view).toMatchObject({ online: true, connections: 1, since });
    s = run(s, { type: 'leave', actor: { role: 'system' }, roomId: 'pandeglang' }).state;
    expect(s.presence.get('pandeglang')?.view.online).toBe(false);
    expect(apply(s, { type: 'join', actor: pandeglang, roomId: 'makassar' }, ctx())).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('re-issuing an invite bumps the room epoch', () => {
    const s = fresh();
    const r = run(s, { type: 'reissueInvite', actor: organizer, roomId: 'makassar' });
    expect(r.state.inviteEpochs.get('makassar')).toBe(1);
    expect(apply(s, { type: 'reissueInvite', actor: makassar, roomId: 'makassar' }, ctx()).ok).toBe(false);
  });
});
