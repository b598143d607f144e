// @vitest-environment jsdom
// jsdom, like a browser without AudioContext.setSinkId, cannot choose a speaker: the pre-join's
// speaker test says the system's default is used and where to change it. The choice itself is
// exercised in Chromium (tests/browser/ceremony-at-size.test.ts).
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../../../client/ui/i18n-context';
import { SpeakerTest } from '../../../client/ui/speaker-test';

afterEach(cleanup);

describe('SpeakerTest', () => {
  it('falls back to a plain note where the browser cannot choose the output device', () => {
    render(
      <I18nProvider initialLang="en">
        <SpeakerTest speakers={[{ id: 'spk-1', label: 'USB speaker' }]} />
      </I18nProvider>,
    );
    expect(screen.getByTestId('speaker-test').getAttribute('data-choosable')).toBe('no');
    expect(screen.getByTestId('speaker-fallback').textContent).toContain("system's default speaker");
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByRole('button', { name: 'Test the speaker' })).toBeTruthy();
  });
});
