import { useState } from 'react';
import { browserCredentialEnvironment, takeCredential } from '../lib/credentials';
import { useCeremonyClient } from '../lib/use-ceremony';
import { useI18n } from '../ui/i18n-context';
import { ScreenGate } from '../ui/screen-gate';
import { RoomScreen } from './room-screen';

export default function RoomRoute({ ceremonyId }: { ceremonyId: string }) {
  const [token] = useState(() => takeCredential(browserCredentialEnvironment(), 'room', ceremonyId));
  const { client, state } = useCeremonyClient({ ceremonyId, token, enabled: !!token });
  const { t } = useI18n();
  if (!token) return <p className="screen-message" role="alert">{t('conn.noToken')}</p>;
  return (
    <ScreenGate client={client} state={state} ceremonyId={ceremonyId}>
      {(view, c) => <RoomScreen view={view} client={c} state={state} />}
    </ScreenGate>
  );
}
