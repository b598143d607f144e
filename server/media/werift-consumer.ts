// A consumer on the embedded SFU: the producer's packets re-addressed to a fresh SSRC and the
// router's payload type, sent on the consumer's transport once its DTLS is up.
import { randomUUID } from 'node:crypto';
import type { RtcpSrPacket, RtpPacket } from 'werift';
import type { MediaKind, TRtpParameters } from '../../shared/protocol/media-schemas';
import type { MediaConsumer } from './media-server';
import { ReceiverReportJitter } from './receiver-reports';
import { RtpJitter } from './rtp-jitter';
import { rewriteRtpForConsumer, rewriteSenderReport, type ForwardedRtp } from './rtp-rewrite';
import type { WeriftProducer } from './werift-producer';

export interface ConsumerSink {
  readonly isReady: boolean;
  sendRtp(packet: ForwardedRtp): void;
  sendRtcp(packets: [RtcpSrPacket]): void;
}

export class WeriftConsumer implements MediaConsumer {
  readonly id = randomUUID();
  readonly kind: MediaKind;
  private readonly closeListeners = new Set<() => void>();
  paused: boolean;
  closed = false;
  nacksReceived = 0;
  packetsForwarded = 0;
  /** Output jitter: RFC 3550 on the send times of this consumer's copies (against rtp-jitter's input side). */
  readonly sendJitter: RtpJitter;
  /**
   * The jitter forwarding alone adds to this consumer's stream: the RFC 3550 estimator applied to
   * the change in read → send delay between consecutive copies (ms). The publisher's and the
   * network's jitter are not in it: they are the same on both ends of that delay.
   */
  forwardJitterMs = 0;
  /** The receiving browser's own RFC 3550 jitter of this stream, from its RTCP receiver reports. */
  readonly receiverReports: ReceiverReportJitter;
  private lastForwardDelayMs: number | undefined;

  constructor(
    readonly producer: WeriftProducer,
    readonly rtpParameters: TRtpParameters,
    readonly ssrc: number,
    readonly payloadType: number,
    private readonly sink: ConsumerSink,
    paused: boolean,
  ) {
    this.kind = producer.kind;
    this.paused = paused;
    const clockRate = rtpParameters.codecs[0]?.clockRate ?? (this.kind === 'audio' ? 48000 : 90000);
    this.sendJitter = new RtpJitter(clockRate);
    this.receiverReports = new ReceiverReportJitter(clockRate);
    producer.consumers.add(this);
  }

  get producerId(): string {
    return this.producer.id;
  }

  /** `readAt`: when the producer's datagram was read off the socket (performance.now() ms). */
  forward(packet: RtpPacket, readAt?: number): boolean {
    if (this.paused || this.closed || !this.sink.isReady) return false;
    const rewritten = rewriteRtpForConsumer(packet, { ssrc: this.ssrc, payloadType: this.payloadType });
    if (!rewritten) return false;
    this.sink.sendRtp(rewritten);
    const sentAt = performance.now();
    this.sendJitter.record(packet.header.timestamp, sentAt);
    if (readAt !== undefined) {
      const delay = sentAt - readAt;
      if (this.lastForwardDelayMs !== undefined) this.forwardJitterMs += (Math.abs(delay - this.lastForwardDelayMs) - this.forwardJitterMs) / 16;
      this.lastForwardDelayMs = delay;
    }
    this.packetsForwarded++;
    return true;
  }

  forwardSenderReport(report: RtcpSrPacket): void {
    if (this.paused || this.closed || !this.sink.isReady) return;
    this.sink.sendRtcp([rewriteSenderReport(report, this.ssrc)]);
  }

  /** The browser asked for a keyframe (PLI/FIR), or the consumer just became able to decode. */
  requestKeyframe(): void {
    this.producer.requestKeyframe();
  }

  relayNack(lost: number[]): void {
    this.nacksReceived += lost.length;
    this.producer.relayNack(lost);
  }

  async pause(): Promise<void> {
    this.paused = true;
  }

  async resume(): Promise<void> {
    if (!this.paused) return;
    this.paused = false;
    this.requestKeyframe();
  }

  /** werift producers send one layer: nothing to choose. */
  async setLayer(): Promise<void> {}

  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.producer.consumers.delete(this);
    for (const listener of [...this.closeListeners]) listener();
    this.closeListeners.clear();
  }
}
