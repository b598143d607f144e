// The media side of one ceremony: its router, the sockets that joined media, what they produce
// and consume, and which rooms are on the stage. Signaling handlers act through this object.
import type { Ceremony } from '../../shared/domain/types';
import type { MediaProducerView, MediaStateView, MediaTransportStats } from '../../shared/protocol/media-events';
import type { MediaKind, TRtpCapabilities } from '../../shared/protocol/media-schemas';
import type { Identity } from '../../shared/protocol/views';
import type { SaksiSocket } from '../realtime/types';
import type { MediaConsumer, MediaProducer, MediaRouter, MediaTransport } from './media-server';
import { canSeeRoom, findStageRoomId } from './media-visibility';

export interface ProducerEntry {
  producer: MediaProducer;
  roomId: string;
  peer: MediaPeer;
}

export interface ConsumerEntry {
  consumer: MediaConsumer;
  roomId: string;
}

export interface MediaPeer {
  socket: SaksiSocket;
  identity: Identity;
  transports: Map<string, { transport: MediaTransport; direction: 'send' | 'recv' }>;
  producers: Map<string, ProducerEntry>;
  consumers: Map<string, ConsumerEntry>;
}

export class MediaCeremony {
  readonly peers = new Map<string, MediaPeer>();
  featuredRoomIds: string[] = [];
  /** The room whose microphone the backend found loudest last (mediasoup's ActiveSpeakerObserver). */
  activeSpeakerRoomId: string | undefined;
  closed = false;
  private readonly stopSpeakerWatch: () => void;

  constructor(
    readonly ceremonyId: string,
    readonly router: MediaRouter,
    private readonly getCeremony: () => Ceremony | undefined,
    /** Called when the last peer left: the owner closes this ceremony's router. */
    private readonly onEmpty: (ceremony: MediaCeremony) => void = () => {},
  ) {
    this.stopSpeakerWatch = router.onActiveSpeaker((producerId) => {
      const entry = this.findProducer(producerId);
      if (!entry || entry.roomId === this.activeSpeakerRoomId) return;
      this.activeSpeakerRoomId = entry.roomId;
      // Only the console shows the indicator.
      for (const peer of this.peers.values()) {
        if (peer.identity.role === 'organizer') peer.socket.emit('media:activeSpeaker', { roomId: entry.roomId });
      }
    });
  }

  get stageRoomId(): string | undefined {
    return findStageRoomId(this.getCeremony());
  }

  get roomIds(): string[] {
    return this.getCeremony()?.rooms.map((room) => room.id) ?? [];
  }

  addPeer(socket: SaksiSocket): MediaPeer {
    const existing = this.peers.get(socket.id);
    // A re-join replaces the old session; it must not count as the ceremony emptying.
    if (existing) this.closePeer(socket.id, { replacing: true });
    const peer: MediaPeer = {
      socket,
      identity: socket.data.identity,
      transports: new Map(),
      producers: new Map(),
      consumers: new Map(),
    };
    this.peers.set(socket.id, peer);
    return peer;
  }

  /** Closes everything a socket had; its producers' consumers elsewhere are told by their close hooks. */
  closePeer(socketId: string, options: { replacing?: boolean } = {}): void {
    const peer = this.peers.get(socketId);
    if (!peer) return;
    this.peers.delete(socketId);
    for (const { transport } of peer.transports.values()) transport.close();
    peer.transports.clear();
    this.broadcastState();
    if (this.peers.size === 0 && !this.closed && !options.replacing) this.onEmpty(this);
  }

  findProducer(producerId: string): ProducerEntry | undefined {
    for (const peer of this.peers.values()) {
      const entry = peer.producers.get(producerId);
      if (entry) return entry;
    }
    return undefined;
  }

  canSee(identity: Identity, roomId: string): boolean {
    return canSeeRoom(identity, roomId, { stageRoomId: this.stageRoomId, featuredRoomIds: this.featuredRoomIds });
  }

  stateFor(identity: Identity): MediaStateView {
    const producers: MediaProducerView[] = [];
    for (const peer of this.peers.values()) {
      for (const [producerId, entry] of peer.producers) {
        if (!this.canSee(identity, entry.roomId) && identity.roomId !== entry.roomId) continue;
        producers.push({ producerId, roomId: entry.roomId, kind: entry.producer.kind, paused: entry.producer.paused });
      }
    }
    return { producers, featuredRoomIds: [...this.featuredRoomIds], stageRoomId: this.stageRoomId };
  }

  broadcastState(): void {
    for (const peer of this.peers.values()) peer.socket.emit('media:state', this.stateFor(peer.identity));
  }

  /** Sets the featured rooms; consumers of rooms a peer may no longer see are closed. */
  setFeatured(roomIds: string[]): void {
    const known = new Set(this.roomIds);
    this.featuredRoomIds = [...new Set(roomIds)].filter((id) => known.has(id) && id !== this.stageRoomId);
    for (const peer of this.peers.values()) {
      for (const entry of [...peer.consumers.values()]) {
        if (!this.canSee(peer.identity, entry.roomId)) entry.consumer.close();
      }
    }
    this.broadcastState();
  }

  /** Organizer mute: pauses the producers of one kind in one room (or every room). */
  async pauseRooms(kind: MediaKind, roomId: string | undefined): Promise<number> {
    const pausing: Promise<void>[] = [];
    for (const peer of this.peers.values()) {
      for (const [producerId, entry] of peer.producers) {
        if (entry.producer.kind !== kind || (roomId !== undefined && entry.roomId !== roomId)) continue;
        if (!entry.producer.paused) pausing.push(entry.producer.pause());
        peer.socket.emit('media:producerPaused', { producerId, kind, byOrganizer: true });
      }
    }
    // A producer closed meanwhile counts as paused: it sends nothing either way.
    await Promise.allSettled(pausing);
    this.broadcastState();
    return pausing.length;
  }

  async collectStats(): Promise<MediaTransportStats[]> {
    const rows: Promise<MediaTransportStats | undefined>[] = [];
    for (const peer of this.peers.values()) {
      for (const [transportId, { transport, direction }] of peer.transports) {
        rows.push(
          transport.getStats().then(
            (counters) => ({
              transportId,
              direction,
              role: peer.identity.role,
              ...(peer.identity.roomId ? { roomId: peer.identity.roomId } : {}),
              ...counters,
            }),
            // Closed while its stats were read: it is simply gone from the table.
            () => undefined,
          ),
        );
      }
    }
    return (await Promise.all(rows)).filter((row): row is MediaTransportStats => row !== undefined);
  }

  canConsume(producerId: string, rtpCapabilities: TRtpCapabilities): boolean {
    return this.router.canConsume({ producerId, rtpCapabilities });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopSpeakerWatch();
    for (const socketId of [...this.peers.keys()]) this.closePeer(socketId);
    await this.router.close();
  }
}
