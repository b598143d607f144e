// The raw baseline for bench/fanout.ts: a bare Socket.IO server that, when a client emits 'sign',
// acks it and broadcasts a payload of the given size to every connected client. Same transport
// and ping settings as Saksi's server; no state, no validation, no views.
// With `ack-first` (bench/cluster.ts) the ack goes out before the broadcast, as Saksi acknowledges
// a signature before publishing it: the delay from ack to arrival is then the broadcast's own.
// Run: npx tsx bench/raw-broadcast-server.ts <payloadBytes> [ack-first]
import { createServer } from 'node:http';
import { Server } from 'socket.io';

// `at` (the event time, as a Saksi tally carries its latest signedAt) plus filler up to the size.
const filler = 'x'.repeat(Math.max(0, Number(process.argv[2] ?? 2200) - 30));
const ackFirst = process.argv[3] === 'ack-first';
const http = createServer();
const io = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.on('connection', (socket) => {
  socket.on('sign', (_payload: unknown, ack: (r: unknown) => void) => {
    if (ackFirst) ack({ ok: true });
    io.emit('tally:updated', { at: new Date().toISOString(), data: filler });
    if (!ackFirst) ack({ ok: true });
  });
});
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  if (address && typeof address === 'object') console.log(`running at http://127.0.0.1:${address.port}`);
});
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
