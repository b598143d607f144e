// Bounds what one client can make the server do over Socket.IO:
// - admission (io.use, before authentication): new connections per address, open connections
//   per address;
// - every request (socket.use, before any handler): a tight per-socket bucket, a tighter one for
//   `ceremony:sync` (the largest answer), then a generous per-address bucket that only counts
//   requests their own socket was allowed — so one flooding socket cannot use up its address's
//   budget and starve the other clients behind the same NAT (or loopback, in tests);
// - backpressure: a socket that does not read its answers gets no more full views, and is
//   disconnected once too much is waiting for it;
// - a socket that keeps sending after being refused is disconnected as greedy.
// A refused request is acked with RATE_LIMITED and `retryAfterMs`, and never reaches a handler;
// an event no handler listens to is acked INVALID_PAYLOAD.
import type { Server } from 'socket.io';
import type { Ack } from '../../shared/protocol/ack';
import type { ClientToServerEvents } from '../../shared/protocol/events';
import { addressKey } from '../limits/client-address';
import type { Limits } from '../limits/limits';
import { TokenBucket, TokenBuckets, type Taken } from '../limits/token-buckets';
import { errorAck, rateLimitedAck, HandshakeError } from './ack';
import { bufferedBytes } from './backpressure';
import type { SaksiServer, SaksiSocket } from './types';

/** Every client→server event of the protocol; the type makes a missing one a compile error. */
const CLIENT_EVENTS: Record<keyof ClientToServerEvents, true> = {
  'ceremony:sync': true,
  'ceremony:openLobby': true,
  'ceremony:startSigning': true,
  'ceremony:close': true,
  'agreement:call': true,
  'agreement:recall': true,
  'wave:recall': true,
  'agreement:retryStamp': true,
  'agreement:sign': true,
  'room:reissueInvite': true,
  'beritaAcara:sign': true,
  'beritaAcara:finishWithoutOfficials': true,
  'media:join': true,
  'media:createTransport': true,
  'media:connectTransport': true,
  'media:produce': true,
  'media:consume': true,
  'media:resumeConsumer': true,
  'media:closeConsumer': true,
  'media:setProducerPaused': true,
  'media:leave': true,
  'media:muteRooms': true,
  'media:setStage': true,
  'media:getStats': true,
};

export interface SocketGuard {
  /** `io.use` middleware: admits or refuses a new connection. */
  admit(socket: SaksiSocket, next: (err?: Error) => void): void;
  /** Installs the per-request checks on a connected socket (before its handlers run). */
  guard(socket: SaksiSocket): void;
}

export function createSocketGuard(
  io: SaksiServer,
  limits: Limits,
  log: (message: string) => void,
  nowMs: () => number = Date.now,
): SocketGuard {
  const connects = new TokenBuckets(limits.addressConnects, nowMs);
  const addressEvents = new TokenBuckets(limits.addressEvents, nowMs);
  const open = new Map<string, number>();

  // Open connections are counted at the Engine.IO level: also those that never authenticate.
  (io as unknown as Server).engine.on('connection', (conn: { remoteAddress?: string; once(e: 'close', l: () => void): void }) => {
    const key = addressKey(conn.remoteAddress);
    open.set(key, (open.get(key) ?? 0) + 1);
    conn.once('close', () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left > 0) open.set(key, left);
      else open.delete(key);
    });
  });

  return {
    admit(socket, next) {
      const key = addressKey(socket.handshake.address);
      if ((open.get(key) ?? 0) > limits.addressMaxSockets) return next(new HandshakeError('RATE_LIMITED', 5000));
      const taken = connects.take(key);
      if (!taken.ok) return next(new HandshakeError('RATE_LIMITED', taken.retryAfterMs));
      next();
    },

    guard(socket) {
      const key = addressKey(socket.handshake.address);
      const events = new TokenBucket(limits.socketEvents, nowMs);
      const syncs = new TokenBucket(limits.socketSync, nowMs);
      const strikes = new TokenBucket(limits.socketStrikes, nowMs);
      let cutOff = false;
      const cut = (reason: string) => {
        if (!cutOff) log(`socket ${socket.id} disconnected: ${reason}`);
        cutOff = true;
        socket.disconnect(true);
      };
      socket.use((packet, next) => {
        // Packets already read from a socket we hung up on are dropped without a word.
        if (cutOff) return;
        const last = packet[packet.length - 1];
        const ack = packet.length > 1 && typeof last === 'function' ? (last as (r: Ack<never>) => void) : undefined;
        const buffered = bufferedBytes(socket);
        if (buffered > limits.socketMaxBufferedBytes) return cut(`${buffered} bytes waiting to be written`);
        let taken: Taken = events.take();
        if (taken.ok && packet[0] === 'ceremony:sync') {
          taken = syncs.take();
          // Another full view for a client that has not read the last ones would only pile up.
          if (taken.ok && buffered > limits.socketSoftBufferedBytes) taken = { ok: false, retryAfterMs: 1000 };
        }
        if (taken.ok) taken = addressEvents.take(key);
        if (taken.ok) {
          // An event nobody handles is answered, so a client never waits for an ack that cannot come.
          const event = packet[0];
          if (typeof event !== 'string' || !Object.hasOwn(CLIENT_EVENTS, event) || socket.listenerCount(event) === 0) {
            ack?.(errorAck('INVALID_PAYLOAD', ['unknown event']));
            return;
          }
          return next();
        }
        if (!strikes.take().ok) return cut('kept sending after being refused');
        ack?.(rateLimitedAck(taken.retryAfterMs));
      });
    },
  };
}
