import { useEffect, useState, useSyncExternalStore } from 'react';
import { CeremonyClient, type CeremonyClientOptions, type CeremonyClientState } from './ceremony-client';

const INITIAL: CeremonyClientState = { status: 'connecting', clockOffsetMs: 0, snapshots: 0 };
const noopSubscribe = () => () => {};

/** Owns one CeremonyClient for the lifetime of the screen; closes it on unmount. */
export function useCeremonyClient(options: CeremonyClientOptions & { enabled?: boolean }): { client?: CeremonyClient; state: CeremonyClientState } {
  const [client, setClient] = useState<CeremonyClient>();
  const { ceremonyId, token, url, enabled = true } = options;
  useEffect(() => {
    if (!enabled) return undefined;
    const created = new CeremonyClient({ ceremonyId, token, url });
    setClient(created);
    created.connect();
    return () => created.close();
  }, [ceremonyId, token, url, enabled]);
  const state = useSyncExternalStore(client?.subscribe ?? noopSubscribe, client?.getState ?? (() => INITIAL));
  return { client, state };
}
