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

  constructor(
    readonly ceremonyId: string,
    readonly router: MediaRouter,
    private readonly getCeremony: () => Ceremony | undefined,
  ) {}

  get stageRoomId(): string | undefined {
    return findStageRoomId(this.getCeremony());
  }

  get roomIds(): string[] {
    return this.getCeremony()?.rooms.map((room) => room.id) ?? [];
  }

  addPeer(socket: SaksiSocket): MediaPeer {
    const existing = this.peers.get(socket.id);
    if (existing) this.closePeer(socket.id);
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
  closePeer(socketId: string): void {
    const peer = this.peers.get(socketId);
    if (!peer) return;
    this.peers.delete(socketId);
    for (const { transport } of peer.transports.values()) transport.close();
    peer.transports.clear();
    this.broadcastState();
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
  pauseRooms(kind: MediaKind, roomId: string | undefined): number {
    let paused = 0;
    for (const peer of this.peers.values()) {
      for (const [producerId, entry] of peer.producers) {
        if (entry.producer.kind !== kind || (roomId !== undefined && entry.roomId !== roomId)) continue;
        if (!entry.producer.paused) {
          entry.producer.pause();
          paused++;
        }
        peer.socket.emit('media:producerPaused', { producerId, kind, byOrganizer: true });
      }
    }
    this.broadcastState();
    return paused;
  }

  collectStats(): MediaTransportStats[] {
    const stats: MediaTransportStats[] = [];
    for (const peer of this.peers.values()) {
      for (const [transportId, { transport, direction }] of peer.transports) {
        stats.push({
          transportId,
          direction,
          role: peer.identity.role,
          ...(peer.identity.roomId ? { roomId: peer.identity.roomId } : {}),
          ...transport.getStats(),
        });
      }
    }
    return stats;
  }

  canConsume(producerId: string, rtpCapabilities: TRtpCapabilities): boolean {
    return this.router.canConsume({ producerId, rtpCapabilities });
  }

  async close(): Promise<void> {
    for (const socketId of [...this.peers.keys()]) this.closePeer(socketId);
    await this.router.close();
  }
}
