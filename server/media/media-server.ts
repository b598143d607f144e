// The media server as the signaling layer sees it, shaped like mediasoup's API (router,
// WebRtcTransport, producer, consumer) so the real mediasoup worker can replace the embedded
// werift SFU for large deployments without touching the signaling handlers.
import type { MediaIceCandidate, TransportCounters } from '../../shared/protocol/media-events';
import type {
  MediaKind,
  TDtlsParameters,
  TRtpCapabilities,
  TRtpParameters,
} from '../../shared/protocol/media-schemas';
export type CloseReason = 'closed' | 'dead';

export interface MediaServer {
  createRouter(): Promise<MediaRouter>;
  close(): Promise<void>;
}

export interface MediaRouter {
  readonly id: string;
  readonly rtpCapabilities: TRtpCapabilities;
  createWebRtcTransport(): Promise<MediaTransport>;
  canConsume(options: { producerId: string; rtpCapabilities: TRtpCapabilities }): boolean;
  getProducer(producerId: string): MediaProducer | undefined;
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
  consume(options: { producerId: string; rtpCapabilities: TRtpCapabilities; paused?: boolean }): Promise<MediaConsumer>;
  getStats(): TransportCounters;
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
  pause(): void;
  resume(): void;
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
  pause(): void;
  resume(): void;
  /** Called once, when the consumer closes (itself, its transport or its producer). */
  onClose(listener: () => void): () => void;
  close(): void;
}

export type { TransportCounters } from '../../shared/protocol/media-events';
