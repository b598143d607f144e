// The raw baseline for bench/fanout.ts: a bare Socket.IO server that, when a client emits 'sign',
// acks it and broadcasts a payload to every connected client. Same transport and ping settings as
// Saksi's server; no state, no validation, no views.
// The payload is either filler of a given size, or (a path ending in .json) the very tally Saksi
// sends, with its `updatedAt` set to the broadcast's time and a counter as the second argument (as
// Saksi's version): the same message on the wire, so each observer decodes the same JSON. Filler
// (one long string) parses ~5× faster than the tally's nested objects (2.2 KB: ~2 against ~12 µs),
// and at 10,000 observers the receiving side's decoding is part of what a delivery time measures.
// With `ack-first` the ack goes out before the broadcast, as Saksi acknowledges a signature before
// publishing it: the delay from ack to arrival is then the broadcast's own.
// Run: npx tsx bench/raw-broadcast-server.ts <payloadBytes | payload.json> [ack-first]
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const source = process.argv[2] ?? '2200';
const ackFirst = process.argv[3] === 'ack-first';
// `at` (the event time, as a Saksi tally carries its updatedAt) plus filler up to the size.
const filler = source.endsWith('.json') ? '' : 'x'.repeat(Math.max(0, Number(source) - 30));
const tally = source.endsWith('.json') ? (JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>) : undefined;
let sent = 0;
const http = createServer();
const io = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.on('connection', (socket) => {
  socket.on('sign', (_payload: unknown, ack: (r: unknown) => void) => {
    if (ackFirst) ack({ ok: true });
    sent += 1;
    if (tally) io.emit('tally:updated', { ...tally, updatedAt: new Date().toISOString() }, sent);
    else io.emit('tally:updated', { at: new Date().toISOString(), data: filler });
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
