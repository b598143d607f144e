// The one-room broadcast path (server/realtime/one-room-broadcast.ts) against real Socket.IO:
// every socket of the room gets a broadcast exactly once, and the cases it leaves to the library
// (several rooms, exceptions) still de-duplicate and exclude.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installOneRoomBroadcast } from '../../../server/realtime/one-room-broadcast';
import type { SaksiServer } from '../../../server/realtime/types';

let io: Server;
let clients: Socket[] = [];
const received = new Map<Socket, string[]>();

beforeAll(async () => {
  const http = createServer();
  io = new Server(http, { serveClient: false });
  installOneRoomBroadcast(io as unknown as SaksiServer);
  // Four sockets: 0–2 in `a`, 2–3 in `b`, one room named like an Object.prototype member.
  let joined = 0;
  const allJoined = new Promise<void>((resolve) => {
    io.on('connection', (socket) => {
      const i = Number(socket.handshake.auth.i);
      if (i <= 2) void socket.join('a');
      if (i >= 2) void socket.join(['b', 'toString']);
      if (++joined === 4) resolve();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  clients = [0, 1, 2, 3].map((i) => connect(url, { auth: { i }, transports: ['websocket'], forceNew: true }));
  for (const c of clients) {
    received.set(c, []);
    c.on('m', (label: string) => received.get(c)!.push(label));
  }
  await allJoined;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await new Promise<void>((resolve) => void io.close(() => resolve()));
});

/** Sends through `send`, then a marker to everyone; resolves with what each client got before its marker. */
async function deliveries(label: string, send: () => void): Promise<string[][]> {
  for (const c of clients) received.get(c)!.length = 0;
  const done = clients.map((c) => new Promise<void>((resolve) => c.once('end', () => resolve())));
  send();
  io.emit('end');
  await Promise.all(done);
  return clients.map((c) => received.get(c)!.filter((l) => l === label));
}

describe('one-room broadcast', () => {
  it('reaches each socket of one room exactly once, and no other', async () => {
    expect(await deliveries('a', () => io.to('a').emit('m', 'a'))).toEqual([['a'], ['a'], ['a'], []]);
    expect(await deliveries('p', () => io.to('toString').emit('m', 'p'))).toEqual([[], [], ['p'], ['p']]);
    expect(await deliveries('none', () => io.to('hasOwnProperty').emit('m', 'none'))).toEqual([[], [], [], []]);
    expect((await io.in('a').fetchSockets()).length).toBe(3);
  });

  it('leaves several rooms and exceptions to the library: one copy each, exceptions excluded', async () => {
    expect(await deliveries('ab', () => io.to(['a', 'b']).emit('m', 'ab'))).toEqual([['ab'], ['ab'], ['ab'], ['ab']]);
    expect(await deliveries('ex', () => io.to('a').except('b').emit('m', 'ex'))).toEqual([['ex'], ['ex'], [], []]);
  });
});
