// How much the server holds for a socket that does not read fast enough: packets Engine.IO
// has queued while its transport was busy, plus what the WebSocket has handed to Node but the
// kernel has not taken yet. Reads Engine.IO internals (writeBuffer, transport.socket) defensively:
// anything missing counts as zero.
import type { Limits } from '../limits/limits';
import type { SaksiServer, SaksiSocket } from './types';

interface EngineInternals {
  writeBuffer?: Array<{ data?: unknown }>;
  transport?: { socket?: { bufferedAmount?: unknown } };
}

function sizeOf(data: unknown): number {
  if (typeof data === 'string') return data.length;
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

export function bufferedBytes(socket: SaksiSocket): number {
  const conn = socket.conn as unknown as EngineInternals;
  let bytes = 0;
  for (const packet of conn.writeBuffer ?? []) bytes += sizeOf(packet.data);
  const ws = conn.transport?.socket?.bufferedAmount;
  if (typeof ws === 'number') bytes += ws;
  return bytes;
}

/**
 * Every `intervalMs`: disconnect sockets holding more than the per-socket bound, then, while all
 * sockets together hold more than the total bound, the most backed-up ones. A disconnected
 * client reconnects and starts again from a fresh snapshot, so nothing is lost but the backlog.
 */
export function startBackpressureSweep(
  io: SaksiServer,
  limits: Pick<Limits, 'socketMaxBufferedBytes' | 'totalBufferedBytes'>,
  log: (message: string) => void,
  intervalMs = 1000,
): () => void {
  const timer = setInterval(() => {
    const held: Array<{ socket: SaksiSocket; bytes: number }> = [];
    let total = 0;
    for (const socket of io.of('/').sockets.values()) {
      const bytes = bufferedBytes(socket);
      if (bytes > limits.socketMaxBufferedBytes) {
        log(`socket ${socket.id} disconnected: ${bytes} bytes waiting to be written`);
        socket.disconnect(true);
        continue;
      }
      if (bytes > 0) held.push({ socket, bytes });
      total += bytes;
    }
    if (total <= limits.totalBufferedBytes) return;
    held.sort((a, b) => b.bytes - a.bytes);
    for (const { socket, bytes } of held) {
      if (total <= limits.totalBufferedBytes) break;
      log(`socket ${socket.id} disconnected: all sockets hold ${total} bytes`);
      socket.disconnect(true);
      total -= bytes;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
