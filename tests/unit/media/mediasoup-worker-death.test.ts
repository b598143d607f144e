// A mediasoup worker killed under a ceremony's router: its transports close as 'dead' (so the
// browsers re-join), a consumer on the surviving worker of a producer piped from the dead one
// closes, a replacement worker starts on the same slot, and new transports work. Needs the worker
// built by `npm run media:mediasoup`; skipped with the reason otherwise. (The browser version,
// with live media resuming, is in tests/browser/media.test.ts.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMediaConfig } from '../../../server/media/config';
import type { CloseReason } from '../../../server/media/media-server';
import { findMediasoupBuild } from '../../../server/media/mediasoup/load-mediasoup';
import type { MediasoupMediaServer } from '../../../server/media/mediasoup/mediasoup-media-server';
import { produceVideo as produceVideoFixture } from './rtp-fixtures';

const mediasoup = findMediasoupBuild();
if (!mediasoup.ok) console.warn(`[mediasoup worker death] skipped: ${mediasoup.reason}`);

const produceVideo = (ssrc: number) => produceVideoFixture(ssrc, 'worker-death');

describe.skipIf(!mediasoup.ok)('mediasoup worker death', () => {
  let server: MediasoupMediaServer;
  const logs: string[] = [];

  beforeEach(async () => {
    logs.length = 0;
    const { createMediasoupMediaServer } = await import('../../../server/media/mediasoup/mediasoup-media-server');
    server = await createMediasoupMediaServer(
      readMediaConfig({ MEDIA_LISTEN_IP: '127.0.0.1', MEDIA_MIN_PORT: '45000', MEDIA_MAX_PORT: '45499', MEDIA_WORKERS: '2' }),
      { log: (message) => logs.push(message), retryDelayMs: 50 },
    );
  });

  afterEach(async () => {
    await server.close();
  });

  it('closes the dead worker\'s transports as dead, replaces the worker, and serves new transports', async () => {
    const router = await server.createRouter();
    const send = await router.createWebRtcTransport({ group: 'room-a' });
    const producer = await send.produce(produceVideo(2222));
    // Fill the other worker too: least loaded puts room-b there, and it consumes room-a across workers.
    const recv = await router.createWebRtcTransport({ group: 'room-b' });
    const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    const pidsBefore = server.workers.map((worker) => worker.pid);
    expect(new Set(pidsBefore).size).toBe(2);

    const sendClosed = new Promise<CloseReason>((resolve) => send.onClose(resolve));
    const recvClosed = new Promise<CloseReason>((resolve) => recv.onClose(resolve));
    const consumerClosed = new Promise<void>((resolve) => consumer.onClose(resolve));
    // room-a went to slot 0 (the least loaded, first of equals) and room-b to slot 1; kill slot 0.
    expect(server.pool.slots.map((slot) => slot.transports)).toEqual([1, 1]);
    const killed = server.pool.slots[0]!.worker.pid;
    process.kill(killed, 'SIGKILL');

    expect(await sendClosed).toBe('dead');
    await consumerClosed;
    expect(producer.closed).toBe(true);
    expect(router.getProducer(producer.id)).toBeUndefined();
    // The receiving transport lives on the other worker and stays up.
    expect(recv.closed).toBe(false);

    await expect.poll(() => !server.pool.slots[0]!.worker.closed && server.pool.slots[0]!.worker.pid !== killed, { timeout: 10_000 }).toBe(true);
    expect(server.pool.deaths).toBe(1);
    expect(logs.some((line) => line.includes(`worker ${killed} (slot 0) died`))).toBe(true);

    // The room re-joins: its transports come back on a live worker and media can flow again.
    const again = await router.createWebRtcTransport({ group: 'room-a' });
    const reproduced = await again.produce(produceVideo(3333));
    const reconsumed = await recv.consume({ producerId: reproduced.id, rtpCapabilities: router.rtpCapabilities });
    expect(reconsumed.producerId).toBe(reproduced.id);
    expect(server.workers.map((worker) => worker.pid)).not.toContain(killed);

    recv.close();
    expect(await recvClosed).toBe('closed');
  });
});
