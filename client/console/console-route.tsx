import { useEffect, useMemo, useState } from 'react';
import type { CeremonyLinks } from '../../shared/protocol/views';
import { browserCredentialEnvironment, takeCredential } from '../lib/credentials';
import { useCeremonyClient } from '../lib/use-ceremony';
import { useI18n } from '../ui/i18n-context';
import { ScreenGate } from '../ui/screen-gate';
import { consoleActions } from './console-actions';
import { ConsoleScreen } from './console-screen';

export default function ConsoleRoute({ ceremonyId }: { ceremonyId: string }) {
  const [token] = useState(() => takeCredential(browserCredentialEnvironment(), 'console', ceremonyId));
  const { client, state } = useCeremonyClient({ ceremonyId, token, enabled: !!token });
  const actions = useMemo(() => (client ? consoleActions(client) : undefined), [client]);
  const { t } = useI18n();
  const [links, setLinks] = useState<CeremonyLinks>();
  const [linksFailed, setLinksFailed] = useState(false);

  useEffect(() => {
    if (!token) return;
    const abort = new AbortController();
    fetch(`/api/ceremonies/${encodeURIComponent(ceremonyId)}/links`, { headers: { Authorization: `Bearer ${token}` }, signal: abort.signal })
      .then((res) => (res.ok ? (res.json() as Promise<CeremonyLinks>) : Promise.reject(new Error(String(res.status)))))
      .then(setLinks)
      .catch(() => {
        if (!abort.signal.aborted) setLinksFailed(true);
      });
    return () => abort.abort();
  }, [ceremonyId, token]);

  if (!token) return <p className="screen-message" role="alert">{t('conn.noToken')}</p>;
  return (
    <ScreenGate client={client} state={state} ceremonyId={ceremonyId}>
      {(view, c) =>
        actions ? (
          <ConsoleScreen view={view} state={state} actions={actions} links={links} linksError={linksFailed ? t('console.linksFailed') : undefined} socket={c.socket} />
        ) : null
      }
    </ScreenGate>
  );
}
