// The SFU worker thread (the default werift backend) on real UDP sockets: hostile datagrams to its
// ports (garbage, truncated STUN, broken DTLS records, bogus RTP/RTCP, before and after a browser's
// path is selected) do not kill it; a transport whose browser goes silent is closed in the worker
// and reported 'dead' to the main thread with its producer and consumers; a worker that is killed closes its transports as 'dead' (so
// browsers re-join), is replaced, and the same router serves new transports on the replacement;
// replacements that die right after they start are restarted after a bounded, jittered back-off.
import type { Socket } from 'node:dgram';
import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMessage } from 'werift';
import { readMediaConfig } from '../../../server/media/config';
import type { CloseReason, MediaTransport } from '../../../server/media/media-server';
import { createWeriftThreadMediaServer, type WeriftThreadMediaServer } from '../../../server/media/werift-thread-server';
import { createSeededRandom } from '../../../server/seed/seeded-random';
import { produceVideo as produceVideoFixture } from './rtp-fixtures';
import { bindingRequest, openBrowserSocket, sendFromBrowser } from './stun-fixtures';

const produceVideo = (ssrc: number) => produceVideoFixture(ssrc, 'sfu-thread');

describe('SFU worker thread', () => {
  let server: WeriftThreadMediaServer;
  let browser: Socket;
  const answers: Buffer[] = [];
  const logs: string[] = [];

  beforeEach(async () => {
    logs.length = 0;
    answers.length = 0;
    server = await createWeriftThreadMediaServer(
      readMediaConfig({ MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_MIN_PORT: '43000', MEDIA_MAX_PORT: '43499', MEDIA_LIVENESS_TIMEOUT_MS: '1000' }),
      { log: (message) => logs.push(message), retryDelayMs: 50 },
    );
    browser = await openBrowserSocket((data) => answers.push(data));
  });

  afterEach(async () => {
    await server.close();
    browser.close();
  });

  const send = (transport: MediaTransport, datagram: Buffer) => sendFromBrowser(browser, transport, datagram);
  /** A signed check from the "browser"; resolves once the worker answered it (it is alive and serving). */
  const check = async (transport: MediaTransport) => {
    const before = answers.length;
    const { usernameFragment, password } = transport.iceParameters;
    await send(transport, bindingRequest({ username: `${usernameFragment}:brws`, password, useCandidate: true }));
    await expect.poll(() => answers.length, { timeout: 5000 }).toBeGreaterThan(before);
    return parseMessage(answers[answers.length - 1]!, Buffer.from(password, 'utf8'));
  };

  it('survives malformed STUN, DTLS, RTP and RTCP bytes, before and after the path is selected', async () => {
    const seed = Number(process.env.SFU_FUZZ_SEED ?? Date.now() % 1_000_000);
    console.log(`sfu hostile-bytes seed ${seed} (reproduce with SFU_FUZZ_SEED=${seed})`);
    const random = createSeededRandom(seed);
    const bytes = (length: number, first?: number) => {
      const out = Buffer.alloc(length);
      for (let i = 0; i < length; i++) out[i] = random.int(0, 255);
      if (first !== undefined) out[0] = first;
      return out;
    };
    const router = await server.createRouter();
    const transport = await router.createWebRtcTransport();
    await transport.produce(produceVideo(7777));
    // As a browser's DTLS client would: the worker's DTLS server listens for a ClientHello from now on.
    const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');
    await transport.connect({ dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: fingerprint }] } });
    const signed = bindingRequest({ username: `${transport.iceParameters.usernameFragment}:brws`, password: transport.iceParameters.password });
    const hostile = () => [
      Buffer.alloc(0),
      bytes(1),
      bytes(random.int(2, 1400)),
      signed.subarray(0, random.int(1, signed.length - 1)), // truncated STUN
      Buffer.concat([signed.subarray(0, 20), bytes(random.int(1, 200))]), // STUN header, garbage attributes
      bytes(random.int(13, 300), 22), // DTLS handshake record, garbage inside
      Buffer.from([22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2]), // DTLS length past the end
      bytes(random.int(13, 300), 23), // DTLS application data before any handshake
      bytes(random.int(12, 1200), 0x80), // RTP version 2, garbage (not SRTP-authenticated)
      bytes(random.int(8, 200), 0x81).fill(200, 1, 2), // RTCP SR type, garbage
      Buffer.from([0x90, 96, 0, 1]), // RTP header cut short
    ];
    for (let round = 0; round < 20; round++) for (const datagram of hostile()) await send(transport, datagram);
    // Selected path: from here on non-STUN bytes reach werift's DTLS and SRTP handling.
    await check(transport);
    for (let round = 0; round < 40; round++) for (const datagram of hostile()) await send(transport, datagram);
    const answer = await check(transport);
    expect(answer?.getAttributeValue('XOR-MAPPED-ADDRESS')).toEqual(['127.0.0.1', browser.address().port]);
    expect(server.thread.deaths).toBe(0);
    expect(transport.closed).toBe(false);
    expect((await transport.getStats()).packetsReceived).toBeGreaterThan(0);
  });

  it('reports a transport the worker closed for silence as dead, with its producer and consumers', async () => {
    const router = await server.createRouter();
    const sending = await router.createWebRtcTransport();
    const receiving = await router.createWebRtcTransport();
    const producer = await sending.produce(produceVideo(4444));
    const consumer = await receiving.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    const reason = new Promise<CloseReason>((resolve) => sending.onClose(resolve));
    const consumerClosed = new Promise<void>((resolve) => consumer.onClose(resolve));
    await check(sending); // starts the liveness clock; then the "browser" vanishes
    expect(await reason).toBe('dead');
    await consumerClosed;
    expect(producer.closed).toBe(true);
    expect(router.getProducer(producer.id)).toBeUndefined();
    // Never heard from a browser: idle, not dead.
    expect(receiving.closed).toBe(false);
    expect(server.thread.deaths).toBe(0);
  });

  it('closes a killed worker\'s transports as dead, replaces the worker, and serves the same router again', async () => {
    const router = await server.createRouter();
    const sending = await router.createWebRtcTransport();
    const receiving = await router.createWebRtcTransport();
    const producer = await sending.produce(produceVideo(2222));
    const consumer = await receiving.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    await check(sending);
    const reasons: CloseReason[] = [];
    const closes = Promise.all(
      [sending, receiving].map(
        (transport) =>
          new Promise<void>((resolve) =>
            transport.onClose((reason) => {
              reasons.push(reason);
              resolve();
            }),
          ),
      ),
    );
    const consumerClosed = new Promise<void>((resolve) => consumer.onClose(resolve));
    const killed = server.thread.worker;

    await killed.terminate();
    await closes;
    await consumerClosed;
    expect(reasons).toEqual(['dead', 'dead']);
    expect(producer.closed).toBe(true);
    expect(router.getProducer(producer.id)).toBeUndefined();
    // Calls on what the dead worker held fail (the replacement never knew it); they do not hang.
    await expect(sending.getStats()).rejects.toThrow();
    expect(server.thread.deaths).toBe(1);
    expect(logs.some((line) => line.includes('SFU worker thread died'))).toBe(true);

    // The room re-joins through the same router: new transports on the replacement, with new ports.
    const again = await router.createWebRtcTransport();
    expect(server.thread.worker).not.toBe(killed);
    const reproduced = await again.produce(produceVideo(3333));
    const watcher = await router.createWebRtcTransport();
    const reconsumed = await watcher.consume({ producerId: reproduced.id, rtpCapabilities: router.rtpCapabilities });
    expect(reconsumed.producerId).toBe(reproduced.id);
    await check(again);
    // The dead worker's sockets went with it: its ports answer nothing now.
    const before = answers.length;
    await send(sending, bindingRequest({ username: `${sending.iceParameters.usernameFragment}:brws`, password: sending.iceParameters.password }));
    await check(again);
    expect(answers.length).toBe(before + 1);
  });

  it('backs off, bounded and jittered, when each replacement dies right after it starts', async () => {
    const seed = Number(process.env.SFU_BACKOFF_SEED ?? Date.now() % 1_000_000);
    console.log(`sfu restart back-off seed ${seed} (reproduce with SFU_BACKOFF_SEED=${seed})`);
    const random = createSeededRandom(seed);
    await server.close();
    server = await createWeriftThreadMediaServer(
      readMediaConfig({ MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_MIN_PORT: '43000', MEDIA_MAX_PORT: '43499' }),
      { log: (message) => logs.push(message), retryDelayMs: 40, maxRetryDelayMs: 120, stableMs: 60_000, random: () => random.next() },
    );
    const { thread } = server;
    const kills = 4;
    for (let i = 1; i <= kills; i++) {
      await expect.poll(() => thread.starts, { timeout: 20_000 }).toBe(i);
      const diedAt = performance.now();
      await thread.worker.terminate();
      await expect.poll(() => thread.starts, { timeout: 20_000 }).toBe(i + 1);
      const delay = thread.restartDelays[i - 1]!;
      const step = Math.min(120, 40 * 2 ** (i - 1));
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
      // Not respawned before its wait was over (a tight loop would be back within a millisecond).
      expect(performance.now() - diedAt).toBeGreaterThanOrEqual(delay);
    }
    expect(thread.restartDelays).toHaveLength(kills);
    expect(thread.deaths).toBe(kills);
    expect(logs.filter((line) => /in \d+ ms \(\d+ quick deaths in a row\)/.test(line))).toHaveLength(kills);
    // The last replacement serves.
    const router = await server.createRouter();
    const transport = await router.createWebRtcTransport();
    await check(transport);
  });

  it.skipIf(process.platform !== 'linux')('runs the SFU thread at SCHED_RR when MEDIA_SFU_RTPRIO asks, or says why not', async () => {
    await server.close();
    server = await createWeriftThreadMediaServer(
      readMediaConfig({ MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_MIN_PORT: '43000', MEDIA_MAX_PORT: '43499', MEDIA_SFU_RTPRIO: '3' }),
      { log: (message) => logs.push(message) },
    );
    // /proc/self/task/<tid>/stat: rt_priority and policy are fields 40 and 41 (SCHED_RR = 2).
    const realtime = () =>
      readdirSync('/proc/self/task').filter((tid) => {
        const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return fields[37] === '3' && fields[38] === '2';
      });
    const refused = logs.some((line) => line.includes('SCHED_RR 3 refused'));
    expect(refused ? 0 : 1, refused ? 'refused, and said so' : 'one thread at SCHED_RR 3').toBe(realtime().length);
    // Whichever it is, the SFU serves.
    const router = await server.createRouter();
    await check(await router.createWebRtcTransport());
  });
});
