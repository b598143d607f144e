// The media server as the signaling layer sees it, shaped like mediasoup's API (router,
// WebRtcTransport, producer, consumer). Two backends implement it: the embedded werift SFU
// (default) and the real mediasoup worker (MEDIA_BACKEND=mediasoup). Anything that crosses to a
// mediasoup worker is asynchronous, so pause/resume/stats return promises on both.
import type { MediaIceCandidate, TransportCounters } from '../../shared/protocol/media-events';
import type {
  MediaKind,
  TDtlsParameters,
  TRtpCapabilities,
  TRtpParameters,
} from '../../shared/protocol/media-schemas';
export type CloseReason = 'closed' | 'dead';
/** Which simulcast layer a video consumer should get: the gallery takes low, the stage high. */
export type ConsumerLayer = 'low' | 'high';

export interface MediaServer {
  createRouter(): Promise<MediaRouter>;
  close(): Promise<void>;
}

export interface MediaRouter {
  readonly id: string;
  readonly rtpCapabilities: TRtpCapabilities;
  /** True when producers may send several simulcast encodings (mediasoup); werift takes one. */
  readonly simulcast: boolean;
  /**
   * `group` keeps related transports together (a room's send and receive transports); a backend
   * with several workers uses it to spread rooms over cores. Backends may ignore it.
   */
  createWebRtcTransport(options?: { group?: string }): Promise<MediaTransport>;
  canConsume(options: { producerId: string; rtpCapabilities: TRtpCapabilities }): boolean;
  getProducer(producerId: string): MediaProducer | undefined;
  /** The loudest audio producer changed (backends with speaker detection only). */
  onActiveSpeaker(listener: (producerId: string) => void): () => void;
  close(): Promise<void>;
}

export interface MediaTransport {
  readonly id: string;
  readonly iceParameters: { usernameFragment: string; password: string; iceLite: true };
  readonly iceCandidates: MediaIceCandidate[];
  readonly dtlsParameters: TDtlsParameters;
  readonly closed: boolean;
  /** Resolves as soon as the parameters are accepted; ICE and DTLS complete in the background. */
  connect(options: { dtlsParameters: TDtlsParameters }): Promise<void>;
  produce(options: { kind: MediaKind; rtpParameters: TRtpParameters; paused?: boolean }): Promise<MediaProducer>;
  consume(options: {
    producerId: string;
    rtpCapabilities: TRtpCapabilities;
    paused?: boolean;
    layer?: ConsumerLayer;
  }): Promise<MediaConsumer>;
  getStats(): Promise<TransportCounters>;
  /** Called once, when the transport closes (by `close()` or because its browser went silent). */
  onClose(listener: (reason: CloseReason) => void): () => void;
  close(): void;
}

export interface MediaProducer {
  readonly id: string;
  readonly kind: MediaKind;
  readonly rtpParameters: TRtpParameters;
  readonly paused: boolean;
  readonly closed: boolean;
  pause(): Promise<void>;
  resume(): Promise<void>;
  onClose(listener: () => void): () => void;
  close(): void;
}

export interface MediaConsumer {
  readonly id: string;
  readonly producerId: string;
  readonly kind: MediaKind;
  readonly rtpParameters: TRtpParameters;
  readonly paused: boolean;
  readonly closed: boolean;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Simulcast layer preference; a no-op where producers send one layer. */
  setLayer(layer: ConsumerLayer): Promise<void>;
  /** Called once, when the consumer closes (itself, its transport or its producer). */
  onClose(listener: () => void): () => void;
  close(): void;
}

export type { TransportCounters } from '../../shared/protocol/media-events';
