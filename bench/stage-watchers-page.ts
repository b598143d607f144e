// Browser side of bench/stage-jitter.ts: several stage watchers in one page, each what a tally
// viewer is to the server (its own Socket.IO connection as an observer, media:join, its own receive
// transport and consumers of the stage's video and audio), but receivers only: an encoded transform
// drops every frame before the decoder, so Chromium neither decodes nor renders. The RTP counters
// and interarrival jitter that getStats reports are taken before that, from what the SFU sent.
// Ten watchers that decode and render 640x480 video each cost ~10 % of a core here, a whole core
// of the two the server also runs on. Bundled by esbuild at the start of the bench.
import { Device } from 'mediasoup-client';
import type { RtpCapabilities } from 'mediasoup-client/types';
import { io, type Socket } from 'socket.io-client';

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.timeout(30_000).emit(event, payload, (error: Error | null, ack: Ack<T>) => {
      if (error) reject(error);
      else if (!ack.ok) reject(new Error(`${event}: ${ack.error?.code} ${ack.error?.message}`));
      else resolve(ack.data as T);
    });
  });
}

/** Runs in a worker: takes every encoded frame and drops it (nothing reaches the decoder). */
const DROP_FRAMES = `onrtctransform = (event) => { event.transformer.readable.pipeTo(new WritableStream({ write() {} })); };`;

interface StageProducer {
  producerId: string;
  roomId: string;
  kind: 'audio' | 'video';
}

async function startWatcher(url: string, ceremonyId: string, stageRoomId: string, dropper: Worker): Promise<void> {
  const socket = io(url, { auth: { ceremonyId }, transports: ['websocket'] });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const joined = await request<{ routerRtpCapabilities: RtpCapabilities; state: { producers: StageProducer[] } }>(socket, 'media:join', {});
  const device = new Device();
  await device.load({ routerRtpCapabilities: joined.routerRtpCapabilities });
  const options = await request<Parameters<Device['createRecvTransport']>[0]>(socket, 'media:createTransport', { direction: 'recv' });
  const transport = device.createRecvTransport(options);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    request(socket, 'media:connectTransport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  const stage = joined.state.producers.filter((producer) => producer.roomId === stageRoomId);
  if (!stage.some((producer) => producer.kind === 'video')) throw new Error('the stage publishes no video yet');
  for (const producer of stage) {
    const consumed = await request<{ id: string; producerId: string; kind: 'audio' | 'video'; rtpParameters: never }>(socket, 'media:consume', {
      transportId: transport.id,
      producerId: producer.producerId,
      rtpCapabilities: device.recvRtpCapabilities,
    });
    const consumer = await transport.consume(consumed);
    if (consumer.kind === 'video') consumer.rtpReceiver!.transform = new RTCRtpScriptTransform(dropper, {});
    await request(socket, 'media:resumeConsumer', { consumerId: consumer.id });
  }
}

declare global {
  interface Window {
    startStageWatchers(options: { url: string; ceremonyId: string; stageRoomId: string; count: number }): Promise<void>;
  }
}

window.startStageWatchers = async ({ url, ceremonyId, stageRoomId, count }) => {
  const dropper = new Worker(URL.createObjectURL(new Blob([DROP_FRAMES], { type: 'text/javascript' })));
  for (let i = 0; i < count; i++) await startWatcher(url, ceremonyId, stageRoomId, dropper);
};
