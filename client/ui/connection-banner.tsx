import { useEffect, useRef, useState } from 'react';
import type { CeremonyClientState } from '../lib/ceremony-client';
import { useI18n } from './i18n-context';

/** Live region that announces lost connections and the catch-up after a reconnect. */
export function ConnectionBanner({ state }: { state: CeremonyClientState }) {
  const { t, lang } = useI18n();
  const [restored, setRestored] = useState(false);
  const wasDown = useRef(false);

  useEffect(() => {
    if (state.status === 'reconnecting') wasDown.current = true;
    if (state.status === 'connected' && wasDown.current && state.snapshots > 1) {
      wasDown.current = false;
      setRestored(true);
      const timer = setTimeout(() => setRestored(false), 4000);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [state.status, state.snapshots]);

  let text: string | undefined;
  let tone = 'info';
  if (state.status === 'reconnecting') {
    text = t('conn.reconnecting');
    tone = 'warning';
  } else if (state.status === 'refused') {
    const detail = lang === 'id' ? state.problem?.message : state.problem?.messageEn;
    text = `${t('conn.refused')}: ${detail ?? state.problem?.code ?? ''}`;
    tone = 'error';
  } else if (state.status === 'connecting' && !state.view) {
    text = t('conn.connecting');
  } else if (restored) {
    text = t('conn.restored');
    tone = 'success';
  }
  return (
    <div className={`connection-banner connection-banner--${tone}`} role="status" aria-live="polite" data-status={state.status} hidden={!text}>
      {text}
    </div>
  );
}
