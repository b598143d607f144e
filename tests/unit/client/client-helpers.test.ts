import { describe, expect, it } from 'vitest';
import { activeWaves, companyOptions, filterAgreements, formatElapsed, NO_FILTERS, previewWave, provinceOptions, roomProgress, roomState, waveCandidates } from '../../../client/console/call-planning';
import { deskItems, nextToSign } from '../../../client/room/desk-model';
import type { RoomPresence } from '../../../shared/domain/types';
import { indexCeremony } from '../../../client/lib/ceremony-index';
import { takeCredential, type CredentialEnvironment } from '../../../client/lib/credentials';
import { parseRoute } from '../../../client/lib/route';
import { translate } from '../../../client/ui/i18n';
import { makeCeremony, T0 } from './fixtures';

function memoryEnv(hash: string): CredentialEnvironment & { store: Map<string, string>; replaced: string[] } {
  const store = new Map<string, string>();
  const replaced: string[] = [];
  return {
    store,
    replaced,
    location: { hash, pathname: '/room/cer-1', search: '' },
    history: { replaceState: (_d: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    storage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => void store.set(k, v) },
  };
}

describe('routes and credentials', () => {
  it('parses the three screens and refuses anything else', () => {
    expect(parseRoute('/room/cer-1')).toEqual({ screen: 'room', ceremonyId: 'cer-1' });
    expect(parseRoute('/tally/cer-1/')).toEqual({ screen: 'tally', ceremonyId: 'cer-1' });
    expect(parseRoute('/console/a.b_c-d')).toEqual({ screen: 'console', ceremonyId: 'a.b_c-d' });
    expect(parseRoute('/room/')).toBeUndefined();
    expect(parseRoute('/admin/cer-1')).toBeUndefined();
    expect(parseRoute('/room/cer-1/extra')).toBeUndefined();
  });

  it('moves the token from the hash to session storage and out of the address bar', () => {
    const env = memoryEnv('#token=abc.def');
    expect(takeCredential(env, 'room', 'cer-1')).toBe('abc.def');
    expect(env.replaced).toEqual(['/room/cer-1']);
    expect(env.store.get('saksi:token:room:cer-1')).toBe('abc.def');
    // After a reload the hash is gone; the token comes back from this tab's storage.
    const reloaded = { ...env, location: { ...env.location, hash: '' } };
    expect(takeCredential(reloaded, 'room', 'cer-1')).toBe('abc.def');
    expect(takeCredential(reloaded, 'console', 'cer-1')).toBeUndefined();
  });
});

describe('call planning', () => {
  const ceremony = makeCeremony();
  const index = indexCeremony(ceremony);

  const presence = new Map<string, RoomPresence>([
    ['stage', { roomId: 'stage', online: true, connections: 1, since: T0 }],
    ['makassar', { roomId: 'makassar', online: false, connections: 0, since: T0 }],
  ]);

  it('filters by the tally\'s province (the UMKM\'s), by company, room, search text and status', () => {
    const ids = (f: Partial<typeof NO_FILTERS>) => filterAgreements(ceremony.agreements, index, { ...NO_FILTERS, ...f }).map((a) => a.id);
    expect(ids({ province: 'Sulawesi Selatan' })).toEqual(['ag-2']);
    // The large companies sit in Jakarta, but their agreements count where the UMKM is.
    expect(ids({ province: 'DKI Jakarta' })).toEqual([]);
    expect(ids({ province: 'Banten' })).toEqual(['ag-1', 'ag-3']);
    expect(ids({ companyId: 'pma-1' })).toEqual(['ag-1', 'ag-3']);
    expect(ids({ roomId: 'makassar' })).toEqual(['ag-2']);
    expect(ids({ search: 'ag-3' })).toEqual(['ag-3']);
    expect(ids({ search: 'pandeglang' })).toEqual(['ag-1', 'ag-3']);
    expect(ids({ status: 'done' })).toEqual([]);
  });

  it('tells rooms that have not joined apart from rooms that dropped', () => {
    expect(roomState(undefined)).toBe('waiting');
    expect(roomState({ roomId: 'x', online: false, connections: 0 })).toBe('waiting');
    expect(roomState({ roomId: 'x', online: false, connections: 0, since: T0 })).toBe('dropped');
    expect(roomState({ roomId: 'x', online: true, connections: 1, since: T0 })).toBe('online');
    expect(formatElapsed(T0, Date.parse(T0) + 65 * 60_000, 'id')).toBe('1 j 05 mnt');
  });

  it('previews a wave: value, rooms and how many are online', () => {
    const preview = previewWave(['ag-1', 'ag-2'], index, presence);
    expect(preview.valueIdr).toBe(750_000_000_000);
    expect(preview.rooms.map((r) => [r.roomId, r.state])).toEqual([
      ['stage', 'online'],
      ['pandeglang', 'waiting'],
      ['makassar', 'dropped'],
    ]);
    expect(preview.online).toBe(1);
  });

  it('offers the tally\'s provinces and the large companies only, sorted', () => {
    expect(provinceOptions(index)).toEqual(['Banten', 'Sulawesi Selatan']);
    expect(companyOptions(index).map((c) => c.id)).toEqual(['pma-1', 'pmdn-1']);
  });

  it('puts only pending agreements in a wave and tracks waves still at the desk', () => {
    const agreements = ceremony.agreements.map((a, i) =>
      i === 0 ? { ...a, status: 'stamped' as const, waveId: 'w1', calledAt: T0 } : i === 1 ? { ...a, status: 'called' as const, waveId: 'w1', calledAt: T0 } : a,
    );
    expect(waveCandidates(agreements)).toEqual(['ag-3']);
    const wave = { id: 'w1', number: 1, name: 'Uji', calledAt: T0, size: 2 };
    const waves = activeWaves(agreements, [wave], index, presence);
    expect(waves).toHaveLength(1);
    expect([waves[0].wave.name, waves[0].done, waves[0].total]).toEqual(['Uji', 1, 2]);
    // ag-2's UMKM sits in Makassar, which dropped: stuck, and listed first.
    expect(waves[0].items.map((i) => [i.agreement.id, i.stuck])).toEqual([['ag-2', true], ['ag-1', false]]);
    expect(activeWaves(agreements.map((a) => (a.id === 'ag-2' ? { ...a, status: 'signed' as const } : a)), [wave], index, presence)).toEqual([]);
    const progress = roomProgress(agreements, index);
    expect(progress.get('stage')).toEqual({ done: 1, total: 3, atDesk: 1 });
    expect(progress.get('makassar')).toEqual({ done: 0, total: 1, atDesk: 1 });
  });

  it('builds a room\'s desk from the ceremony alone: still to sign, and done here', () => {
    const signature = (partyId: string) => ({ agreementId: 'x', partyId, kind: 'typed' as const, signerName: 'n', signerTitle: 't', roomId: 'pandeglang', timezone: 'WIB' as const, signedAt: T0 });
    const agreements = [
      { ...ceremony.agreements[0], status: 'called' as const, signatures: { 'umkm-1': signature('umkm-1') } },
      { ...ceremony.agreements[1], status: 'called' as const },
      { ...ceremony.agreements[2], status: 'called' as const },
    ];
    const here = (id: string) => index.parties.get(id)?.room === 'pandeglang';
    const items = deskItems(agreements, here);
    expect(items.map((i) => [i.agreement.id, i.done, i.pending])).toEqual([
      ['ag-1', true, []],
      ['ag-3', false, ['umkm-3']],
    ]);
    expect(nextToSign(items, 'ag-1')).toBe('ag-3');
    expect(nextToSign(items.slice(0, 1), 'ag-1')).toBeUndefined();
  });
});

describe('i18n', () => {
  it('fills placeholders and speaks formal Indonesian first', () => {
    expect(translate('id', 'tally.valueOf', { signed: 'Rp1,2 triliun', total: 'Rp1,5 triliun' })).toBe('Rp1,2 triliun dari Rp1,5 triliun');
    expect(translate('en', 'console.confirmWave', { n: 3, count: 17 })).toBe('Call wave 3 (17 agreements)');
    expect(translate('id', 'pad.declaration', { party: 'X' })).toContain('Anda');
  });
});
