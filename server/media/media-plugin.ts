// The media feature as a realtime plugin: media:* signaling on every authenticated socket, one
// router per ceremony on the embedded SFU, and the stage following the signing desk.
import type { Ceremony } from '../../shared/domain/types';
import type { DomainEvent } from '../domain/events';
import type { RealtimePlugin, SaksiServer } from '../realtime/types';
import { readMediaConfig, type MediaConfig } from './config';
import { MediaCeremony } from './media-ceremony';
import type { MediaServer } from './media-server';
import { attachMediaHandlers } from './media-signaling';
import { findMediasoupBuild } from './mediasoup/load-mediasoup';
import { roomsOfAgreements } from './media-visibility';

export interface MediaPluginOptions {
  io: SaksiServer;
  env: NodeJS.ProcessEnv;
  getCeremony(ceremonyId: string): Ceremony | undefined;
  /** Another MediaServer implementation (e.g. mediasoup); defaults to the embedded werift SFU. */
  createMediaServer?: (config: MediaConfig) => Promise<MediaServer>;
  /** Where unexpected media errors go; defaults to console.error. */
  logError?: (error: unknown) => void;
}

export function createMediaPlugin(options: MediaPluginOptions): RealtimePlugin {
  const config = readMediaConfig(options.env);
  if (config.backend === 'mediasoup' && !options.createMediaServer) {
    // Refuse to start rather than fail every join later.
    const found = findMediasoupBuild(options.env);
    if (!found.ok) throw new Error(`MEDIA_BACKEND=mediasoup: ${found.reason}`);
  }
  const logError = options.logError ?? ((error: unknown) => console.error('[media]', error));
  const createServer =
    options.createMediaServer ??
    (config.backend === 'mediasoup'
      ? // Loaded only when asked for: it needs the worker built by `npm run media:mediasoup`.
        async (settings: MediaConfig) => (await import('./mediasoup/mediasoup-media-server')).createMediasoupMediaServer(settings)
      : // Also loaded at the first join: werift costs ~0.3 s of CPU to load, at start-up of every server.
        // By default it runs in its own worker thread, where nothing on the main event loop delays a packet.
        config.sfuThread
        ? async (settings: MediaConfig) => (await import('./werift-thread-server')).createWeriftThreadMediaServer(settings)
        : async (settings: MediaConfig) => (await import('./werift-media-server')).createWeriftMediaServer(settings));
  let server: Promise<MediaServer> | undefined;
  // Creation is shared so that concurrent joins of one ceremony get the same router.
  const ceremonies = new Map<string, Promise<MediaCeremony>>();
  let closed = false;

  const ceremonyFor = (ceremonyId: string): Promise<MediaCeremony> => {
    if (closed) return Promise.reject(new Error('media plugin closed'));
    let ceremony = ceremonies.get(ceremonyId);
    if (!ceremony) {
      server ??= createServer(config);
      ceremony = server
        .then((media) => media.createRouter())
        .then((router) => {
          const media = new MediaCeremony(ceremonyId, router, () => options.getCeremony(ceremonyId), (empty) => {
            // Nobody left in this ceremony's media: close its router (a later join opens a new one).
            if (ceremonies.get(ceremonyId) === ceremony) ceremonies.delete(ceremonyId);
            empty.close().catch(logError);
          });
          // Media may start after agreements were called (a server restart, a late first join).
          const state = options.getCeremony(ceremonyId);
          const called = state?.agreements.filter((agreement) => agreement.status === 'called').map((agreement) => agreement.id);
          if (state && called?.length) media.setFeatured(roomsOfAgreements(state, called));
          return media;
        });
      ceremony.catch(() => ceremonies.delete(ceremonyId));
      ceremonies.set(ceremonyId, ceremony);
    }
    return ceremony;
  };

  const existingCeremony = async (ceremonyId: string): Promise<MediaCeremony | undefined> =>
    ceremonies.get(ceremonyId)?.catch(() => undefined);

  return {
    attach(socket) {
      attachMediaHandlers(socket, { ceremonyFor, existingCeremony, onInternalError: logError });
    },

    onDomainEvents(ceremonyId: string, events: DomainEvent[]) {
      const pending = ceremonies.get(ceremonyId);
      if (!pending) return;
      for (const event of events) {
        if (event.type !== 'agreement.called') continue;
        // Calling an agreement puts its parties' rooms on the stage.
        void pending
          .then((ceremony) => {
            const ceremonyState = options.getCeremony(ceremonyId);
            if (ceremonyState) ceremony.setFeatured(roomsOfAgreements(ceremonyState, event.agreementIds));
          })
          .catch(logError);
      }
    },

    async close() {
      closed = true;
      const all = [...ceremonies.values()];
      ceremonies.clear();
      for (const settled of await Promise.allSettled(all)) {
        if (settled.status === 'fulfilled') await settled.value.close();
      }
      if (server) await (await server.catch(() => undefined))?.close();
    },
  };
}
