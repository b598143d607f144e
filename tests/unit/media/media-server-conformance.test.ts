// One contract, every backend: the embedded werift SFU (in its worker thread, the default, and on
// the main thread) and real mediasoup workers must behave the same through the MediaServer interface (produce, consume, pause/resume, stats, close, and a
// closed transport taking its consumers with it). The mediasoup run needs the worker built by
// `npm run media:mediasoup`; without it that half is skipped and says why.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMediaConfig, type MediaConfig } from '../../../server/media/config';
import type { MediaRouter, MediaServer } from '../../../server/media/media-server';
import { findMediasoupBuild } from '../../../server/media/mediasoup/load-mediasoup';
import { createWeriftMediaServer } from '../../../server/media/werift-media-server';
import { createWeriftThreadMediaServer } from '../../../server/media/werift-thread-server';
import { produceVideo as produceVideoFixture } from './rtp-fixtures';

const mediasoup = findMediasoupBuild();
if (!mediasoup.ok) console.warn(`[media conformance] mediasoup backend skipped: ${mediasoup.reason}`);

const BACKENDS: Array<{ name: string; skip: boolean; create(config: MediaConfig): Promise<MediaServer>; ports: [string, string] }> = [
  { name: 'werift (worker thread)', skip: false, create: createWeriftThreadMediaServer, ports: ['43500', '43999'] },
  { name: 'werift (main thread)', skip: false, create: createWeriftMediaServer, ports: ['44000', '44499'] },
  {
    name: 'mediasoup',
    skip: !mediasoup.ok,
    create: async (config) => (await import('../../../server/media/mediasoup/mediasoup-media-server')).createMediasoupMediaServer(config),
    ports: ['44500', '44999'],
  },
];

const produceVideo = (ssrc: number) => produceVideoFixture(ssrc, 'conformance');

const produceAudio = (ssrc: number) => ({
  kind: 'audio' as const,
  rtpParameters: {
    mid: '1',
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: {}, rtcpFeedback: [] }],
    headerExtensions: [],
    encodings: [{ ssrc }],
    rtcp: { cname: 'conformance', reducedSize: true },
  },
});

/** Resolves when `register` calls back; fails the test if it never does. */
function closed(register: (listener: () => void) => unknown): Promise<void> {
  return new Promise((resolve) => register(() => resolve()));
}

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip)(`MediaServer conformance: ${backend.name}`, () => {
    let server: MediaServer;
    let router: MediaRouter;

    beforeEach(async () => {
      server = await backend.create(
        readMediaConfig({
          MEDIA_LISTEN_IP: '127.0.0.1',
          MEDIA_MIN_PORT: backend.ports[0],
          MEDIA_MAX_PORT: backend.ports[1],
          // Two workers, so that consuming across groups crosses workers on mediasoup.
          MEDIA_WORKERS: '2',
        }),
      );
      router = await server.createRouter();
    });

    afterEach(async () => {
      await server.close();
    });

    it('produces and consumes, across transports of different groups', async () => {
      const send = await router.createWebRtcTransport({ group: 'room-a' });
      const recv = await router.createWebRtcTransport({ group: 'room-b' });
      expect(send.iceParameters.iceLite).toBe(true);
      expect(send.iceCandidates[0]?.ip).toBe('127.0.0.1');
      expect(send.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
      const producer = await send.produce(produceVideo(1111));
      expect(router.getProducer(producer.id)).toBeDefined();
      expect(router.canConsume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities })).toBe(true);
      expect(router.canConsume({ producerId: 'toString', rtpCapabilities: router.rtpCapabilities })).toBe(false);
      const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true, layer: 'low' });
      expect(consumer.producerId).toBe(producer.id);
      expect(consumer.kind).toBe('video');
      expect(consumer.paused).toBe(true);
      expect(consumer.rtpParameters.codecs[0]?.mimeType.toLowerCase()).toBe('video/vp8');
      expect(consumer.rtpParameters.encodings?.[0]?.ssrc).toEqual(expect.any(Number));
      await expect(recv.consume({ producerId: 'toString', rtpCapabilities: router.rtpCapabilities })).rejects.toThrow();
    });

    it('pauses and resumes producers and consumers', async () => {
      const send = await router.createWebRtcTransport({ group: 'room-a' });
      const recv = await router.createWebRtcTransport();
      const producer = await send.produce(produceAudio(2222));
      const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities, paused: true });
      await consumer.resume();
      expect(consumer.paused).toBe(false);
      await consumer.pause();
      expect(consumer.paused).toBe(true);
      await producer.pause();
      expect(producer.paused).toBe(true);
      await producer.resume();
      expect(producer.paused).toBe(false);
      await consumer.setLayer('high');
    });

    it('reports counters for a transport', async () => {
      const send = await router.createWebRtcTransport({ group: 'room-a' });
      await send.produce(produceVideo(3333));
      const stats = await send.getStats();
      expect(typeof stats.iceState).toBe('string');
      expect(stats.iceState).not.toBe('connected');
      for (const key of ['bytesReceived', 'bytesSent', 'packetsReceived', 'packetsSent', 'packetsLost', 'nacksReceived', 'rtpPacketsForwarded'] as const) {
        expect(stats[key]).toBe(0);
      }
    });

    it('closes a consumer when its producer closes', async () => {
      const send = await router.createWebRtcTransport({ group: 'room-a' });
      const recv = await router.createWebRtcTransport({ group: 'room-b' });
      const producer = await send.produce(produceVideo(4444));
      const consumer = await recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
      const consumerClosed = closed((listener) => consumer.onClose(listener));
      producer.close();
      await consumerClosed;
      expect(consumer.closed).toBe(true);
      expect(router.getProducer(producer.id)).toBeUndefined();
    });

    it("closes a transport's consumers and producers with it, and says so once", async () => {
      const send = await router.createWebRtcTransport({ group: 'room-a' });
      const recv = await router.createWebRtcTransport({ group: 'room-b' });
      const producer = await send.produce(produceVideo(5555));
      const consumers = await Promise.all([
        recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities }),
        recv.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities }),
      ]);
      const reasons: string[] = [];
      recv.onClose((reason) => reasons.push(reason));
      const allClosed = Promise.all(consumers.map((consumer) => closed((listener) => consumer.onClose(listener))));
      recv.close();
      recv.close();
      await allClosed;
      expect(recv.closed).toBe(true);
      expect(reasons).toEqual(['closed']);
      expect(producer.closed).toBe(false);
      const producerClosed = closed((listener) => producer.onClose(listener));
      send.close();
      await producerClosed;
      await expect(send.produce(produceAudio(6666))).rejects.toThrow();
    });

    it('closes every transport when the router closes', async () => {
      const transports = await Promise.all([router.createWebRtcTransport({ group: 'room-a' }), router.createWebRtcTransport()]);
      const allClosed = Promise.all(transports.map((transport) => closed((listener) => transport.onClose(listener))));
      await router.close();
      await allClosed;
      expect(transports.every((transport) => transport.closed)).toBe(true);
    });
  });
}
