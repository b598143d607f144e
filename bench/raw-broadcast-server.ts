// The raw baseline for bench/fanout.ts and bench/cluster.ts: a bare Socket.IO server that, when a
// client emits 'sign', acks it and broadcasts a payload to every connected client. Same transport
// and ping settings as Saksi's server; no state, no views.
// The payload is either filler of a given size, or (a path ending in .json) the very tally Saksi
// sends, with its `updatedAt` set to the broadcast's time and a counter as the second argument (as
// Saksi's version): the same message on the wire, so each observer decodes the same JSON. Filler
// (one long string) parses ~5× faster than the tally's nested objects (2.2 KB: ~2 against ~12 µs),
// and at 10,000 observers the receiving side's decoding is part of what a delivery time measures.
// With `ack-first` the ack goes out before the broadcast, as Saksi acknowledges a signature before
// publishing it: the delay from ack to arrival is then the broadcast's own.
// With `durable=<file>` it does what any server that takes signatures must do before it may
// acknowledge one (issue 11: a CPU ratio against a server that stores nothing compares a durable
// commit with nothing): it refuses a payload that is not an object of at most MAX_PAYLOAD_CHARS of
// JSON, appends the payload as one line to the file and waits for fdatasync (libuv's thread pool,
// off the main thread as Saksi's SQLite writer thread is), then acks and broadcasts. One write
// at a time, in arrival order, as a log must be.
// Run: npx tsx bench/raw-broadcast-server.ts <payloadBytes | payload.json> [ack-first] [durable=<file>]
import { readFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { createServer } from 'node:http';
import { Server } from 'socket.io';

/** A signature's payload larger than this is refused (Saksi's typed signatures are far smaller). */
const MAX_PAYLOAD_CHARS = 64 * 1024;

const source = process.argv[2] ?? '2200';
const options = process.argv.slice(3);
const ackFirst = options.includes('ack-first');
const durableFile = options.find((o) => o.startsWith('durable='))?.slice('durable='.length);
// `at` (the event time, as a Saksi tally carries its updatedAt) plus filler up to the size.
const filler = source.endsWith('.json') ? '' : 'x'.repeat(Math.max(0, Number(source) - 30));
const tally = source.endsWith('.json') ? (JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>) : undefined;
const log: FileHandle | undefined = durableFile ? await open(durableFile, 'a') : undefined;
let sent = 0;
/** The durable writes, one after the other. */
let writing: Promise<unknown> = Promise.resolve();

function store(payload: unknown): Promise<boolean> {
  if (!log) return Promise.resolve(true);
  const line = typeof payload === 'object' && payload !== null ? JSON.stringify(payload) : undefined;
  if (line === undefined || line.length > MAX_PAYLOAD_CHARS) return Promise.resolve(false);
  const written = writing.then(async () => {
    await log.write(`${line}\n`);
    await log.datasync();
    return true;
  });
  writing = written.catch(() => undefined);
  return written;
}

const http = createServer();
const io = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.on('connection', (socket) => {
  const publish = (ack: (r: unknown) => void) => {
    if (ackFirst) ack({ ok: true });
    sent += 1;
    if (tally) io.emit('tally:updated', { ...tally, updatedAt: new Date().toISOString() }, sent);
    else io.emit('tally:updated', { at: new Date().toISOString(), data: filler });
    if (!ackFirst) ack({ ok: true });
  };
  socket.on('sign', (payload: unknown, ack: (r: unknown) => void) => {
    if (!log) return publish(ack);
    void store(payload).then(
      (stored) => (stored ? publish(ack) : ack({ ok: false })),
      () => ack({ ok: false }),
    );
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
