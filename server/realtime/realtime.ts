// The only place that creates the Socket.IO server: admission and authentication, request
// limits and backpressure, channels, presence, handlers, and broadcasting what the ceremony
// service publishes.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { CeremonyUpdate, Identity, InviteLink } from '../../shared/protocol/views';
import type { CeremonyService, Published } from '../ceremony/ceremony-service';
import type { CredentialGuard } from '../limits/credential-guard';
import type { Limits } from '../limits/limits';
import type { CeremonyStore } from '../persistence/store-contract';
import { createAuthMiddleware } from './auth';
import { startBackpressureSweep } from './backpressure';
import { registerCeremonyHandlers } from './ceremony-handlers';
import { PresenceBroadcast } from './presence-broadcast';
import { createSocketGuard } from './socket-guard';
import { channels, type RealtimePlugin, type SaksiServer, type SaksiSocket } from './types';
import { ViewCache } from './view-cache';
import { ActivityCoalescer, AfterAck, ChangeCoalescer, ChangeThrottle } from './coalescer';
import { attachOnFirstRequest, observerChannel, ObserverSnapshots, spotlightRoomIds } from './observer-channel';
import { installOneRoomBroadcast } from './one-room-broadcast';
import { MAX_SIGNATURE_DATA_URL_CHARS } from '../../shared/protocol/schemas';
import type { ClusterLink } from '../cluster/cluster-link';
import type { CeremonyState } from '../domain/state';
import { StoredState } from '../ceremony/stored-state';
import { createSignaturePool } from '../workers/signature-pool';

export interface RealtimeDeps {
  httpServer: HttpServer;
  service: CeremonyService;
  store: CeremonyStore;
  organizerToken: string;
  inviteSecret: Buffer;
  evidenceKey: Buffer;
  tallyIntervalMs: number;
  limits: Limits;
  credentials: CredentialGuard;
  now: () => string;
  inviteLink: (ceremonyId: string, roomId: string) => InviteLink;
  log: (message: string, error?: unknown) => void;
  /** Cluster mode: the Redis adapter, commit notices and presence shared with the other nodes. */
  cluster?: ClusterLink;
}

export const ACTIVITY_IN_VIEW = 50;
/** Older invite epochs whose sockets a re-issue disconnects (each re-issue already dropped the ones before). */
const REVOKED_EPOCHS_SWEPT = 8;

export interface Realtime {
  io: SaksiServer;
  views: ViewCache;
  addPlugin(plugin: RealtimePlugin): void;
  /** Starts the signature worker before the first drawn signature needs it (start-server.ts, after start-up). */
  startSignatureWorker(): void;
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
  const nowMs = () => Date.parse(deps.now());
  const stored = new StoredState(deps.service, deps.store);
  const clusterPresence = deps.cluster?.attach(io, {
    remoteCommit: (ceremonyId, version) => {
      deps.service.markStale(ceremonyId, version);
      views.invalidate(ceremonyId);
      // Reload now (coalesced), so what this node serves next is at least that new.
      deps.service.ensure(ceremonyId).catch((error) => deps.log(`reloading ${ceremonyId} after a remote commit failed`, error));
    },
    presenceChanged: (ceremonyId, roomIds) => presence.changed(ceremonyId, roomIds),
  });
  // After the cluster's adapter (if any) is in place: it is the one broadcasts go through.
  installOneRoomBroadcast(io);
  /** The state with every room's presence counted over all nodes (the domain counts this node's). */
  const withClusterPresence = (state: CeremonyState | undefined): CeremonyState | undefined => {
    if (!state || !clusterPresence) return state;
    const merged = new Map(state.presence);
    for (const [roomId, entry] of state.presence) merged.set(roomId, { ...entry, view: clusterPresence.merge(state.ceremony.id, entry.view) });
    return { ...state, presence: merged };
  };
  // Coalesced updates go out later than the change that caused them, with the state of then: they
  // carry the version of the state they are read from, which includes every change they carry.
  const version = (ceremonyId: string) => deps.service.version(ceremonyId) ?? 0;
  const views = new ViewCache({
    ttlMs: deps.limits.syncCacheMs,
    getState: (ceremonyId) => withClusterPresence(deps.service.get(ceremonyId)),
    getVersion: (ceremonyId) => deps.service.version(ceremonyId) ?? 0,
    activity: (ceremonyId) => deps.service.activity(ceremonyId).slice(-ACTIVITY_IN_VIEW),
    now: deps.now,
    nowMs: Date.now,
  });

  // Participants and observers (an observer is never in the ceremony's channel).
  const everyoneAndObservers = (ceremonyId: string) => io.to([channels.ceremony(ceremonyId), observerChannel(ceremonyId)]);
  // The tally and the agreement changes in one flush per interval. Each channel on its own: a
  // broadcast to one room reaches its sockets without the adapter's de-duplication
  // (one-room-broadcast.ts); the tally is encoded twice (~10 µs) instead of a Set of every
  // observer's id being built (~3 ms at 10,000). The observers first: written first, the
  // participants' 17 socket writes (0.5–1 ms on this machine) came between the signer's ack and
  // every observer's tally (most of session 6's unexplained ~3 ms at 10 observers). Each
  // participant gets one message with the tally and the agreements (see ChangeCoalescer).
  const changes = new ChangeCoalescer(deps.tallyIntervalMs, (ceremonyId, changed) => {
    const state = deps.service.get(ceremonyId);
    if (!state) return;
    const at = version(ceremonyId);
    if (changed.tally) io.to(observerChannel(ceremonyId)).emit('tally:updated', state.tally, at);
    const update: CeremonyUpdate = changed.tally ? { agreements: changed.agreements, tally: state.tally } : { agreements: changed.agreements };
    io.to(channels.ceremony(ceremonyId)).emit('ceremony:updated', update, at);
  });
  const presence = new PresenceBroadcast({
    intervalMs: deps.tallyIntervalMs,
    settleMs: deps.limits.presenceSettleMs,
    current: (ceremonyId, roomId) => {
      const view = deps.service.get(ceremonyId)?.presence.get(roomId)?.view;
      return view && clusterPresence ? clusterPresence.merge(ceremonyId, view) : view;
    },
    // Presence is volatile: a missed update is repaired by the next one or a sync.
    emit: (ceremonyId, view) => everyoneAndObservers(ceremonyId).volatile.emit('presence:updated', view),
    settle: async (ceremonyId, roomId) => {
      // Still connected on another node: that node audits the room's leaving when it happens.
      if (clusterPresence && clusterPresence.remoteConnections(ceremonyId, roomId) > 0) return;
      const r = await deps.service.execute(ceremonyId, { type: 'settlePresence', actor: { role: 'system' }, roomId });
      if (!r.ok) deps.log(`settling presence of ${ceremonyId}/${roomId} failed`, r.error);
    },
  });
  const observerSnapshots = new ObserverSnapshots();
  const guard = createSocketGuard(io, deps.limits, (message) => deps.log(message), Date.now);
  const stopSweep = startBackpressureSweep(io, deps.limits, (message) => deps.log(message));
  const activityFeed = new ActivityCoalescer(deps.tallyIntervalMs, (ceremonyId, items) => {
    io.to(channels.organizers(ceremonyId)).emit('activity:appended', items);
  });
  const spotlight = new ChangeThrottle(
    deps.tallyIntervalMs,
    (ceremonyId) => {
      const state = deps.service.get(ceremonyId);
      return state ? spotlightRoomIds(state) : undefined;
    },
    (ceremonyId, roomIds) => io.to(observerChannel(ceremonyId)).emit('observer:spotlight', roomIds, version(ceremonyId)),
  );

  io.use((socket, next) => guard.admit(socket, next));
  io.use(createAuthMiddleware({ ...deps, nowMs, stored }));

  /**
   * Resolves when the cached state holds every commit stored before the call. One process: at
   * once (its cache is the truth). Several: the stored version is read (shared by concurrent
   * callers), because another node's broadcast (Redis stream) may arrive before its commit notice
   * (Redis pub/sub), and a snapshot built from the cache could then miss an update its socket
   * also missed.
   */
  const upToDate = async (ceremonyId: string): Promise<void> => {
    await (deps.cluster ? stored.state(ceremonyId) : deps.service.ensure(ceremonyId));
  };

  // Drawn signatures are decoded off the main event loop (issue 11: the loop stays free in a burst).
  const signatures = createSignaturePool({ log: deps.log });
  const handlerDeps = {
    decodeSignature: (dataUrl: string) => signatures.decode(dataUrl),
    service: deps.service,
    now: deps.now,
    // One process: the cache is the truth. Several: a sync may follow a commit acknowledged by
    // another node whose notice has not arrived yet, and must not answer with an older state.
    view: deps.cluster
      ? async (you: Identity) => {
          await upToDate(you.ceremonyId);
          return views.view(you);
        }
      : (you: Identity) => views.view(you),
    inviteLink: deps.inviteLink,
    log: deps.log,
    evidenceKey: deps.evidenceKey,
  };

  io.on('connection', (socket: SaksiSocket) => {
    const { identity } = socket.data;
    const { ceremonyId } = identity;
    if (identity.role === 'observer') {
      // The tally-only channel and view (issue 11); ceremony:sync still answers with the full view.
      // Handlers come with the first request: an idle observer costs about a raw client.
      attachOnFirstRequest(socket, () => {
        registerCeremonyHandlers(socket, handlerDeps);
        for (const plugin of plugins) plugin.attach(socket);
      });
      guard.guard(socket);
      void socket.join(observerChannel(ceremonyId));
      // Joined first, then the snapshot (see upToDate): a tally broadcast this socket missed
      // because it came before the join is from a commit the snapshot holds.
      void upToDate(ceremonyId).then(
        () => {
          const state = withClusterPresence(deps.service.get(ceremonyId));
          if (state && socket.connected) socket.emit('observer:snapshot', observerSnapshots.view(state, version(ceremonyId), deps.now()));
        },
        (error) => deps.log(`observer snapshot of ${ceremonyId} failed`, error),
      );
      return;
    }
    guard.guard(socket);
    void socket.join(channels.ceremony(ceremonyId));
    if (identity.role === 'organizer') void socket.join(channels.organizers(ceremonyId));
    let joined: Promise<unknown> = Promise.resolve();
    if (identity.role === 'official' && identity.roomId) {
      const roomId = identity.roomId;
      void socket.join([channels.room(ceremonyId, roomId), channels.roomEpoch(ceremonyId, roomId, socket.data.inviteEpoch ?? 0)]);
      // The handshake compared the epoch; a re-issue committed since then (on any node) may have
      // sent its disconnect before this socket joined its epoch's channel. Read again, now that it
      // has: a later re-issue's disconnect reaches it, an earlier one is seen here.
      void stored.state(ceremonyId).then(
        (state) => {
          if (socket.connected && state?.inviteEpochs.get(roomId) !== socket.data.inviteEpoch) socket.disconnect(true);
        },
        (error) => deps.log(`re-checking the invite of ${ceremonyId}/${roomId} failed`, error),
      );
      clusterPresence?.joined(ceremonyId, roomId);
      joined = deps.service.execute(ceremonyId, { type: 'join', actor: identity, roomId });
      socket.on('disconnect', () => {
        clusterPresence?.left(ceremonyId, roomId);
        // Queued after the join: the leave is applied to the state the join left.
        void deps.service.execute(ceremonyId, { type: 'leave', actor: { role: 'system' }, roomId });
        presence.scheduleSettle(ceremonyId, roomId);
      });
    }
    registerCeremonyHandlers(socket, handlerDeps);
    for (const plugin of plugins) plugin.attach(socket);
    // The snapshot shows the room's own connection: it is built once the join is applied.
    void joined
      .then(() => upToDate(ceremonyId))
      .then(() => {
        const view = socket.connected ? views.view(identity) : undefined;
        if (view) socket.emit('ceremony:snapshot', view);
      })
      .catch((error) => deps.log(`snapshot of ${ceremonyId} failed`, error));
  });

  const afterAck = new AfterAck<Published>((published) => broadcast(published));
  const unsubscribe = deps.service.subscribe((published: Published) => {
    if (deps.cluster && published.events.length) deps.cluster.announceCommit(published.ceremonyId, published.version);
    afterAck.push(published);
  });

  function broadcast({ ceremonyId, version: at, state, applied, events, activity: items }: Published): void {
    views.invalidate(ceremonyId);
    const everyone = everyoneAndObservers(ceremonyId);
    let tallyChanged = false;
    let spotlightChanged = false;
    if (applied.presenceChanged?.length) presence.changed(ceremonyId, applied.presenceChanged);
    for (const event of events) {
      switch (event.type) {
        case 'ceremony.lobbyOpened':
        case 'ceremony.signingStarted':
        case 'ceremony.closed':
          everyone.emit('ceremony:phase', { phase: state.ceremony.phase, at: event.at, version: at });
          tallyChanged = true;
          break;
        case 'signature.recorded':
        case 'agreement.stamped':
          tallyChanged = true;
          break;
        case 'agreement.signed':
          tallyChanged = true;
          spotlightChanged = true;
          break;
        case 'invite.reissued':
          // Links issued before are revoked: their sockets leave now, not at their next reconnect,
          // on every node (in cluster mode the adapter carries the disconnect).
          io.in(revokedEpochChannels(ceremonyId, event.roomId, event.epoch)).disconnectSockets(true);
          break;
        case 'room.joined':
        case 'room.left':
          break;
        case 'agreement.called': {
          const wave = state.ceremony.waves.find((w) => w.id === event.waveId);
          if (wave) io.to(channels.ceremony(ceremonyId)).emit('wave:called', wave, at);
          spotlightChanged = true;
          break;
        }
        case 'agreement.recalled':
          spotlightChanged = true;
          break;
        case 'wave.recalled':
          spotlightChanged = true;
          break;
        case 'agreement.stampFailed':
        case 'agreement.stampRetried':
          break;
        case 'beritaAcara.officialSigned':
        case 'beritaAcara.finishedWithoutOfficials':
          if (state.ceremony.beritaAcara) io.to(channels.ceremony(ceremonyId)).emit('beritaAcara:updated', state.ceremony.beritaAcara);
          break;
        default: {
          const never: never = event;
          deps.log(`unbroadcast event ${JSON.stringify(never)}`);
        }
      }
    }
    // The tally first (see ChangeCoalescer's emit): it is what thousands wait for; the
    // participants' updates before it cost its observers ~1 ms per signature (bench/fanout.ts).
    changes.add(ceremonyId, tallyChanged, applied.changedAgreements);
    if (spotlightChanged) spotlight.markDirty(ceremonyId);
    activityFeed.add(ceremonyId, items);
    if (events.length) for (const plugin of plugins) plugin.onDomainEvents?.(ceremonyId, events);
  }

  return {
    io,
    views,
    addPlugin(plugin) {
      plugins.push(plugin);
    },
    startSignatureWorker: () => signatures.start(),
    async close() {
      stopSweep();
      afterAck.close();
      changes.close();
      activityFeed.close();
      spotlight.close();
      for (const plugin of plugins) await plugin.close();
      await new Promise<void>((resolve) => {
        io.disconnectSockets(true);
        void io.close(() => resolve());
      });
      // After the sockets are gone: rooms they left are audited as left, then nothing is published.
      await presence.close();
      clusterPresence?.close();
      await deps.service.idle();
      unsubscribe();
      views.clear();
      observerSnapshots.clear();
      await signatures.close();
    },
  };
}

function revokedEpochChannels(ceremonyId: string, roomId: string, epoch: number): string[] {
  const names: string[] = [];
  for (let e = Math.max(0, epoch - REVOKED_EPOCHS_SWEPT); e < epoch; e++) names.push(channels.roomEpoch(ceremonyId, roomId, e));
  return names;
}
