// What the watchers themselves measure: every browser that receives a consumer's stream sends RTCP
// receiver reports (RFC 3550 §6.4.2), and each report block carries the receiver's own interarrival
// jitter of that stream in RTP timestamp units (an integer: 1/48000 s ≈ 21 µs for opus, 1/90000 s
// ≈ 11 µs for video), far finer than getStats' whole milliseconds. The SFU keeps, per consumer,
// the latest block and a running sum, so a bench can take the mean of the reports that arrived
// between two readings.
//
// Hostile input: a report comes from the consumer's own browser (SRTCP is authenticated, so no one
// else can send it), which may still lie. A block counts only for a consumer of the transport it
// arrived on (looked up by SSRC there; unknown SSRCs are ignored), and a jitter beyond
// MAX_REPORTED_JITTER_S is dropped, so one forged block cannot drag a window's mean to anything.
import { RtcpRrPacket, RtcpSrPacket, type RtcpPacket, type RtcpReceiverInfo } from 'werift';

/** Jitter beyond this (seconds) is not a measurement of a live stream: the block is dropped. */
export const MAX_REPORTED_JITTER_S = 10;

/** The receiver's reports of one stream (one consumer). */
export class ReceiverReportJitter {
  /** Report blocks accepted for this stream since it started. */
  count = 0;
  /** Sum of their jitter (ms), so that (sum₁ − sum₀) / (count₁ − count₀) is a window's mean. */
  jitterMsSum = 0;
  /** The latest block's jitter (ms); undefined before the first. */
  latestJitterMs: number | undefined;
  /** Blocks that named this stream but were out of bounds. */
  rejected = 0;

  constructor(private readonly clockRate: number) {}

  /** One report block naming this stream. Returns whether it was accepted. */
  record(block: Pick<RtcpReceiverInfo, 'jitter'>): boolean {
    const units = block.jitter;
    if (!Number.isInteger(units) || units < 0 || units > MAX_REPORTED_JITTER_S * this.clockRate) {
      this.rejected++;
      return false;
    }
    const ms = (units / this.clockRate) * 1000;
    this.count++;
    this.jitterMsSum += ms;
    this.latestJitterMs = ms;
    return true;
  }
}

/** The report blocks of an RTCP packet: receiver reports, and sender reports (a receiver that also sends puts its blocks there). */
function reportBlocks(packet: RtcpPacket): readonly RtcpReceiverInfo[] {
  if (packet instanceof RtcpRrPacket || packet instanceof RtcpSrPacket) return packet.reports;
  return [];
}

/**
 * Hands every report block of `packet` to the stream it names, if `streamBySsrc` knows it (the
 * consumers of the transport the packet arrived on). Returns the blocks accepted.
 */
export function recordReceiverReports(packet: RtcpPacket, streamBySsrc: (ssrc: number) => ReceiverReportJitter | undefined): number {
  let accepted = 0;
  for (const block of reportBlocks(packet)) {
    const stream = streamBySsrc(block.ssrc);
    if (stream?.record(block)) accepted++;
  }
  return accepted;
}
