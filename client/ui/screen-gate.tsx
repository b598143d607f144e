import type { ReactNode } from 'react';
import type { CeremonyView } from '../../shared/protocol/views';
import type { CeremonyClient, CeremonyClientState } from '../lib/ceremony-client';
import { ConnectionBanner } from './connection-banner';
import { useI18n } from './i18n-context';
import { WaitingCard } from './waiting-card';

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
    <WaitingCard>
      <ConnectionBanner state={state} />
      {state.status !== 'refused' ? <p className="waiting-card__text">{t('conn.loading')}</p> : null}
    </WaitingCard>
  );
}
