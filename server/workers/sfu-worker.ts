// The SFU worker thread: the embedded werift SFU (werift-media-server.ts) with its UDP sockets,
// ICE, DTLS/SRTP and RTP forwarding, off the main event loop, so that stamping, signing and the
// tally fan-out cannot delay a packet. The main thread drives it through sfu-protocol.ts
// (server/media/werift-thread-server.ts holds the proxies). Objects are kept here by id; whatever
// closes (by request, by liveness, with its transport or producer) is reported as an event.
import { parentPort, workerData } from 'node:worker_threads';
import { createWeriftMediaServer, type WeriftRouter } from '../media/werift-media-server';
import type { WeriftConsumer } from '../media/werift-consumer';
import type { WeriftProducer } from '../media/werift-producer';
import type { WeriftTransport } from '../media/werift-transport';
import { applyThreadPriority } from './thread-priority';
import type { SfuCalls, SfuEvent, SfuMethod, SfuRequest, SfuWorkerData, SfuWorkerMessage } from './sfu-protocol';

const port = parentPort;
if (!port) throw new Error('sfu-worker: not running in a worker thread');
const { setup: config } = workerData as SfuWorkerData;
const post = (message: SfuWorkerMessage) => port.postMessage(message);
const emit = (event: SfuEvent) => post({ type: 'event', event });

/**
 * Linux schedules threads, and a thread's nice value and policy are its own (thread-priority.ts):
 * raised here, the SFU thread wins the cores from stamping and signing when both want them, so a
 * burst does not queue packets in the socket buffers. nice below the process's needs
 * CAP_SYS_NICE (root in the benches); SCHED_RR (MEDIA_SFU_RTPRIO) takes a core from any ordinary
 * thread at once. Only this thread: the worker's libuv and V8 helper threads stay as they are.
 * Without the privilege the thread runs at the process's priority and the main thread is told why.
 */
function raisePriority(nice: number | undefined, realtime: number | undefined): string | undefined {
  if (process.platform !== 'linux') return undefined;
  const notes: string[] = [];
  if (nice !== undefined) {
    const refused = applyThreadPriority({ kind: 'nice', nice });
    if (refused) notes.push(`SFU thread priority left as it is (${refused}); MEDIA_SFU_NICE=off silences this`);
  }
  if (realtime !== undefined) {
    const refused = applyThreadPriority({ kind: 'realtime', priority: realtime });
    if (refused) notes.push(`SFU thread left in the ordinary scheduler (${refused}); MEDIA_SFU_RTPRIO=off silences this`);
  }
  return notes.join('; ') || undefined;
}

const priorityNote = raisePriority(config.sfuNice, config.sfuRealtimePriority);
const server = await createWeriftMediaServer(config);
const routers = new Map<string, WeriftRouter>();
const transports = new Map<string, WeriftTransport>();
const producers = new Map<string, WeriftProducer>();
const consumers = new Map<string, WeriftConsumer>();

function need<T>(map: Map<string, T>, id: string, what: string): T {
  const found = map.get(id);
  if (!found) throw new Error(`${what} not found`);
  return found;
}

async function routerFor(routerId: string): Promise<WeriftRouter> {
  let router = routers.get(routerId);
  if (!router) {
    router = await server.createRouter();
    routers.set(routerId, router);
  }
  return router;
}

type Handlers = { [M in SfuMethod]: (args: SfuCalls[M]['args']) => Promise<SfuCalls[M]['result']> | SfuCalls[M]['result'] };

const handlers: Handlers = {
  async createTransport({ routerId }) {
    const transport = await (await routerFor(routerId)).createWebRtcTransport();
    transports.set(transport.id, transport);
    transport.onClose((reason) => {
      transports.delete(transport.id);
      emit({ type: 'transportClosed', id: transport.id, reason });
    });
    const { id, iceParameters, iceCandidates, dtlsParameters } = transport;
    return { id, iceParameters, iceCandidates, dtlsParameters };
  },
  async closeRouter({ routerId }) {
    const router = routers.get(routerId);
    routers.delete(routerId);
    await router?.close();
  },
  connect({ transportId, dtlsParameters }) {
    return need(transports, transportId, 'transport').connect({ dtlsParameters });
  },
  async produce({ transportId, kind, rtpParameters, paused }) {
    const producer = await need(transports, transportId, 'transport').produce({ kind, rtpParameters, paused });
    producers.set(producer.id, producer);
    producer.onClose(() => {
      producers.delete(producer.id);
      emit({ type: 'producerClosed', id: producer.id });
    });
    return { id: producer.id, kind: producer.kind, rtpParameters: producer.rtpParameters, paused: producer.paused };
  },
  async consume({ transportId, producerId, rtpCapabilities, paused }) {
    const consumer = await need(transports, transportId, 'transport').consume({ producerId, rtpCapabilities, paused });
    consumers.set(consumer.id, consumer);
    consumer.onClose(() => {
      consumers.delete(consumer.id);
      emit({ type: 'consumerClosed', id: consumer.id });
    });
    const { id, kind, rtpParameters } = consumer;
    return { id, producerId: consumer.producerId, kind, rtpParameters, paused: consumer.paused };
  },
  getStats({ transportId }) {
    return need(transports, transportId, 'transport').getStats();
  },
  // Closing or pausing what is already gone is not an error: the main thread may not have heard yet.
  closeTransport({ transportId }) {
    transports.get(transportId)?.close();
  },
  async setProducerPaused({ producerId, paused }) {
    const producer = producers.get(producerId);
    await (paused ? producer?.pause() : producer?.resume());
  },
  closeProducer({ producerId }) {
    producers.get(producerId)?.close();
  },
  async setConsumerPaused({ consumerId, paused }) {
    const consumer = consumers.get(consumerId);
    await (paused ? consumer?.pause() : consumer?.resume());
  },
  closeConsumer({ consumerId }) {
    consumers.get(consumerId)?.close();
  },
};

port.on('message', (request: SfuRequest) => {
  Promise.resolve()
    .then(() => {
      if (!Object.hasOwn(handlers, request.method)) throw new Error(`unknown SFU call ${String(request.method)}`);
      return (handlers[request.method] as (args: unknown) => unknown)(request.args);
    })
    .then(
      (value) => post({ type: 'result', id: request.id, ok: true, value }),
      (error: unknown) => post({ type: 'result', id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
    );
});
post({ type: 'ready', ...(priorityNote ? { note: priorityNote } : {}) });
