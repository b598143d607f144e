// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { SigningPad } from '../../../client/room/signing-pad';
import type { TSignatureInput } from '../../../shared/protocol/schemas';
import { I18nProvider } from '../../../client/ui/i18n-context';

afterEach(cleanup);

function renderPad(lang: 'id' | 'en' = 'id') {
  const confirmed: TSignatureInput[] = [];
  render(
    <I18nProvider initialLang={lang}>
      <SigningPad partyName="CV Kopi Pandeglang" signerName="Ahmad Fauzi" onConfirm={(s) => void confirmed.push(s)} />
    </I18nProvider>,
  );
  return { confirmed, pad: screen.getByRole('img', { name: /Area tanda tangan|Signature area/ }) };
}

function draw(pad: Element, points: [number, number][], pointerId = 1) {
  const [first, ...rest] = points;
  fireEvent.pointerDown(pad, { pointerId, button: 0, pointerType: 'mouse', clientX: first[0], clientY: first[1] });
  for (const [x, y] of rest) fireEvent.pointerMove(pad, { pointerId, pointerType: 'mouse', clientX: x, clientY: y });
  fireEvent.pointerUp(pad, { pointerId, pointerType: 'mouse' });
}

describe('SigningPad', () => {
  it('keeps confirm disabled until something is drawn, then draws smoothed strokes', () => {
    const { pad } = renderPad();
    const confirm = screen.getByRole('button', { name: 'Konfirmasi tanda tangan' });
    expect(confirm).toHaveProperty('disabled', true);
    draw(pad, [[50, 80], [90, 120], [140, 70], [200, 130]]);
    expect(pad.getAttribute('data-strokes')).toBe('1');
    expect(pad.querySelector('path.signing-pad__ink')?.getAttribute('d')).toMatch(/^M50\.0 80\.0Q/);
    expect(confirm).toHaveProperty('disabled', false);
  });

  it('undoes the last stroke and clears all', () => {
    const { pad } = renderPad();
    draw(pad, [[50, 80], [150, 90]]);
    draw(pad, [[60, 150], [200, 160]], 2);
    expect(pad.querySelectorAll('path.signing-pad__ink')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Urungkan' }));
    expect(pad.querySelectorAll('path.signing-pad__ink')).toHaveLength(1);
    draw(pad, [[60, 150], [200, 160]], 3);
    fireEvent.click(screen.getByRole('button', { name: 'Hapus' }));
    expect(pad.querySelectorAll('path.signing-pad__ink')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Konfirmasi tanda tangan' })).toHaveProperty('disabled', true);
  });

  it('ignores moves of a pointer that is not drawing (a second finger, a hovering mouse)', () => {
    const { pad } = renderPad();
    fireEvent.pointerMove(pad, { pointerId: 7, clientX: 10, clientY: 10 });
    expect(pad.getAttribute('data-strokes')).toBe('0');
  });

  it('confirms a drawn signature as a PNG data URL of the ink', async () => {
    const { pad, confirmed } = renderPad();
    draw(pad, [[50, 80], [90, 120], [140, 70], [200, 130], [260, 90]]);
    fireEvent.click(screen.getByRole('button', { name: 'Konfirmasi tanda tangan' }));
    await waitFor(() => expect(confirmed).toHaveLength(1));
    const signature = confirmed[0];
    expect(signature.kind).toBe('drawn');
    if (signature.kind !== 'drawn') return;
    const png = PNG.sync.read(Buffer.from(signature.dataUrl.split(',')[1], 'base64'));
    // Ink spans 210×60 pad units (+ padding), rendered at 2 px per unit in this unsized pad.
    expect(png.width).toBe(Math.ceil((210 + 12) * 2));
    expect(png.height).toBe(Math.ceil((60 + 12) * 2));
  });

  it('types a name instead, with the keyboard alone, in English too', async () => {
    const { confirmed } = renderPad('en');
    fireEvent.click(screen.getByRole('radio', { name: 'Type' }));
    const input = screen.getByLabelText('Type your full name');
    fireEvent.change(input, { target: { value: '  Ahmad Fauzi ' } });
    expect(screen.getByText(/on behalf of CV Kopi Pandeglang/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm signature' }));
    await waitFor(() => expect(confirmed).toEqual([{ kind: 'typed', text: 'Ahmad Fauzi' }]));
  });
});

describe('SigningPad while signing is unavailable', () => {
  it('lets the signer draw but not confirm until the connection is back', () => {
    render(
      <I18nProvider initialLang="id">
        <SigningPad partyName="CV Kopi Pandeglang" signerName="Ahmad Fauzi" disabled onConfirm={() => undefined} />
      </I18nProvider>,
    );
    const pad = screen.getByRole('img', { name: /Area tanda tangan/ });
    draw(pad, [[50, 80], [150, 120]]);
    expect(pad.getAttribute('data-strokes')).toBe('1');
    expect(screen.getByRole('button', { name: 'Konfirmasi tanda tangan' })).toHaveProperty('disabled', true);
  });
});
