// The one owner of mediasoup-client: Device, send/recv transports, producers and consumers, and
// the media signaling over the ceremony's socket. Components subscribe to snapshots and call
// methods; they never touch mediasoup-client. The session rebuilds itself after a network loss.
import { Device } from 'mediasoup-client';
import type { Consumer, Producer, RtpCapabilities, Transport } from 'mediasoup-client/types';
import type { MediaStateView, MediaTransportStats } from '../../shared/protocol/media-events';
import type { MediaKind } from '../../shared/protocol/media-schemas';
import type { Role } from '../../shared/domain/types';
import { emptyRecord, ownValue, withRecordEntry } from '../../shared/domain/own-keys';
import { MediaRequestError, requestMedia, type MediaSocket } from './media-requests';
import { readConsumerStats, type ReceiveStats } from './media-stats';

export type MediaStatus = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'failed' | 'closed';

export interface RemoteTrack {
  consumerId: string;
  producerId: string;
  track: MediaStreamTrack;
}

export interface RemoteRoomMedia {
  roomId: string;
  video?: RemoteTrack;
  audio?: RemoteTrack;
  stats: ReceiveStats;
}

export interface MediaClientSnapshot {
  status: MediaStatus;
  /** User-safe reason for 'failed' or a refused device (id, en). */
  problem?: { message: string; messageEn: string };
  canProduce: boolean;
  localStream?: MediaStream;
  micOn: boolean;
  cameraOn: boolean;
  /** The organizer paused this room's microphone or camera. */
  pausedByOrganizer: { audio: boolean; video: boolean };
  server: MediaStateView;
  /** By room id; a null-prototype object, so a room called `constructor` reads as absent until it is there. */
  remote: Record<string, RemoteRoomMedia>;
  transportStats: MediaTransportStats[];
  /** The room the media server last heard loudest (mediasoup backend; organizers only). */
  activeSpeakerRoomId?: string;
}

export interface MediaClientOptions {
  socket: MediaSocket;
  role: Role;
  roomId?: string;
  /** Camera constraints; tests and small screens keep the default 640x480. */
  video?: MediaTrackConstraints;
  /** Camera and microphone the official chose in the pre-join check; published as they are. */
  localStream?: MediaStream;
  /** Simulcast layer to receive: the console's small gallery tiles take 'low'; stages 'high'. */
  layer?: 'low' | 'high';
  /** Pause between rebuild attempts, growing up to the maximum. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/** Low, medium, high (for a 640x480 camera: 160x120, 320x240, 640x480). */
const SIMULCAST_ENCODINGS = [
  { rid: 'r0', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
  { rid: 'r1', scaleResolutionDownBy: 2, maxBitrate: 400_000 },
  { rid: 'r2', scaleResolutionDownBy: 1, maxBitrate: 1_000_000 },
];

const EMPTY_STATS: ReceiveStats = { framesDecoded: 0, audioLevel: 0, audioPacketsReceived: 0, videoPacketsReceived: 0, packetsLost: 0 };

/** One media session (device + transports); thrown away whole when the network drops. */
interface Session {
  device: Device;
  sendTransport?: Transport;
  recvTransport: Transport;
  producers: Map<MediaKind, Producer>;
  consumers: Map<string, { consumer: Consumer; roomId: string }>;
  consuming: Set<string>;
  dead: boolean;
}

export class MediaClient {
  private snapshot: MediaClientSnapshot = {
    status: 'idle',
    canProduce: false,
    micOn: true,
    cameraOn: true,
    pausedByOrganizer: { audio: false, video: false },
    server: { producers: [], featuredRoomIds: [] },
    remote: emptyRecord(),
    transportStats: [],
  };
  private readonly listeners = new Set<() => void>();
  private session: Session | undefined;
  private reconcileChain: Promise<void> = Promise.resolve();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private retryDelay: number;
  /** Bumped whenever a session is dropped, so late events of old transports are ignored. */
  private generation = 0;
  private started = false;
  private closed = false;
  private readonly unwire: Array<() => void> = [];
  /** Rooms whose media this client shows (the console's current gallery page); undefined = all. */
  private visibleRooms: ReadonlySet<string> | undefined;
  private simulcast = false;

  constructor(private readonly options: MediaClientOptions) {
    this.retryDelay = options.retryDelayMs ?? 1000;
    if (options.localStream) this.snapshot = { ...this.snapshot, localStream: options.localStream };
    this.wire();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): MediaClientSnapshot => this.snapshot;

  /** Joins media: loads the device, publishes camera and microphone (officials), consumes the stage. */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.statsTimer = setInterval(() => void this.pollReceiveStats(), 1000);
    if (this.options.socket.connected) void this.buildSession();
    else this.update({ status: 'connecting' });
  }

  async setMicEnabled(enabled: boolean): Promise<void> {
    await this.setSending('audio', enabled);
  }

  async setCameraEnabled(enabled: boolean): Promise<void> {
    await this.setSending('video', enabled);
  }

  /** Organizer: pause a room's (or, without roomId, everyone's) microphone or camera. */
  async muteRooms(kind: MediaKind, roomId?: string): Promise<number> {
    const result = await requestMedia(this.options.socket, 'media:muteRooms', roomId ? { kind, roomId } : { kind });
    return result.paused;
  }

  /** Organizer: choose the rooms on the stage. */
  async setStage(roomIds: string[]): Promise<void> {
    const state = await requestMedia(this.options.socket, 'media:setStage', { roomIds });
    this.applyServerState(state);
  }

  /**
   * Receive only these rooms (the console passes its gallery page); consumers of other rooms are
   * closed on the server too, so a page of 9 costs 9 rooms however many the ceremony has.
   */
  setVisibleRooms(roomIds: readonly string[] | undefined): void {
    const next = roomIds ? new Set(roomIds) : undefined;
    const same =
      next === undefined
        ? this.visibleRooms === undefined
        : this.visibleRooms !== undefined && next.size === this.visibleRooms.size && [...next].every((id) => this.visibleRooms!.has(id));
    if (same) return;
    this.visibleRooms = next;
    this.applyServerState(this.snapshot.server);
  }

  /** Organizer: per-transport counters from the server, kept in the snapshot. */
  async refreshTransportStats(): Promise<MediaTransportStats[]> {
    const transportStats = await requestMedia(this.options.socket, 'media:getStats', {});
    this.update({ transportStats });
    return transportStats;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    for (const off of this.unwire) off();
    const wasJoined = this.session !== undefined;
    this.dropSession();
    if (wasJoined && this.options.socket.connected) {
      requestMedia(this.options.socket, 'media:leave', {}, 3000).catch(() => {});
    }
    for (const track of this.snapshot.localStream?.getTracks() ?? []) track.stop();
    this.update({ status: 'closed', localStream: undefined, remote: emptyRecord() });
    this.listeners.clear();
  }

  // ---- session lifecycle ----

  private wire(): void {
    const { socket } = this.options;
    const onConnect = () => {
      if (this.started && !this.closed) this.scheduleRebuild(0);
    };
    const onDisconnect = () => {
      if (!this.started || this.closed) return;
      this.dropSession();
      this.update({ status: 'reconnecting', remote: emptyRecord() });
    };
    const onState = (state: MediaStateView) => this.applyServerState(state);
    const onConsumerClosed = ({ consumerId }: { consumerId: string }) => this.removeConsumer(consumerId);
    const onActiveSpeaker = ({ roomId }: { roomId: string }) => this.update({ activeSpeakerRoomId: roomId });
    const onProducerPaused = ({ kind, byOrganizer }: { kind: MediaKind; byOrganizer: boolean }) => {
      const producer = this.session?.producers.get(kind);
      if (producer && !producer.paused) producer.pause();
      this.update({
        ...(kind === 'audio' ? { micOn: false } : { cameraOn: false }),
        pausedByOrganizer: { ...this.snapshot.pausedByOrganizer, [kind]: byOrganizer },
      });
    };
    const onTransportClosed = ({ transportId }: { transportId: string }) => {
      // The server gave up on one of our transports (it heard nothing from it): start over.
      const session = this.session;
      if (session && (session.recvTransport.id === transportId || session.sendTransport?.id === transportId)) {
        this.scheduleRebuild(0);
      }
    };
    socket.on('connect', onConnect);
    socket.on('disconnect', onDisconnect);
    socket.on('media:state', onState);
    socket.on('media:consumerClosed', onConsumerClosed);
    socket.on('media:producerPaused', onProducerPaused);
    socket.on('media:transportClosed', onTransportClosed);
    socket.on('media:activeSpeaker', onActiveSpeaker);
    this.unwire.push(
      () => socket.off('connect', onConnect),
      () => socket.off('disconnect', onDisconnect),
      () => socket.off('media:state', onState),
      () => socket.off('media:consumerClosed', onConsumerClosed),
      () => socket.off('media:producerPaused', onProducerPaused),
      () => socket.off('media:transportClosed', onTransportClosed),
      () => socket.off('media:activeSpeaker', onActiveSpeaker),
    );
  }

  private scheduleRebuild(delayMs: number): void {
    if (this.closed) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.dropSession();
    this.update({ status: this.snapshot.status === 'idle' ? 'connecting' : 'reconnecting', remote: emptyRecord() });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.buildSession();
    }, delayMs);
  }

  private async buildSession(): Promise<void> {
    if (this.closed || this.session) return;
    const { socket } = this.options;
    if (this.snapshot.status !== 'reconnecting') this.update({ status: 'connecting' });
    let session: Session | undefined;
    // A rebuild, a disconnect or close() while we wait makes this attempt stale: stop quietly.
    const generation = this.generation;
    const isStale = () => this.closed || generation !== this.generation;
    try {
      const joined = await requestMedia(socket, 'media:join', {});
      if (isStale()) return;
      // State broadcasts that arrive while the device loads update the snapshot; the reconcile
      // below then uses the newest state, never this (by then possibly stale) answer.
      this.update({ server: joined.state });
      this.simulcast = joined.simulcast;
      const device = new Device();
      // The router's capabilities are mediasoup's RtpCapabilities by construction (see the schema).
      await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as unknown as RtpCapabilities });
      if (isStale()) return;
      const recvTransport = await this.createTransport(device, 'recv');
      if (isStale()) {
        recvTransport.close();
        return;
      }
      session = { device, recvTransport, producers: new Map(), consumers: new Map(), consuming: new Set(), dead: false };
      this.session = session;
      this.update({ canProduce: joined.canProduce });
      if (joined.canProduce) await this.publish(session);
      if (session.dead) return;
      this.retryDelay = this.options.retryDelayMs ?? 1000;
      this.update({ status: 'live', problem: undefined });
      this.applyServerState(this.snapshot.server);
    } catch (error) {
      if (session?.dead || isStale()) return;
      const problem =
        error instanceof MediaRequestError
          ? { message: error.error.message, messageEn: error.error.messageEn }
          : error instanceof DOMException && error.name === 'NotAllowedError'
            ? { message: 'Akses kamera atau mikrofon ditolak.', messageEn: 'Camera or microphone access was denied.' }
            : { message: 'Sambungan video gagal. Mencoba lagi…', messageEn: 'Video connection failed. Retrying…' };
      this.update({ status: 'failed', problem });
      const delay = this.retryDelay;
      this.retryDelay = Math.min(this.retryDelay * 2, this.options.maxRetryDelayMs ?? 8000);
      if (socket.connected) this.scheduleRebuild(delay);
    }
  }

  private async createTransport(device: Device, direction: 'send' | 'recv'): Promise<Transport> {
    const { socket } = this.options;
    const options = await requestMedia(socket, 'media:createTransport', { direction });
    const params = {
      id: options.id,
      iceParameters: options.iceParameters,
      iceCandidates: options.iceCandidates,
      dtlsParameters: options.dtlsParameters as Parameters<Device['createSendTransport']>[0]['dtlsParameters'],
    };
    const transport = direction === 'send' ? device.createSendTransport(params) : device.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      requestMedia(socket, 'media:connectTransport', { transportId: transport.id, dtlsParameters })
        .then(() => callback())
        .catch((error: Error) => errback(error));
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
        requestMedia(socket, 'media:produce', { transportId: transport.id, kind, rtpParameters })
          .then(({ producerId }) => callback({ id: producerId }))
          .catch((error: Error) => errback(error));
      });
    }
    // Only the transports of the current session may restart it; a dropped session's transports
    // can still report 'disconnected' or 'failed' on their way out.
    const generation = this.generation;
    const isCurrent = () => generation === this.generation && !transport.closed;
    let disconnectedTimer: ReturnType<typeof setTimeout> | undefined;
    transport.on('connectionstatechange', (state) => {
      if (disconnectedTimer) clearTimeout(disconnectedTimer);
      if (!isCurrent()) return;
      if (state === 'failed') this.scheduleRebuild(0);
      // A short blip recovers by itself; a long one means the path is gone.
      if (state === 'disconnected') {
        disconnectedTimer = setTimeout(() => {
          if (isCurrent()) this.scheduleRebuild(0);
        }, 4000);
      }
    });
    return transport;
  }

  private async publish(session: Session): Promise<void> {
    let stream = this.snapshot.localStream;
    if (!stream || stream.getTracks().some((track) => track.readyState === 'ended')) {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: true,
        video: this.options.video ?? { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 } },
      });
      if (this.closed) {
        for (const track of stream.getTracks()) track.stop();
        return;
      }
      this.update({ localStream: stream });
    }
    if (session.dead) return;
    session.sendTransport = await this.createTransport(session.device, 'send');
    if (session.dead) {
      session.sendTransport.close();
      return;
    }
    for (const track of stream.getTracks()) {
      if (session.dead) return;
      const kind = track.kind as MediaKind;
      // stopTracks false: the same camera and microphone are republished after a reconnect.
      // With simulcast, three encodings: the console's gallery receives the quarter-size one.
      const producer = await session.sendTransport.produce({
        track,
        stopTracks: false,
        ...(kind === 'video' && this.simulcast ? { encodings: SIMULCAST_ENCODINGS } : {}),
      });
      session.producers.set(kind, producer);
      const wanted = kind === 'audio' ? this.snapshot.micOn : this.snapshot.cameraOn;
      if (!wanted) await this.pauseProducer(producer, true);
    }
  }

  private dropSession(): void {
    this.generation++;
    const session = this.session;
    if (!session) return;
    session.dead = true;
    this.session = undefined;
    for (const { consumer } of session.consumers.values()) consumer.close();
    for (const producer of session.producers.values()) producer.close();
    session.sendTransport?.close();
    session.recvTransport.close();
  }

  // ---- sending ----

  private async setSending(kind: MediaKind, enabled: boolean): Promise<void> {
    this.update({
      ...(kind === 'audio' ? { micOn: enabled } : { cameraOn: enabled }),
      pausedByOrganizer: { ...this.snapshot.pausedByOrganizer, [kind]: false },
    });
    const producer = this.session?.producers.get(kind);
    if (producer) await this.pauseProducer(producer, !enabled);
  }

  private async pauseProducer(producer: Producer, paused: boolean): Promise<void> {
    if (paused) producer.pause();
    else producer.resume();
    await requestMedia(this.options.socket, 'media:setProducerPaused', { producerId: producer.id, paused });
  }

  // ---- receiving ----

  private applyServerState(state: MediaStateView): void {
    this.update({ server: state });
    this.reconcileChain = this.reconcileChain.then(() => this.reconcile()).catch(() => {});
  }

  /** Consume every visible producer of other rooms not consumed yet; drop the ones that left. */
  private async reconcile(): Promise<void> {
    const session = this.session;
    if (!session || session.dead || this.snapshot.status !== 'live') return;
    const visible = this.visibleRooms;
    const wanted = this.snapshot.server.producers.filter(
      (producer) => producer.roomId !== this.options.roomId && (visible === undefined || visible.has(producer.roomId)),
    );
    const wantedIds = new Set(wanted.map((producer) => producer.producerId));
    for (const [consumerId, { consumer, roomId }] of session.consumers) {
      if (wantedIds.has(consumer.producerId)) continue;
      this.removeConsumer(consumerId);
      // Still there but off the page: stop the server forwarding it.
      if (visible !== undefined && !visible.has(roomId)) {
        requestMedia(this.options.socket, 'media:closeConsumer', { consumerId }).catch(() => {});
      }
    }
    for (const producer of wanted) {
      if (session.consuming.has(producer.producerId)) continue;
      session.consuming.add(producer.producerId);
      try {
        await this.consume(session, producer.producerId);
      } catch {
        session.consuming.delete(producer.producerId);
      }
      if (session.dead) return;
    }
  }

  private async consume(session: Session, producerId: string): Promise<void> {
    const { socket } = this.options;
    const options = await requestMedia(socket, 'media:consume', {
      transportId: session.recvTransport.id,
      producerId,
      rtpCapabilities: session.device.recvRtpCapabilities,
      layer: this.options.layer ?? 'high',
    });
    if (session.dead) return;
    const consumer = await session.recvTransport.consume({
      id: options.id,
      producerId: options.producerId,
      kind: options.kind,
      rtpParameters: options.rtpParameters as unknown as Parameters<Transport['consume']>[0]['rtpParameters'],
    });
    session.consumers.set(consumer.id, { consumer, roomId: options.roomId });
    const room = ownValue(this.snapshot.remote, options.roomId) ?? { roomId: options.roomId, stats: EMPTY_STATS };
    this.update({
      remote: withRecordEntry(this.snapshot.remote, options.roomId, {
        ...room,
        [options.kind]: { consumerId: consumer.id, producerId, track: consumer.track },
      }),
    });
    await requestMedia(socket, 'media:resumeConsumer', { consumerId: consumer.id });
  }

  private removeConsumer(consumerId: string): void {
    const session = this.session;
    const entry = session?.consumers.get(consumerId);
    if (!session || !entry) return;
    session.consumers.delete(consumerId);
    session.consuming.delete(entry.consumer.producerId);
    entry.consumer.close();
    const room = ownValue(this.snapshot.remote, entry.roomId);
    if (!room) return;
    const next: RemoteRoomMedia = { ...room };
    if (next.video?.consumerId === consumerId) delete next.video;
    if (next.audio?.consumerId === consumerId) delete next.audio;
    this.update({ remote: withRecordEntry(this.snapshot.remote, entry.roomId, next.video || next.audio ? next : undefined) });
  }

  private async pollReceiveStats(): Promise<void> {
    const session = this.session;
    if (!session || session.consumers.size === 0) return;
    const byRoom = new Map<string, Consumer[]>();
    for (const { consumer, roomId } of session.consumers.values()) {
      byRoom.set(roomId, [...(byRoom.get(roomId) ?? []), consumer]);
    }
    const readings = new Map<string, ReceiveStats>();
    for (const [roomId, consumers] of byRoom) readings.set(roomId, await readConsumerStats(consumers));
    if (this.session !== session) return;
    // Merge into the snapshot as it is now: consumers added while the stats were read must stay.
    // (Writing back a copy taken before the awaits dropped a new consumer's track for good.)
    let remote = this.snapshot.remote;
    let changed = false;
    for (const [roomId, stats] of readings) {
      const room = ownValue(remote, roomId);
      if (!room) continue;
      remote = withRecordEntry(remote, roomId, { ...room, stats });
      changed = true;
    }
    if (changed) this.update({ remote });
  }

  private update(patch: Partial<MediaClientSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}
