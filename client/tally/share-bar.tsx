// The tally's link, ready to paste into a chat; the page title carries the current figures.
import { useEffect, useState } from 'react';
import type { Tally } from '../../shared/domain/types';
import { tallySummary } from '../../shared/format/tally-summary';
import { useTallyText } from './tally-text';

export function useTallyTitle(title: string, tally: Tally): void {
  const { lang } = useTallyText();
  const summary = tallySummary(tally, lang);
  useEffect(() => {
    document.title = `${summary} — ${title}`;
  }, [summary, title]);
}

export function ShareButton({ title, tally }: { title: string; tally: Tally }) {
  const { tt, lang } = useTallyText();
  const [copied, setCopied] = useState(false);
  const share = async () => {
    const url = window.location.origin + window.location.pathname;
    const text = tallySummary(tally, lang);
    try {
      if (typeof navigator.share === 'function') {
        await navigator.share({ title, text, url });
        return;
      }
      await navigator.clipboard.writeText(`${text} ${url}`);
      setCopied(true);
      setTimeout(() => setCopied(false), 3000);
    } catch {
      // The viewer closed the share sheet, or the clipboard is blocked: the address bar still works.
    }
  };
  return (
    <button type="button" className="button button--secondary" onClick={share} data-testid="tally-share">
      {copied ? tt('copied') : tt('share')}
    </button>
  );
}
