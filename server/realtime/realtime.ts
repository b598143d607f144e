// The only place that creates the Socket.IO server: authentication, channels, presence,
// handlers, and broadcasting what the ceremony service publishes.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { InviteLink } from '../../shared/protocol/views';
import type { CeremonyService, Published } from '../ceremony/ceremony-service';
import type { CeremonyStore } from '../persistence/store';
import { createAuthMiddleware } from './auth';
import { registerCeremonyHandlers } from './ceremony-handlers';
import { TallyThrottle } from './tally-throttle';
import { channels, type RealtimePlugin, type SaksiServer, type SaksiSocket } from './types';
import { buildView } from './views';
import { MAX_SIGNATURE_DATA_URL_CHARS } from '../../shared/protocol/schemas';

export interface RealtimeDeps {
  httpServer: HttpServer;
  service: CeremonyService;
  store: CeremonyStore;
  organizerToken: string;
  inviteSecret: Buffer;
  tallyIntervalMs: number;
  now: () => string;
  inviteLink: (ceremonyId: string, roomId: string) => InviteLink;
  log: (message: string, error?: unknown) => void;
}

export const ACTIVITY_IN_VIEW = 50;

export interface Realtime {
  io: SaksiServer;
  addPlugin(plugin: RealtimePlugin): void;
  close(): Promise<void>;
}

export function createRealtime(deps: RealtimeDeps): Realtime {
  const io: SaksiServer = new Server(deps.httpServer, {
    // Room for one maximal drawn signature plus the envelope; anything larger is cut off.
    maxHttpBufferSize: MAX_SIGNATURE_DATA_URL_CHARS * 2 + 16 * 1024,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const plugins: RealtimePlugin[] = [];
  const activity = (ceremonyId: string) => deps.store.recentActivity(ceremonyId, ACTIVITY_IN_VIEW);

  const tally = new TallyThrottle(deps.tallyIntervalMs, (ceremonyId) => {
    const state = deps.service.get(ceremonyId);
    if (state) io.to(channels.ceremony(ceremonyId)).emit('tally:updated', state.tally);
  });

  io.use(createAuthMiddleware({ ...deps, nowMs: () => Date.parse(deps.now()) }));

  io.on('connection', (socket: SaksiSocket) => {
    const { identity } = socket.data;
    const { ceremonyId } = identity;
    void socket.join(channels.ceremony(ceremonyId));
    if (identity.role === 'organizer') void socket.join(channels.organizers(ceremonyId));
    if (identity.role === 'official' && identity.roomId) {
      void socket.join(channels.room(ceremonyId, identity.roomId));
      deps.service.execute(ceremonyId, { type: 'join', actor: identity, roomId: identity.roomId });
      socket.on('disconnect', () => {
        deps.service.execute(ceremonyId, { type: 'leave', actor: { role: 'system' }, roomId: identity.roomId! });
      });
    }
    registerCeremonyHandlers(socket, { service: deps.service, now: deps.now, activity, inviteLink: deps.inviteLink, log: deps.log });
    for (const plugin of plugins) plugin.attach(socket);
    const state = deps.service.get(ceremonyId);
    if (state) socket.emit('ceremony:snapshot', buildView(state, identity, activity(ceremonyId), deps.now()));
  });

  const unsubscribe = deps.service.subscribe((published: Published) => broadcast(published));

  function broadcast({ ceremonyId, state, applied, events, activity: items }: Published): void {
    const everyone = io.to(channels.ceremony(ceremonyId));
    let tallyChanged = false;
    for (const event of events) {
      switch (event.type) {
        case 'ceremony.lobbyOpened':
        case 'ceremony.signingStarted':
        case 'ceremony.closed':
          everyone.emit('ceremony:phase', { phase: state.ceremony.phase, at: event.at });
          tallyChanged = true;
          break;
        case 'room.joined':
        case 'room.left':
          // Presence is volatile: a missed update is repaired by the next one or a sync.
          everyone.volatile.emit('presence:updated', state.presence[event.roomId]);
          break;
        case 'signature.recorded':
        case 'agreement.signed':
        case 'agreement.stamped':
          tallyChanged = true;
          break;
        case 'invite.reissued':
          // Links issued before are revoked: their sockets leave now, not at their next reconnect.
          for (const s of io.of('/').sockets.values()) {
            const d = s.data;
            if (d.identity?.ceremonyId === ceremonyId && d.identity.roomId === event.roomId && d.inviteEpoch !== event.epoch) {
              s.disconnect(true);
            }
          }
          break;
        case 'agreement.called':
        case 'agreement.recalled':
        case 'agreement.stampFailed':
        case 'agreement.stampRetried':
          break;
        default: {
          const never: never = event;
          deps.log(`unbroadcast event ${JSON.stringify(never)}`);
        }
      }
    }
    if (applied.changedAgreements.length) everyone.emit('agreements:updated', applied.changedAgreements);
    if (items.length) io.to(channels.organizers(ceremonyId)).emit('activity:appended', items);
    if (tallyChanged) tally.markDirty(ceremonyId);
    for (const plugin of plugins) plugin.onDomainEvents?.(ceremonyId, events);
  }

  return {
    io,
    addPlugin(plugin) {
      plugins.push(plugin);
    },
    async close() {
      unsubscribe();
      tally.close();
      for (const plugin of plugins) await plugin.close();
      await new Promise<void>((resolve) => {
        io.disconnectSockets(true);
        void io.close(() => resolve());
      });
    },
  };
}
