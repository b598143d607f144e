// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TallyScreen } from '../../../client/tally/tally-screen';
import { I18nProvider } from '../../../client/ui/i18n-context';
import { makeTally } from './fixtures';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

const signedTally = makeTally({
  agreementsSigned: 2,
  agreementsStamped: 1,
  valueSignedIdr: 1_250_000_000_000,
  byKind: { PMA: { total: 1, signed: 1 }, PMDN: { total: 1, signed: 0 }, UMKM: { total: 3, signed: 2 } },
  byProvince: [
    { province: 'Sulawesi Selatan', agreementsTotal: 1, agreementsSigned: 0, valueTotalIdr: 500_000_000_000, valueSignedIdr: 0 },
    { province: 'Banten', agreementsTotal: 2, agreementsSigned: 2, valueTotalIdr: 1_000_000_000_000, valueSignedIdr: 1_000_000_000_000 },
  ],
  latestSignings: [
    {
      agreementId: 'ag-3',
      title: 'Kemitraan Kemasan Makanan',
      partyNames: ['PT Nusantara Global', 'CV Kemas Banten'],
      roomId: 'makassar',
      roomName: 'DPMPTSP Sulawesi Selatan',
      province: 'Sulawesi Selatan',
      valueIdr: 750_000_000_000,
      signedAt: '2021-01-18T03:15:00.000Z',
      timezone: 'WITA',
    },
  ],
  updatedAt: '2021-01-18T03:15:01.000Z',
});

function renderTally(tally = signedTally, lang: 'id' | 'en' = 'id') {
  return render(
    <I18nProvider initialLang={lang}>
      <TallyScreen title="Upacara" tally={tally} />
    </I18nProvider>,
  );
}

describe('TallyScreen', () => {
  it('shows the counters the Indonesian way, with a progress bar of the value', () => {
    renderTally();
    expect(screen.getByTestId('tally-agreements').textContent).toBe('2 dari 3 perjanjian');
    // Rp1.250.000.000.000 is "Rp1,25 triliun", never the rounded-down "Rp1,2 triliun".
    expect(screen.getByTestId('tally-value').textContent).toBe('Rp1,25 triliun dari Rp1,5 triliun');
    expect(screen.getByTestId('tally-value-exact').textContent).toBe('Tepatnya Rp1.250.000.000.000 dari Rp1.500.000.000.000 · 83,3%');
    const bar = screen.getByRole('progressbar', { name: 'Kemajuan nilai' });
    expect(bar.getAttribute('aria-valuenow')).toBe('83');
    expect(bar.getAttribute('aria-valuetext')).toBe('Rp1.250.000.000.000 dari Rp1.500.000.000.000');
    expect(screen.getByTestId('tally-agreements').closest('[aria-live]')?.getAttribute('aria-live')).toBe('polite');
  });

  it('counts signatories by kind with their units, and lists and maps provinces by value signed', () => {
    const { container } = renderTally();
    const kinds = [...container.querySelectorAll('.kinds__item')].map((li) => [li.getAttribute('data-kind'), li.querySelector('.kinds__count')?.textContent]);
    expect(kinds).toEqual([['PMA', '1 dari 1 perusahaan PMA'], ['PMDN', '0 dari 1 perusahaan PMDN'], ['UMKM', '2 dari 3 UMKM']]);
    const rows = [...container.querySelectorAll('.pmap__list [data-province]')];
    expect(rows.map((r) => r.getAttribute('data-province'))).toEqual(['Banten', 'Sulawesi Selatan']);
    expect(rows[0].textContent).toContain('Rp1 triliun');
    expect(rows[0].textContent).toContain('2 dari 2 perjanjian · 100% dari nilai provinsi');
    expect(container.querySelector('[data-shape="ID-BT"]')?.getAttribute('data-level')).toBe('4');
    expect(container.querySelector('[data-shape="ID-SN"]')?.getAttribute('data-level')).toBe('0');
    fireEvent.click(within(rows[0] as HTMLElement).getByRole('button'));
    expect(screen.getByTestId('province-detail').textContent).toContain('Rp1 triliun · Rp1.000.000.000.000');
  });

  it('lists the latest signings with room and the room’s local time', () => {
    renderTally();
    const ticker = screen.getByRole('region', { name: 'Penandatanganan terbaru' });
    const item = within(ticker).getByRole('listitem');
    // 03.15 UTC is 11.15 in Makassar (WITA, UTC+8).
    expect(item.querySelector('time')?.textContent).toBe('11.15 WITA');
    expect(item.textContent).toContain('PT Nusantara Global – CV Kemas Banten');
    expect(item.textContent).toContain('DPMPTSP Sulawesi Selatan, Sulawesi Selatan');
    expect(item.textContent).toContain('Rp750 miliar');
  });

  it('re-renders in place when a new tally arrives, and switches to English', () => {
    const { rerender } = renderTally(makeTally());
    expect(screen.getByTestId('tally-agreements').textContent).toBe('0 dari 3 perjanjian');
    expect(screen.getByText('Belum ada penandatanganan.')).toBeTruthy();
    rerender(
      <I18nProvider initialLang="id">
        <TallyScreen title="Upacara" tally={signedTally} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('tally-agreements').textContent).toBe('2 dari 3 perjanjian');
    fireEvent.click(screen.getByRole('button', { name: 'EN' }));
    expect(screen.getByTestId('tally-value').textContent).toBe('Rp1.25 trillion of Rp1.5 trillion');
    expect(screen.getByRole('button', { name: 'EN' }).getAttribute('aria-pressed')).toBe('true');
    expect(localStorage.getItem('saksi:lang')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('loads the stage only when the viewer asks for it', () => {
    let stageRenders = 0;
    render(
      <I18nProvider initialLang="id">
        <TallyScreen
          title="Upacara"
          tally={signedTally}
          renderStage={() => {
            stageRenders++;
            return <div data-testid="stage" />;
          }}
        />
      </I18nProvider>,
    );
    expect(screen.queryByTestId('stage')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Tonton panggung' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(screen.getByTestId('stage')).toBeTruthy();
    expect(stageRenders).toBeGreaterThan(0);
  });
});
