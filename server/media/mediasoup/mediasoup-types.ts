// The slice of mediasoup's API this backend uses, typed here because mediasoup itself lives in
// the build cache, not in node_modules (see load-mediasoup.ts). Shapes follow mediasoup 3.19.
import type { EventEmitter } from 'node:events';
import type { TDtlsParameters, TRtpCapabilities, TRtpParameters } from '../../../shared/protocol/media-schemas';

interface Observed {
  readonly id: string;
  readonly closed: boolean;
  /** Emits 'close' however the object closed (itself, its transport, its router, its worker). */
  readonly observer: EventEmitter;
  close(): void;
}

export interface MsWorker extends EventEmitter {
  readonly pid: number;
  readonly closed: boolean;
  /** Emits 'newrouter' (and 'close'). */
  readonly observer: EventEmitter;
  createRouter(options: { mediaCodecs: unknown[] }): Promise<MsRouter>;
  getResourceUsage(): Promise<{ ru_utime: number; ru_stime: number; ru_maxrss: number }>;
  close(): void;
}

export interface MsRouter extends Observed {
  readonly rtpCapabilities: TRtpCapabilities;
  // observer also emits 'newtransport'.
  createWebRtcTransport(options: {
    listenInfos: Array<{ protocol: 'udp'; ip: string; announcedAddress?: string; portRange?: { min: number; max: number } }>;
    initialAvailableOutgoingBitrate?: number;
  }): Promise<MsWebRtcTransport>;
  canConsume(options: { producerId: string; rtpCapabilities: TRtpCapabilities }): boolean;
  pipeToRouter(options: { producerId: string; router: MsRouter }): Promise<unknown>;
  createActiveSpeakerObserver(options?: { interval?: number }): Promise<MsActiveSpeakerObserver>;
}

export interface MsWebRtcTransport extends Observed, EventEmitter {
  readonly iceParameters: { usernameFragment: string; password: string; iceLite?: boolean };
  readonly iceCandidates: Array<{ foundation: string; priority: number; address: string; protocol: 'udp' | 'tcp'; port: number; type: 'host' }>;
  readonly dtlsParameters: TDtlsParameters;
  readonly iceState: string;
  readonly dtlsState: string;
  connect(options: { dtlsParameters: TDtlsParameters }): Promise<void>;
  produce(options: { kind: 'audio' | 'video'; rtpParameters: TRtpParameters; paused?: boolean }): Promise<MsProducer>;
  consume(options: {
    producerId: string;
    rtpCapabilities: TRtpCapabilities;
    paused?: boolean;
    preferredLayers?: { spatialLayer: number; temporalLayer?: number };
  }): Promise<MsConsumer>;
  getStats(): Promise<Array<{ bytesReceived: number; bytesSent: number; iceState: string; dtlsState: string }>>;
}

interface RtpStreamStats {
  type: string;
  packetCount: number;
  packetsLost: number;
  nackCount: number;
}

export interface MsProducer extends Observed {
  readonly kind: 'audio' | 'video';
  readonly rtpParameters: TRtpParameters;
  readonly paused: boolean;
  pause(): Promise<void>;
  resume(): Promise<void>;
  getStats(): Promise<RtpStreamStats[]>;
}

export interface MsConsumer extends Observed {
  readonly producerId: string;
  readonly kind: 'audio' | 'video';
  readonly rtpParameters: TRtpParameters;
  readonly paused: boolean;
  pause(): Promise<void>;
  resume(): Promise<void>;
  setPreferredLayers(layers: { spatialLayer: number; temporalLayer?: number }): Promise<void>;
  getStats(): Promise<RtpStreamStats[]>;
}

export interface MsActiveSpeakerObserver extends Observed, EventEmitter {
  addProducer(options: { producerId: string }): Promise<void>;
}

export interface MediasoupModule {
  version: string;
  /** Emits 'newworker' for every worker any code creates. */
  readonly observer: EventEmitter;
  createWorker(options: {
    logLevel?: 'debug' | 'warn' | 'error' | 'none';
    rtcMinPort?: number;
    rtcMaxPort?: number;
  }): Promise<MsWorker>;
}
