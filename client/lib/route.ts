// The server serves index.html for every screen; the path picks which one to load.
export type ScreenName = 'room' | 'console' | 'tally';
export interface Route {
  screen: ScreenName;
  ceremonyId: string;
}

export function parseRoute(pathname: string): Route | undefined {
  const match = /^\/(room|console|tally)\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\/?$/.exec(pathname);
  if (!match) return undefined;
  return { screen: match[1] as ScreenName, ceremonyId: match[2] };
}
