// Invite and organizer tokens arrive in the URL hash (never sent to the server in a request
// line or a Referer). They are moved to sessionStorage so the address bar can be shown or
// screenshotted without the secret, and a reload in the same tab still works.
import type { ScreenName } from './route';

export interface CredentialEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
}

function storageKey(screen: ScreenName, ceremonyId: string): string {
  return `saksi:token:${screen}:${ceremonyId}`;
}

export function takeCredential(env: CredentialEnvironment, screen: ScreenName, ceremonyId: string): string | undefined {
  const key = storageKey(screen, ceremonyId);
  const fromHash = new URLSearchParams(env.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      env.storage.setItem(key, fromHash);
    } catch {
      // Private mode may refuse storage; the token still works for this page load.
    }
    env.history.replaceState(null, '', env.location.pathname + env.location.search);
    return fromHash;
  }
  try {
    return env.storage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function browserCredentialEnvironment(): CredentialEnvironment {
  return { location: window.location, history: window.history, storage: window.sessionStorage };
}
