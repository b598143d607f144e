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

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type InterServerEvents = {};

export type SaksiServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type SaksiSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Socket.IO room names: one per ceremony, its organizers, and each regional room. */
export const channels = {
  ceremony: (ceremonyId: string) => `c:${ceremonyId}`,
  organizers: (ceremonyId: string) => `c:${ceremonyId}:organizers`,
  room: (ceremonyId: string, roomId: string) => `c:${ceremonyId}:room:${roomId}`,
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
