import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol/events';
import type { Identity } from '../../shared/protocol/views';
import type { DomainEvent } from '../domain/events';

export interface SocketData {
  identity: Identity;
  /** Client address and user agent, hashed into signature evidence. */
  ip: string;
  userAgent: string;
  /** `jti` of the invite token an official connected with. */
  tokenId?: string;
  /** Invite epoch of that token: re-issuing the room's link disconnects older ones. */
  inviteEpoch?: number;
}

/** Between Saksi nodes (cluster mode, through the Redis adapter); payloads are checked on arrival. */
export interface InterServerEvents {
  /** A node committed this ceremony up to `version`: cached state older than that is stale. */
  'saksi:committed': (message: unknown) => void;
  /** A node's official connections per room (see cluster/cluster-presence.ts). */
  'saksi:presence': (message: unknown) => void;
}

export type SaksiServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type SaksiSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket.IO room names: one per ceremony, its organizers, and each regional room. */
export const channels = {
  ceremony: (ceremonyId: string) => `c:${ceremonyId}`,
  organizers: (ceremonyId: string) => `c:${ceremonyId}:organizers`,
  room: (ceremonyId: string, roomId: string) => `c:${ceremonyId}:room:${roomId}`,
  /**
   * The officials of a room who connected with the link of one invite epoch. Re-issuing the link
   * disconnects the older epochs' channels, on every node (the adapter carries it).
   */
  roomEpoch: (ceremonyId: string, roomId: string, epoch: number) => `c:${ceremonyId}:room:${roomId}:e${epoch}`,
};

/**
 * A feature that lives beside the ceremony protocol on the same socket (media signaling).
 * The realtime adapter calls `attach` for every authenticated socket and forwards the
 * ceremony's domain events once they are persisted.
 */
export interface RealtimePlugin {
  attach(socket: SaksiSocket): void;
  onDomainEvents?(ceremonyId: string, events: DomainEvent[]): void;
  close(): Promise<void>;
}
