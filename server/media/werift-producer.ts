// A producer on the embedded SFU: one incoming RTP stream (one SSRC, no simulcast) fanned out to
// its consumers, and the single point where keyframe requests and NACKs reach the browser.
import { randomUUID } from 'node:crypto';
import type { RtcpSrPacket, RtpPacket } from 'werift';
import type { MediaKind, TRtpParameters } from '../../shared/protocol/media-schemas';
import { KeyframeRequester } from './keyframe-requester';
import { ForwardDelayHistogram } from './forward-delay';
import type { MediaProducer } from './media-server';
import { RtpJitter } from './rtp-jitter';
import { RtpLossCounter } from './rtp-loss-counter';
import { buildNackForProducer, buildPli } from './rtp-rewrite';
import type { WeriftConsumer } from './werift-consumer';

/** Minimum gap between keyframe requests to one producer (PLIs from many consumers collapse). */
export const KEYFRAME_REQUEST_INTERVAL_MS = 300;

export interface ProducerSink {
  /** Our RTCP sender SSRC on the producer's transport. */
  readonly rtcpSsrc: number;
  /** False until the producer's transport has finished DTLS: RTCP cannot be sent before. */
  readonly isReady: boolean;
  sendRtcp(packets: Parameters<import('werift').RTCDtlsTransport['sendRtcp']>[0]): void;
}

export class WeriftProducer implements MediaProducer {
  readonly id = randomUUID();
  readonly consumers = new Set<WeriftConsumer>();
  readonly loss = new RtpLossCounter();
  /** Input jitter, at the socket read. Audio (one packet every 20 ms) is the steadiest clock to see a stall against. */
  readonly jitter: RtpJitter;
  /** Socket read → each consumer's send. */
  readonly forwardDelay = new ForwardDelayHistogram();
  private readonly keyframes: KeyframeRequester;
  private readonly closeListeners = new Set<() => void>();
  paused: boolean;
  closed = false;
  packetsForwarded = 0;
  /** A keyframe was wanted before the transport could send RTCP; sent once it can. */
  private keyframeOwed = false;

  constructor(
    readonly kind: MediaKind,
    readonly rtpParameters: TRtpParameters,
    readonly ssrc: number,
    private readonly sink: ProducerSink,
    paused: boolean,
  ) {
    this.paused = paused;
    this.jitter = new RtpJitter(rtpParameters.codecs[0]?.clockRate ?? (kind === 'audio' ? 48000 : 90000));
    this.keyframes = new KeyframeRequester({
      minIntervalMs: KEYFRAME_REQUEST_INTERVAL_MS,
      send: () => this.sink.sendRtcp([buildPli(this.sink.rtcpSsrc, this.ssrc)]),
    });
  }

  /** `readAt`: performance.now() when the transport's thread read the datagram off the socket. */
  receiveRtp(packet: RtpPacket, readAt: number = performance.now()): void {
    this.loss.record(packet.header.sequenceNumber);
    this.jitter.record(packet.header.timestamp, readAt);
    if (this.paused) return;
    for (const consumer of this.consumers) {
      if (!consumer.forward(packet, readAt)) continue;
      this.packetsForwarded++;
      // The copy is on its socket now (werift encrypts and sends synchronously from sendRtp).
      this.forwardDelay.record(performance.now() - readAt);
    }
  }

  receiveSenderReport(report: RtcpSrPacket): void {
    for (const consumer of this.consumers) consumer.forwardSenderReport(report);
  }

  requestKeyframe(): void {
    if (this.kind !== 'video' || this.closed) return;
    if (!this.sink.isReady) {
      this.keyframeOwed = true;
      return;
    }
    this.keyframes.request();
  }

  /** Called by the transport once DTLS is up. */
  transportReady(): void {
    if (!this.keyframeOwed) return;
    this.keyframeOwed = false;
    this.requestKeyframe();
  }

  relayNack(lost: number[]): void {
    if (this.closed || lost.length === 0) return;
    this.sink.sendRtcp([buildNackForProducer(this.sink.rtcpSsrc, this.ssrc, lost)]);
  }

  async pause(): Promise<void> {
    this.paused = true;
  }

  async resume(): Promise<void> {
    if (!this.paused) return;
    this.paused = false;
    this.requestKeyframe();
  }

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.keyframes.close();
    for (const consumer of [...this.consumers]) consumer.close();
    for (const listener of [...this.closeListeners]) listener();
    this.closeListeners.clear();
  }
}
