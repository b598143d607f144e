import type { ReactNode } from 'react';
import type { CeremonyView } from '../../shared/protocol/views';
import type { CeremonyClient, CeremonyClientState } from '../lib/ceremony-client';
import { ConnectionBanner } from './connection-banner';
import { useI18n } from './i18n-context';
import { LangSwitch } from './lang-switch';

/** Shows the banner and a calm placeholder until the first snapshot has arrived. */
export function ScreenGate({
  client,
  state,
  children,
}: {
  client?: CeremonyClient;
  state: CeremonyClientState;
  children: (view: CeremonyView, client: CeremonyClient) => ReactNode;
}) {
  const { t } = useI18n();
  if (state.view && client) return <>{children(state.view, client)}</>;
  return (
    <div className="screen screen--waiting">
      <div className="waiting-card">
        <p className="screen-header__eyebrow">
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </p>
        <ConnectionBanner state={state} />
        {state.status !== 'refused' ? <p className="waiting-card__text">{t('conn.loading')}</p> : null}
        <LangSwitch />
      </div>
    </div>
  );
}
