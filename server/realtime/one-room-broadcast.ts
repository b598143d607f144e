// Socket.IO's in-memory adapter (and the Redis streams adapter, which delivers locally through it)
// reaches the sockets of a broadcast's rooms through a Set of the ids already served, so that a
// socket in two rooms gets a packet once. A broadcast to ONE room with no exceptions (the tally to
// the observers' channel: thousands of sockets) has distinct ids already, and the Set is pure
// overhead: ~0.3 µs and an entry per socket, 2.5–3 ms and a 10,000-entry allocation per tally at
// 10,000 observers, where a raw `io.emit()` to everyone iterates its sockets without one
// (bench/fanout.ts, issue 11). Every other case (several rooms, exceptions, no room) keeps the
// library's own path.
import type { BroadcastOptions } from 'socket.io-adapter';
import type { SaksiServer } from './types';

type Apply = (opts: BroadcastOptions, callback: (socket: unknown) => void) => void;

/** The parts of the adapter this reads (`apply` is private in its typings). */
interface AdapterInternals {
  apply: Apply;
  rooms: Map<string, Set<string>>;
  nsp: { sockets: Map<string, unknown> };
}

/** Installs the one-room path on the server's main namespace's adapter (call after `io.adapter(…)`). */
export function installOneRoomBroadcast(io: SaksiServer): void {
  const adapter = io.of('/').adapter as unknown as AdapterInternals;
  const libraryApply: Apply = adapter.apply.bind(adapter);
  adapter.apply = (opts: BroadcastOptions, callback: (socket: unknown) => void) => {
    if (opts.rooms.size !== 1 || (opts.except && opts.except.size > 0)) return libraryApply(opts, callback);
    const [room] = opts.rooms;
    const ids = adapter.rooms.get(room);
    if (!ids) return;
    // As the library does: a socket leaving the room during the loop is skipped, never visited twice.
    for (const id of ids) {
      const socket = adapter.nsp.sockets.get(id);
      if (socket) callback(socket);
    }
  };
}
