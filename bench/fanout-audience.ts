// One audience of bench/fanout.ts in its own process: the raw server's observers in one, Saksi's
// in another, so that 10,000 of each fit under the per-process descriptor limit side by side and
// the repetitions of both servers can alternate (on a shared, loaded machine the load changes
// within minutes; one after the other compared two different machines). Driven over IPC:
//   { type: 'connect', url, n, auth, readyEvent, window } → { type: 'connected', count, ms, bytes }
//   { type: 'arm' } → { type: 'armed' }: the next tally counts; once it reached every observer
//     (or after 10 s) → { type: 'arrived', at: number[], lags: number[] }, `at` each arrival's
//     time (epoch ms, µs resolution: performance.timeOrigin + performance.now(), comparable across
//     processes on one host), `lags` the arrival less the tally's own `updatedAt` (ms resolution)
//   { type: 'close' } → closes the sockets and exits.
import type { Socket } from 'socket.io-client';
import { connectMany } from './fanout-connect';

type Message =
  | { type: 'connect'; url: string; n: number; auth: Record<string, string>; readyEvent: string | null; window: number }
  | { type: 'arm' }
  | { type: 'close' };

const epochNow = () => performance.timeOrigin + performance.now();
const send = (message: unknown) => process.send!(message);
let sockets: Socket[] = [];
let at: number[] = [];
let lags: number[] = [];
let armed = false;
let timeout: NodeJS.Timeout | undefined;

function report(): void {
  if (!armed) return;
  armed = false;
  if (timeout) clearTimeout(timeout);
  send({ type: 'arrived', at, lags });
}

function onTally(tally: { at?: string; updatedAt?: string }): void {
  if (!armed) return;
  at.push(epochNow());
  lags.push(Date.now() - Date.parse(tally.updatedAt ?? tally.at ?? ''));
  if (at.length === sockets.length) report();
}

process.on('message', (message: Message) => {
  if (message.type === 'connect') {
    void connectMany(message.url, message.n, message.auth, message.readyEvent, message.window).then((c) => {
      sockets = c.sockets;
      for (const s of sockets) s.on('tally:updated', onTally);
      send({ type: 'connected', count: sockets.length, ms: c.ms, bytes: c.bytes });
    });
  } else if (message.type === 'arm') {
    at = [];
    lags = [];
    armed = true;
    timeout = setTimeout(report, 10_000);
    send({ type: 'armed' });
  } else if (message.type === 'close') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
// The bench is gone (finished or killed): so is its audience.
process.on('disconnect', () => process.exit(0));
