// Messages between the main thread and the SFU worker thread (server/workers/sfu-worker.ts), which
// runs the embedded werift SFU: UDP sockets, ICE, DTLS/SRTP and RTP forwarding. The main thread
// asks (one `SfuCall` per MediaServer call, answered once by id) and the worker tells what closed by
// itself (a transport whose browser went silent, a consumer whose producer went away).
import type { MediaIceCandidate, TransportCounters } from '../../shared/protocol/media-events';
import type { MediaKind, TDtlsParameters, TRtpCapabilities, TRtpParameters } from '../../shared/protocol/media-schemas';
import type { MediaConfig } from '../media/config';
import type { CloseReason } from '../media/media-server';

/** The worker module. Here, beside it, so that `./` names it both from server/workers/*.ts and from the flat bundle in dist/server/. */
export const SFU_WORKER_MODULE = new URL('./sfu-worker.ts', import.meta.url);
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
/** Bundled (`npm start`): run sfu-worker.mjs directly; from the sources: the bootstrap registers tsx first. */
export const SFU_WORKER_ENTRY = import.meta.url.endsWith('.ts') ? BOOTSTRAP : new URL(SFU_WORKER_MODULE.href.replace(/\.ts$/, '.mjs'));

export interface SfuWorkerData {
  module: string;
  setup: MediaConfig;
}

export interface TransportDescription {
  id: string;
  iceParameters: { usernameFragment: string; password: string; iceLite: true };
  iceCandidates: MediaIceCandidate[];
  dtlsParameters: TDtlsParameters;
}

export interface ProducerDescription {
  id: string;
  kind: MediaKind;
  rtpParameters: TRtpParameters;
  paused: boolean;
}

export interface ConsumerDescription {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: TRtpParameters;
  paused: boolean;
}

/** Every call, its arguments and its answer. Routers are named by the main thread and made in the worker at their first transport. */
export interface SfuCalls {
  createTransport: { args: { routerId: string }; result: TransportDescription };
  closeRouter: { args: { routerId: string }; result: void };
  connect: { args: { transportId: string; dtlsParameters: TDtlsParameters }; result: void };
  produce: {
    args: { transportId: string; kind: MediaKind; rtpParameters: TRtpParameters; paused: boolean };
    result: ProducerDescription;
  };
  consume: {
    args: { transportId: string; producerId: string; rtpCapabilities: TRtpCapabilities; paused: boolean };
    result: ConsumerDescription;
  };
  getStats: { args: { transportId: string }; result: TransportCounters };
  closeTransport: { args: { transportId: string }; result: void };
  setProducerPaused: { args: { producerId: string; paused: boolean }; result: void };
  closeProducer: { args: { producerId: string }; result: void };
  setConsumerPaused: { args: { consumerId: string; paused: boolean }; result: void };
  closeConsumer: { args: { consumerId: string }; result: void };
}
export type SfuMethod = keyof SfuCalls;

export type SfuRequest = { [M in SfuMethod]: { id: number; method: M; args: SfuCalls[M]['args'] } }[SfuMethod];

export type SfuEvent =
  | { type: 'transportClosed'; id: string; reason: CloseReason }
  | { type: 'producerClosed'; id: string }
  | { type: 'consumerClosed'; id: string };

export type SfuWorkerMessage =
  /** `note`: something the main thread should log (the thread's priority could not be raised). */
  | { type: 'ready'; note?: string }
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  | { type: 'event'; event: SfuEvent };
