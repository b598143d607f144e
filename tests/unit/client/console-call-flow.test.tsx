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
import type { Agreement, CeremonyPhase, Wave } from '../../../shared/domain/types';
import type { Ack } from '../../../shared/protocol/ack';
import type { CeremonyView } from '../../../shared/protocol/views';
import { errorMessages } from '../../../shared/errors';
import { makeCeremony, makeView, T0 } from './fixtures';

const connected: CeremonyClientState = { status: 'connected', clockOffsetMs: 0, snapshots: 1 };

interface Log {
  calls: { ids: string[]; name?: string }[];
  recalls: string[];
  waveRecalls: string[];
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
  const change = (phase: CeremonyPhase, from: CeremonyPhase[]) => async () => {
    log.phases.push(phase);
    if (!from.includes(view.ceremony.phase)) return refuse<{ phase: CeremonyPhase; at: string; version: number }>('INVALID_PHASE');
    setView((v) => applyUpdate(v, { type: 'phase', change: { phase, at: T0, version: v!.version + 1 } })!);
    return { ok: true as const, data: { phase, at: T0, version: view.version + 1 } };
  };
  const actions: ConsoleActions = {
    openLobby: change('lobby', ['draft']),
    startSigning: change('signing', ['lobby']),
    close: change('closed', ['lobby', 'signing']),
    async call(ids, name) {
      log.calls.push({ ids, name });
      if (view.ceremony.phase !== 'signing') return refuse('INVALID_PHASE');
      const wave: Wave = { id: `wave-${log.calls.length}`, number: view.ceremony.waves.length + 1, ...(name ? { name } : {}), calledAt: T0, size: ids.length };
      const agreements = view.ceremony.agreements.filter((a) => ids.includes(a.id)).map((a): Agreement => ({ ...a, status: 'called', waveId: wave.id, calledAt: T0 }));
      setView((v) => applyUpdate(applyUpdate(v, { type: 'wave', wave }), { type: 'agreements', agreements })!);
      return { ok: true, data: { waveId: wave.id, calledAt: T0, wave, agreements } };
    },
    async recall(id) {
      log.recalls.push(id);
      const a: Agreement = { ...view.ceremony.agreements.find((x) => x.id === id)!, status: 'pending', waveId: undefined };
      setView((v) => applyUpdate(v, { type: 'agreements', agreements: [a] })!);
      return { ok: true, data: a };
    },
    async recallWave(waveId) {
      log.waveRecalls.push(waveId);
      const agreements = view.ceremony.agreements.filter((a) => a.waveId === waveId && a.status === 'called').map((a): Agreement => ({ ...a, status: 'pending', waveId: undefined }));
      setView((v) => applyUpdate(v, { type: 'agreements', agreements })!);
      return { ok: true, data: { waveId, agreements } };
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
  const log: Log = { calls: [], recalls: [], waveRecalls: [], reissues: [], phases: [] };
  render(<Harness initial={view} log={log} />);
  return log;
}

const desk = () => screen.getByRole('region', { name: 'Di meja penandatanganan' });
const click = async (el: HTMLElement) => {
  await act(async () => {
    fireEvent.click(el);
  });
};
const openTab = (name: RegExp | string) => click(screen.getByRole('tab', { name }));

beforeEach(() => {
  window.confirm = () => true;
});
afterEach(cleanup);

describe('console call flow', () => {
  it('previews a wave by province, names it, calls it after confirmation and follows it at the desk', async () => {
    const log = setup();
    expect(within(desk()).getByText('Tidak ada perjanjian di meja.')).toBeTruthy();
    await openTab('Perjanjian');
    fireEvent.change(screen.getByLabelText('Provinsi'), { target: { value: 'Banten' } });
    await click(screen.getByRole('button', { name: 'Siapkan gelombang dari yang tampil (2)' }));
    // Nothing is called before the preview is confirmed.
    expect(log.calls).toEqual([]);
    const preview = screen.getByTestId('wave-preview');
    expect(within(preview).getByTestId('wave-preview-summary').textContent).toBe('2 perjanjian senilai Rp1.000.000.000.000, dari 2 ruang; 2 ruang hadir sekarang.');
    expect((within(preview).getByLabelText('Nama gelombang') as HTMLInputElement).value).toBe('Banten');
    await click(within(preview).getByRole('button', { name: 'Panggil gelombang 1 (2 perjanjian)' }));
    expect(log.calls).toEqual([{ ids: ['ag-1', 'ag-3'], name: 'Banten' }]);
    expect(screen.queryByTestId('wave-preview')).toBeNull();

    await openTab(/Di meja/);
    const wave = desk().querySelector('.wave') as HTMLElement;
    expect(within(wave).getByRole('heading', { name: 'Gelombang 1 · Banten' })).toBeTruthy();
    expect(within(wave).getByText('0 dari 2 selesai')).toBeTruthy();

    // A signature broadcast arrives: the wave progress and the room panel update.
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
    expect(pandeglang.querySelector('.room-tile__progress')?.textContent).toContain('1/2');

    // The whole wave goes back.
    await click(within(desk()).getByRole('button', { name: 'Tarik kembali gelombang' }));
    expect(log.waveRecalls).toEqual(['wave-1']);
    expect(within(desk()).getByText('Tidak ada perjanjian di meja.')).toBeTruthy();
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
    await openTab('Perjanjian');
    await click(screen.getByRole('button', { name: 'Panggil: ag-2' }));
    expect(log.calls.map((c) => c.ids)).toEqual([['ag-2']]);
    await openTab(/Di meja/);
    await click(within(desk()).getByRole('button', { name: 'Panggil ulang: ag-2' }));
    expect(log.calls.map((c) => c.ids)).toEqual([['ag-2'], ['ag-2']]);
    await click(within(desk()).getByRole('button', { name: 'Tarik kembali: ag-2' }));
    expect(log.recalls).toEqual(['ag-2']);
    expect(within(desk()).getByText('Tidak ada perjanjian di meja.')).toBeTruthy();
  });

  it('runs the phases in order; after closing it shows the summary and calling is disabled', async () => {
    const log = setup(makeView({ ceremony: makeCeremony({ phase: 'draft', timeline: {} }) }));
    expect(screen.queryByRole('button', { name: 'Mulai penandatanganan' })).toBeNull();
    await click(screen.getByRole('button', { name: 'Buka ruang tunggu' }));
    await click(screen.getByRole('button', { name: 'Mulai penandatanganan' }));
    expect(log.phases).toEqual(['lobby', 'signing']);
    await openTab('Perjanjian');
    expect(screen.getByRole('button', { name: 'Panggil: ag-1' })).toHaveProperty('disabled', false);
    await click(screen.getByRole('button', { name: 'Tutup upacara' }));
    expect(document.querySelector('.screen--console')?.getAttribute('data-phase')).toBe('closed');
    const summary = screen.getByTestId('ceremony-summary');
    expect(within(summary).getByText('0 dari 3 ditandatangani')).toBeTruthy();
    expect(within(summary).getByRole('link', { name: 'Berita acara (PDF)' }).getAttribute('href')).toBe('/api/ceremonies/cer-1/berita-acara.pdf');
    expect(screen.getByRole('button', { name: 'Panggil: ag-1' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Tutup upacara' })).toHaveProperty('disabled', true);
  });

  it('shows presence as waiting or dropped, and re-issues a room invite link', async () => {
    const view = makeView();
    view.presence = [view.presence[0], { roomId: 'pandeglang', online: false, connections: 0 }, view.presence[2]];
    const log = setup(view);
    expect(document.querySelector('[data-room="pandeglang"]')?.getAttribute('data-state')).toBe('waiting');
    const makassar = document.querySelector('[data-room="makassar"]') as HTMLElement;
    expect(makassar.getAttribute('data-state')).toBe('dropped');
    expect(makassar.textContent).toContain('Terputus sejak 09.58 WIB');
    const links = document.querySelector('[data-room-link="makassar"]') as HTMLElement;
    const field = within(links).getByLabelText('Tautan undangan DPMPTSP Sulawesi Selatan') as HTMLInputElement;
    expect(field.value).toContain('old-makassar');
    await click(within(links).getByRole('button', { name: 'Terbitkan ulang' }));
    expect(log.reissues).toEqual(['makassar']);
    expect((within(links).getByLabelText('Tautan undangan DPMPTSP Sulawesi Selatan') as HTMLInputElement).value).toContain('new-makassar');
    expect(within(links).getByText('Tautan baru diterbitkan')).toBeTruthy();
  });
});
