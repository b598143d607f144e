// Media signaling events (mediasoup-client contract over Socket.IO). Kept in its own file so the
// ceremony protocol and the media protocol evolve separately. Every client→server event is acked;
// payloads are validated by the schema of the same name in ./media-schemas.
import type { AckCallback } from './ack';
import type {
  MediaKind,
  TConnectTransportPayload,
  TConsumePayload,
  TConsumerPayload,
  TCreateTransportPayload,
  TDtlsParameters,
  TMediaEmptyPayload,
  TMediaJoinPayload,
  TMuteRoomsPayload,
  TProducePayload,
  TRtpCapabilities,
  TRtpParameters,
  TSetProducerPausedPayload,
  TSetStagePayload,
} from './media-schemas';

export interface MediaIceCandidate {
  foundation: string;
  priority: number;
  ip: string;
  /** Same as `ip`; newer mediasoup-client versions read `address`. */
  address: string;
  protocol: 'udp' | 'tcp';
  port: number;
  type: 'host';
}

export interface MediaTransportOptions {
  id: string;
  iceParameters: { usernameFragment: string; password: string; iceLite: true };
  iceCandidates: MediaIceCandidate[];
  dtlsParameters: TDtlsParameters;
}

export interface MediaProducerView {
  producerId: string;
  roomId: string;
  kind: MediaKind;
  /** Paused by the official (self-mute) or by an organizer. */
  paused: boolean;
}

/** What every media peer of a ceremony may know: which rooms publish what, and the stage. */
export interface MediaStateView {
  producers: MediaProducerView[];
  /** Rooms on the stage besides the stage room: set by the organizer or by calling an agreement. */
  featuredRoomIds: string[];
  stageRoomId?: string;
}

export interface MediaJoinResult {
  routerRtpCapabilities: TRtpCapabilities;
  /** True for officials (they publish camera and microphone); observers and organizers watch. */
  canProduce: boolean;
  /** The media server takes simulcast: officials send three encodings (low, medium, high). */
  simulcast: boolean;
  state: MediaStateView;
}

export interface MediaConsumerOptions {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: TRtpParameters;
  roomId: string;
}

/** Counters of one transport as the media server keeps them. */
export interface TransportCounters {
  iceState: string;
  dtlsState: string;
  bytesReceived: number;
  bytesSent: number;
  packetsReceived: number;
  packetsSent: number;
  /** Packets the sender never delivered, estimated from RTP sequence gaps (send transports). */
  packetsLost: number;
  /** Packets the browser asked again with NACK (recv transports). */
  nacksReceived: number;
  /** RTP packets forwarded to this transport's current consumers (recv transports). */
  rtpPacketsForwarded: number;
  /** RFC 3550 interarrival jitter (ms) of the audio this transport receives, as the SFU reads it off the socket (embedded SFU, send transports). */
  audioJitterMs?: number;
  /** The same for its video (embedded SFU, send transports). */
  videoJitterMs?: number;
  /** RFC 3550 jitter (ms) of the audio the SFU sends on this transport, at the send (embedded SFU, recv transports; the most of its consumers). */
  audioSendJitterMs?: number;
  videoSendJitterMs?: number;
  /** The part of audioSendJitterMs that forwarding alone adds: RFC 3550 on the change of read → send delay between copies (ms). */
  audioForwardJitterMs?: number;
  /**
   * Socket read of each producer packet → send of each consumer's copy (embedded SFU, send
   * transports): cumulative, `buckets` per bound of FORWARD_DELAY_BOUNDS_MS (server/media/forward-delay.ts) plus overflow.
   */
  forwardDelay?: { count: number; sumMs: number; buckets: number[] };
  /**
   * The receiving browser's own RFC 3550 interarrival jitter (ms), from the latest RTCP receiver
   * report block about each consumer's stream (embedded SFU, recv transports; the most of its
   * consumers). Reported in RTP timestamp units: 21 µs steps for audio, 11 µs for video.
   */
  audioReceiverJitterMs?: number;
  videoReceiverJitterMs?: number;
  /**
   * Cumulative over the transport's current consumers, per kind: report blocks accepted and the
   * sum of their jitter (ms), so two readings give the mean of the reports between them; `rejected`
   * counts blocks out of bounds (server/media/receiver-reports.ts).
   */
  receiverReports?: {
    audio: { count: number; jitterMsSum: number };
    video: { count: number; jitterMsSum: number };
    rejected: number;
  };
}

/** A transport's counters with whose it is, as the organizer's stats table shows them. */
export interface MediaTransportStats extends TransportCounters {
  transportId: string;
  direction: 'send' | 'recv';
  role: 'organizer' | 'official' | 'observer';
  roomId?: string;
}

export interface MediaClientToServerEvents {
  /** Anyone: start a media session; answers the router's capabilities and the current state. */
  'media:join': (payload: TMediaJoinPayload, ack: AckCallback<MediaJoinResult>) => void;
  'media:createTransport': (payload: TCreateTransportPayload, ack: AckCallback<MediaTransportOptions>) => void;
  /** Answered at once; ICE and DTLS finish in the background (mediasoup-client waits for this ack). */
  'media:connectTransport': (payload: TConnectTransportPayload, ack: AckCallback<Record<string, never>>) => void;
  /** Officials only. */
  'media:produce': (payload: TProducePayload, ack: AckCallback<{ producerId: string }>) => void;
  /** Consumers start paused; the client resumes them once its recv track exists. */
  'media:consume': (payload: TConsumePayload, ack: AckCallback<MediaConsumerOptions>) => void;
  'media:resumeConsumer': (payload: TConsumerPayload, ack: AckCallback<Record<string, never>>) => void;
  /** The client no longer shows this consumer's room (e.g. the console turned a gallery page). */
  'media:closeConsumer': (payload: TConsumerPayload, ack: AckCallback<Record<string, never>>) => void;
  /** Self-mute of the caller's own producer. */
  'media:setProducerPaused': (payload: TSetProducerPausedPayload, ack: AckCallback<MediaProducerView>) => void;
  'media:leave': (payload: TMediaEmptyPayload, ack: AckCallback<Record<string, never>>) => void;
  /** Organizer: pause one room's (or every room's) microphone or camera. */
  'media:muteRooms': (payload: TMuteRoomsPayload, ack: AckCallback<{ paused: number }>) => void;
  /** Organizer: choose the rooms on the stage. */
  'media:setStage': (payload: TSetStagePayload, ack: AckCallback<MediaStateView>) => void;
  /** Organizer: per-transport counters. */
  'media:getStats': (payload: TMediaEmptyPayload, ack: AckCallback<MediaTransportStats[]>) => void;
}

export interface MediaServerToClientEvents {
  'media:state': (state: MediaStateView) => void;
  /** The consumer's producer went away (closed, or its room left). */
  'media:consumerClosed': (payload: { consumerId: string; producerId: string }) => void;
  /** An organizer paused this official's producer; the client shows the mic/camera as off. */
  'media:producerPaused': (payload: { producerId: string; kind: MediaKind; byOrganizer: boolean }) => void;
  /** The server closed a transport (e.g. it went silent); the client rebuilds its media session. */
  'media:transportClosed': (payload: { transportId: string; reason: 'dead' | 'closed' }) => void;
  /** Organizers: the room whose microphone the media server found loudest (mediasoup backend). */
  'media:activeSpeaker': (payload: { roomId: string }) => void;
}
