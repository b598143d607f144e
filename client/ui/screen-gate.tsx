import type { ReactNode } from 'react';
import type { CeremonyView } from '../../shared/protocol/views';
import type { CeremonyClient, CeremonyClientState } from '../lib/ceremony-client';
import { ConnectionBanner } from './connection-banner';
import { useI18n } from './i18n-context';
import { InviteProblem } from './invite-problem';
import { WaitingCard } from './waiting-card';

/** Shows the banner and a calm placeholder until the first snapshot has arrived. */
export function ScreenGate({
  client,
  state,
  children,
  ceremonyId,
}: {
  client?: CeremonyClient;
  state: CeremonyClientState;
  children: (view: CeremonyView, client: CeremonyClient) => ReactNode;
  /** Set where a link was used: a refusal then explains itself and names whom to call. */
  ceremonyId?: string;
}) {
  const { t } = useI18n();
  if (state.view && client) return <>{children(state.view, client)}</>;
  if (state.status === 'refused' && state.problem && ceremonyId) {
    return (
      <WaitingCard>
        <InviteProblem problem={state.problem} ceremonyId={ceremonyId} />
      </WaitingCard>
    );
  }
  return (
    <WaitingCard>
      <ConnectionBanner state={state} />
      {state.status !== 'refused' ? <p className="waiting-card__text">{t('conn.loading')}</p> : null}
    </WaitingCard>
  );
}
