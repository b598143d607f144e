// @vitest-environment jsdom
// The console's call flow against an in-memory ceremony that answers like the server does
// (acks, then the updated agreements); the browser test drives the same screen against the real one.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleScreen } from '../../../client/console/console-screen';
import type { ConsoleActions } from '../../../client/console/console-actions';
import type { CeremonyClientState } from '../../../client/lib/ceremony-client';
import { applyUpdate } from '../../../client/lib/ceremony-state';
import { I18nProvider } from '../../../client/ui/i18n-context';
import type { Agreement, CeremonyPhase } from '../../../shared/domain/types';
import type { Ack } from '../../../shared/protocol/ack';
import type { CeremonyView } from '../../../shared/protocol/views';
import { errorMessages } from '../../../shared/errors';
import { makeCeremony, makeView, T0 } from './fixtures';

const connected: CeremonyClientState = { status: 'connected', clockOffsetMs: 0, snapshots: 1 };

interface Log {
  calls: string[][];
  recalls: string[];
  reissues: string[];
  phases: string[];
}

let setViewOutside: (update: (v: CeremonyView) => CeremonyView) => void = () => {};

function refuse<T>(code: 'INVALID_PHASE'): Ack<T> {
  return { ok: false, error: { code, ...errorMessages(code) } };
}

function Harness({ initial, log }: { initial: CeremonyView; log: Log }) {
  const [view, setView] = useState(initial);
  setViewOutside = (update) => setView((v) => update(v));
  let wave = 0;
  const change = (phase: CeremonyPhase, from: CeremonyPhase[]) => async () => {
    log.phases.push(phase);
    if (!from.includes(view.ceremony.phase)) return refuse<{ phase: CeremonyPhase; at: string }>('INVALID_PHASE');
    setView((v) => applyUpdate(v, { type: 'phase', change: { phase, at: T0 } })!);
    return { ok: true as const, data: { phase, at: T0 } };
  };
  const actions: ConsoleActions = {
    openLobby: change('lobby', ['draft']),
    startSigning: change('signing', ['lobby']),
    close: change('closed', ['lobby', 'signing']),
    async call(ids) {
      log.calls.push(ids);
      if (view.ceremony.phase !== 'signing') return refuse('INVALID_PHASE');
      const waveId = `wave-${++wave}-${ids.join('+')}`;
      const agreements = view.ceremony.agreements
        .filter((a) => ids.includes(a.id))
        .map((a): Agreement => ({ ...a, status: 'called', waveId, calledAt: T0 }));
      setView((v) => applyUpdate(v, { type: 'agreements', agreements })!);
      return { ok: true, data: { waveId, calledAt: T0, agreements } };
    },
    async recall(id) {
      log.recalls.push(id);
      const a: Agreement = { ...view.ceremony.agreements.find((x) => x.id === id)!, status: 'pending' };
      setView((v) => applyUpdate(v, { type: 'agreements', agreements: [a] })!);
      return { ok: true, data: a };
    },
    async retryStamp(id) {
      const { stampFailure: _parked, ...a } = view.ceremony.agreements.find((x) => x.id === id)!;
      setView((v) => applyUpdate(v, { type: 'agreements', agreements: [a] })!);
      return { ok: true, data: a };
    },
    async reissueInvite(roomId) {
      log.reissues.push(roomId);
      return { ok: true, data: { roomId, name: roomId, url: `http://127.0.0.1/room/cer-1#token=new-${roomId}` } };
    },
  };
  return (
    <I18nProvider initialLang="id">
      <ConsoleScreen
        view={view}
        state={connected}
        actions={actions}
        links={{
          console: 'http://127.0.0.1/console/cer-1',
          tally: 'http://127.0.0.1/tally/cer-1',
          rooms: ['stage', 'pandeglang', 'makassar'].map((roomId) => ({ roomId, name: roomId, url: `http://127.0.0.1/room/cer-1#token=old-${roomId}` })),
        }}
      />
    </I18nProvider>
  );
}

function setup(view = makeView()) {
  const log: Log = { calls: [], recalls: [], reissues: [], phases: [] };
  render(<Harness initial={view} log={log} />);
  return log;
}

const desk = () => screen.getByRole('region', { name: 'Di meja penandatanganan' });
const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};

beforeEach(() => {
  window.confirm = () => true;
});
afterEach(cleanup);

describe('console call flow', () => {
  it('calls a wave by province and follows its progress at the desk', async () => {
    const log = setup();
    expect(within(desk()).getByText('Tidak ada perjanjian di meja.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Provinsi'), { target: { value: 'Banten' } });
    const waveButton = screen.getByRole('button', { name: 'Panggil gelombang (2)' });
    await click(waveButton);
    expect(log.calls).toEqual([['ag-1', 'ag-3']]);

    const wave = desk().querySelector('.wave') as HTMLElement;
    expect(within(wave).getByText('0 dari 2 selesai')).toBeTruthy();
    expect([...wave.querySelectorAll('[data-agreement]')].map((e) => e.getAttribute('data-agreement'))).toEqual(['ag-1', 'ag-3']);
    // Already called: the wave button has nothing left to call under this filter.
    expect(screen.getByRole('button', { name: 'Panggil gelombang (0)' })).toHaveProperty('disabled', true);

    // A signature broadcast arrives: the wave progress and the room tile update.
    const signedAt = '2021-01-18T03:05:00.000Z';
    act(() =>
      setViewOutside((v) =>
        applyUpdate(v, {
          type: 'agreements',
          agreements: [
            {
              ...v.ceremony.agreements[0],
              status: 'signed',
              signedAt,
              signatures: Object.fromEntries(
                ['pma-1', 'umkm-1'].map((partyId) => [partyId, { agreementId: 'ag-1', partyId, kind: 'typed' as const, signerName: 'x', signerTitle: 'y', roomId: 'stage', timezone: 'WIB' as const, signedAt }]),
              ),
            },
          ],
        })!,
      ),
    );
    expect(within(desk().querySelector('.wave') as HTMLElement).getByText('1 dari 2 selesai')).toBeTruthy();
    const pandeglang = document.querySelector('[data-room="pandeglang"]') as HTMLElement;
    expect(within(pandeglang).getByText('1 dari 2 perjanjian selesai')).toBeTruthy();
  });

  it('shows an agreement whose stamping failed and retries it', async () => {
    const parked: Agreement = {
      ...makeCeremony().agreements[1],
      status: 'signed',
      signedAt: T0,
      stampFailure: { at: T0, reason: 'invalid-input', attempts: 3, detail: 'signature image of umkm-2 does not decode' },
    };
    setup(makeView({ ceremony: makeCeremony({ agreements: [makeCeremony().agreements[0], parked, makeCeremony().agreements[2]] }) }));
    const panel = screen.getByRole('region', { name: 'Penstempelan gagal (1)' });
    expect(within(panel).getByText(/data tersimpan rusak · 3 kali dicoba · signature image of umkm-2 does not decode/)).toBeTruthy();
    await click(within(panel).getByRole('button', { name: 'Coba lagi: Kemitraan Logistik Laut' }));
    expect(screen.queryByRole('region', { name: /Penstempelan gagal/ })).toBeNull();
  });

  it('recalls and re-calls a single agreement from the desk', async () => {
    const log = setup();
    const row = document.querySelector('tr[data-agreement="ag-2"]') as HTMLElement;
    await click(within(row).getByRole('button', { name: 'Panggil: Kemitraan Logistik Laut' }));
    expect(log.calls).toEqual([['ag-2']]);
    await click(within(desk()).getByRole('button', { name: 'Panggil ulang: Kemitraan Logistik Laut' }));
    expect(log.calls).toEqual([['ag-2'], ['ag-2']]);
    await click(within(desk()).getByRole('button', { name: 'Tarik kembali: Kemitraan Logistik Laut' }));
    expect(log.recalls).toEqual(['ag-2']);
    expect(within(desk()).getByText('Tidak ada perjanjian di meja.')).toBeTruthy();
    expect(document.querySelector('tr[data-agreement="ag-2"]')?.getAttribute('data-status')).toBe('pending');
  });

  it('calls a selection filtered by company', async () => {
    const log = setup();
    fireEvent.change(screen.getByLabelText('Perusahaan'), { target: { value: 'pma-1' } });
    expect([...document.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-agreement'))).toEqual(['ag-1', 'ag-3']);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Pilih Kemitraan Kemasan Makanan' }));
    await click(screen.getByRole('button', { name: 'Panggil 1 terpilih' }));
    expect(log.calls).toEqual([['ag-3']]);
    expect(screen.getByRole('button', { name: 'Panggil 0 terpilih' })).toHaveProperty('disabled', true);
  });

  it('runs the phases in order and shows a refused action', async () => {
    const log = setup(makeView({ ceremony: makeCeremony({ phase: 'draft' }) }));
    const lobby = screen.getByRole('button', { name: 'Buka ruang tunggu' });
    const start = screen.getByRole('button', { name: 'Mulai penandatanganan' });
    expect(start).toHaveProperty('disabled', true);
    // Calling is impossible before signing starts.
    expect(screen.getByRole('button', { name: 'Panggil gelombang (3)' })).toHaveProperty('disabled', true);
    await click(lobby);
    expect(screen.getByRole('button', { name: 'Buka ruang tunggu' })).toHaveProperty('disabled', true);
    await click(screen.getByRole('button', { name: 'Mulai penandatanganan' }));
    expect(log.phases).toEqual(['lobby', 'signing']);
    expect(screen.getByRole('button', { name: 'Panggil gelombang (3)' })).toHaveProperty('disabled', false);
    await click(screen.getByRole('button', { name: 'Tutup upacara' }));
    expect(document.querySelector('.screen--console')?.getAttribute('data-phase')).toBe('closed');
    expect(screen.getByRole('link', { name: 'Berita acara (PDF)' }).getAttribute('href')).toBe('/api/ceremonies/cer-1/berita-acara.pdf');
  });

  it('shows the server’s message when a call is refused', async () => {
    const ceremony = makeCeremony({ phase: 'closed' });
    ceremony.agreements[0] = { ...ceremony.agreements[0], status: 'called', waveId: 'w0', calledAt: T0 };
    const log = setup(makeView({ ceremony }));
    await click(within(desk()).getByRole('button', { name: 'Panggil ulang: Kemitraan Pasokan Kopi' }));
    expect(log.calls).toEqual([['ag-1']]);
    expect(within(desk()).getByRole('alert').textContent).toBe(errorMessages('INVALID_PHASE').message);
  });

  it('shows presence and re-issues a room invite link', async () => {
    const log = setup();
    const makassar = document.querySelector('[data-room="makassar"]') as HTMLElement;
    expect(makassar.getAttribute('data-online')).toBe('no');
    expect(within(makassar).getByText(/Tidak hadir/).parentElement?.textContent).toContain('sejak 09.58 WIB');
    const field = within(makassar).getByLabelText('Tautan undangan DPMPTSP Sulawesi Selatan') as HTMLInputElement;
    expect(field.value).toContain('old-makassar');
    await click(within(makassar).getByRole('button', { name: 'Terbitkan ulang' }));
    expect(log.reissues).toEqual(['makassar']);
    expect((within(makassar).getByLabelText('Tautan undangan DPMPTSP Sulawesi Selatan') as HTMLInputElement).value).toContain('new-makassar');
    expect(within(makassar).getByText('Tautan baru diterbitkan')).toBeTruthy();
  });
});
