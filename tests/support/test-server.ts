// A real Saksi server on 127.0.0.1 (ephemeral port) with a temporary DATA_DIR, seeded with a
// small roster through the real import API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TRoster } from '../../shared/protocol/schemas';
import type { CeremonyLinks } from '../../shared/protocol/views';
import { parseConfig } from '../../server/config';
import { startServer, type StartedServer } from '../../server/start-server';
import type { App } from '../../server/app';
import { tinyRoster } from './tiny-roster';

export interface TestServer {
  url: string;
  organizerToken: string;
  ceremonyId: string;
  dataDir: string;
  links: CeremonyLinks;
  app: App;
  /** Stops the server; keeps DATA_DIR so a restart on it can be tested. */
  stop(): Promise<void>;
  /** Stops the server and removes DATA_DIR. */
  close(): Promise<void>;
}

export interface TestServerOptions {
  roster?: TRoster | null;
  media?: boolean;
  dataDir?: string;
  env?: Record<string, string>;
  tallyIntervalMs?: number;
  /** Receives the server's log lines (silent by default). */
  log?: (message: string, error?: unknown) => void;
}

export const TEST_ORGANIZER_TOKEN = 'uji-organizer-credential-0123456789';

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'saksi-test-'));
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ORGANIZER_TOKEN: TEST_ORGANIZER_TOKEN,
    SEED_DEMO: '0',
    TALLY_INTERVAL_MS: String(options.tallyIntervalMs ?? 100),
    MEDIA_LISTEN_IP: '127.0.0.1',
    ...options.env,
  };
  const started: StartedServer = await startServer(parseConfig(env), {
    env: { ...process.env, ...env },
    media: options.media ?? false,
    log: options.log ?? (() => {}),
  });
  const { url } = started;
  let ceremonyId = (await started.app.store.listCeremonies())[0]?.id ?? '';
  const roster = options.roster === undefined ? tinyRoster() : options.roster;
  if (roster && !(await started.app.store.hasCeremony(roster.id ?? ''))) {
    const res = await fetch(`${url}/api/ceremonies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ORGANIZER_TOKEN}` },
      body: JSON.stringify(roster),
    });
    if (res.status !== 201) throw new Error(`import failed: ${res.status} ${await res.text()}`);
    ceremonyId = ((await res.json()) as { id: string }).id;
  } else if (roster?.id) {
    ceremonyId = roster.id;
  }
  const links = ceremonyId
    ? ((await (
        await fetch(`${url}/api/ceremonies/${ceremonyId}/links`, { headers: { authorization: `Bearer ${TEST_ORGANIZER_TOKEN}` } })
      ).json()) as CeremonyLinks)
    : { console: '', tally: '', rooms: [] };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await started.close();
  };
  return {
    url,
    organizerToken: TEST_ORGANIZER_TOKEN,
    ceremonyId,
    dataDir,
    links,
    app: started.app,
    stop,
    async close() {
      await stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The invite token inside a room link (`…/room/<id>#token=<token>`). */
export function tokenFromLink(url: string): string {
  return decodeURIComponent(new URL(url).hash.replace(/^#token=/, ''));
}
