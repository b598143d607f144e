// Pure RTP/RTCP rewriting for forwarding. Sequence numbers and timestamps are kept as the producer
// sent them, which is what lets NACKs be relayed by SSRC alone (no RTX, no sequence mapping).
import {
  GenericNack,
  PictureLossIndication,
  RtcpPayloadSpecificFeedback,
  RtcpSrPacket,
  RtcpTransportLayerFeedback,
  RtpHeader,
  type RtcpPacket,
  type RtpPacket,
} from 'werift';

export interface ForwardTarget {
  ssrc: number;
  payloadType: number;
}

export interface ForwardedRtp {
  header: RtpHeader;
  payload: Buffer;
}

/** True for packets that carry only padding (bandwidth probes): nothing for a decoder. */
export function isPaddingOnly(packet: RtpPacket): boolean {
  return packet.payload.length === 0;
}

/**
 * The consumer's copy of a producer packet: its own SSRC and payload type; sequence number,
 * timestamp and marker kept; header extensions, CSRCs and padding dropped (none are negotiated
 * on the consumer side). Returns undefined for padding-only probes.
 */
export function rewriteRtpForConsumer(packet: RtpPacket, target: ForwardTarget): ForwardedRtp | undefined {
  if (isPaddingOnly(packet)) return undefined;
  const header = new RtpHeader({
    version: 2,
    padding: false,
    paddingSize: 0,
    extension: false,
    marker: packet.header.marker,
    payloadType: target.payloadType,
    sequenceNumber: packet.header.sequenceNumber,
    timestamp: packet.header.timestamp,
    ssrc: target.ssrc,
    csrcLength: 0,
    csrc: [],
    extensions: [],
  });
  return { header, payload: packet.payload };
}

export type ConsumerFeedback =
  | { type: 'keyframe'; mediaSsrc: number }
  | { type: 'nack'; mediaSsrc: number; lost: number[] };

/** What a consumer's browser asks of the media it receives: keyframes (PLI/FIR) and NACKs. */
export function readConsumerFeedback(packet: RtcpPacket): ConsumerFeedback[] {
  if (packet instanceof RtcpPayloadSpecificFeedback) {
    const feedback = packet.feedback;
    if (feedback instanceof PictureLossIndication) return [{ type: 'keyframe', mediaSsrc: feedback.mediaSsrc }];
    // werift does not export its FullIntraRequest class; FIR is the feedback with entries.
    if ('fir' in feedback) {
      // FIR names its target in each entry; the header's media SSRC is 0 per RFC 5104.
      return feedback.fir.map((entry) => ({ type: 'keyframe' as const, mediaSsrc: entry.ssrc }));
    }
    return [];
  }
  if (packet instanceof RtcpTransportLayerFeedback && packet.feedback instanceof GenericNack) {
    const nack = packet.feedback;
    // werift expands bitmasks without wrapping at 2^16; keep sequence numbers in range.
    const lost = [...new Set(nack.lost.map((seq) => seq & 0xffff))];
    return [{ type: 'nack', mediaSsrc: nack.mediaSourceSsrc, lost }];
  }
  return [];
}

export function buildPli(senderSsrc: number, producerSsrc: number): RtcpPayloadSpecificFeedback {
  return new RtcpPayloadSpecificFeedback({
    feedback: new PictureLossIndication({ senderSsrc, mediaSsrc: producerSsrc }),
  });
}

/** A consumer's NACK re-addressed to the producer's SSRC; sequence numbers are shared. */
export function buildNackForProducer(senderSsrc: number, producerSsrc: number, lost: number[]): RtcpTransportLayerFeedback {
  const sorted = [...lost].sort((a, b) => a - b);
  return new RtcpTransportLayerFeedback({
    feedback: new GenericNack({ senderSsrc, mediaSourceSsrc: producerSsrc, lost: sorted }),
  });
}

/**
 * The producer's sender report re-addressed to a consumer's SSRC. Timestamps are unchanged by
 * forwarding, so the NTP↔RTP mapping stays true and the browser can sync audio with video.
 */
export function rewriteSenderReport(report: RtcpSrPacket, consumerSsrc: number): RtcpSrPacket {
  return new RtcpSrPacket({ ssrc: consumerSsrc, senderInfo: report.senderInfo, reports: [] });
}
