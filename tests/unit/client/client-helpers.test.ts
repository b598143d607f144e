import { describe, expect, it } from 'vitest';
import { activeWaves, companyOptions, filterAgreements, NO_FILTERS, provinceOptions, roomProgress, waveCandidates } from '../../../client/console/call-planning';
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

  it('filters by province of any party, by company and by status', () => {
    const ids = (f: Partial<typeof NO_FILTERS>) => filterAgreements(ceremony.agreements, index, { ...NO_FILTERS, ...f }).map((a) => a.id);
    expect(ids({ province: 'Sulawesi Selatan' })).toEqual(['ag-2']);
    expect(ids({ province: 'DKI Jakarta' })).toEqual(['ag-1', 'ag-2', 'ag-3']);
    expect(ids({ companyId: 'pma-1' })).toEqual(['ag-1', 'ag-3']);
    expect(ids({ status: 'done' })).toEqual([]);
  });

  it('offers provinces and the large companies only, sorted', () => {
    expect(provinceOptions(index)).toEqual(['Banten', 'DKI Jakarta', 'Sulawesi Selatan']);
    expect(companyOptions(index).map((c) => c.id)).toEqual(['pma-1', 'pmdn-1']);
  });

  it('puts only pending agreements in a wave and tracks waves still at the desk', () => {
    const agreements = ceremony.agreements.map((a, i) =>
      i === 0 ? { ...a, status: 'stamped' as const, waveId: 'w1', calledAt: T0 } : i === 1 ? { ...a, status: 'called' as const, waveId: 'w1', calledAt: T0 } : a,
    );
    expect(waveCandidates(agreements)).toEqual(['ag-3']);
    const waves = activeWaves(agreements);
    expect(waves).toHaveLength(1);
    expect([waves[0].done, waves[0].total]).toEqual([1, 2]);
    expect(activeWaves(agreements.map((a) => (a.id === 'ag-2' ? { ...a, status: 'signed' as const } : a)))).toEqual([]);
    const progress = roomProgress(agreements, index);
    expect(progress.get('stage')).toEqual({ done: 1, total: 3 });
    expect(progress.get('makassar')).toEqual({ done: 0, total: 1 });
  });
});

describe('i18n', () => {
  it('fills placeholders and speaks formal Indonesian first', () => {
    expect(translate('id', 'tally.valueOf', { signed: 'Rp1,2 triliun', total: 'Rp1,5 triliun' })).toBe('Rp1,2 triliun dari Rp1,5 triliun');
    expect(translate('en', 'console.callSelected', { n: 3 })).toBe('Call 3 selected');
    expect(translate('id', 'pad.declaration', { party: 'X' })).toContain('Anda');
  });
});
