// The watchers' own jitter as their RTCP receiver reports carry it: real RTCP bytes (werift's
// serializer, then its parser as the transport runs it after SRTCP), and forged or malformed ones.
import { describe, expect, it } from 'vitest';
import { RtcpPacketConverter, RtcpReceiverInfo, RtcpRrPacket, RtcpSenderInfo, RtcpSrPacket } from 'werift';
import { MAX_REPORTED_JITTER_S, ReceiverReportJitter, recordReceiverReports } from '../../../server/media/receiver-reports';

const AUDIO_SSRC = 0x0a0a0a0a;
const VIDEO_SSRC = 0x0b0b0b0b;

function block(ssrc: number, jitter: number): RtcpReceiverInfo {
  return new RtcpReceiverInfo({ ssrc, fractionLost: 0, packetsLost: 0, highestSequence: 1000, jitter, lsr: 0, dlsr: 0 });
}

/** Through the wire format and back, as the transport sees a compound packet after SRTCP. */
function onWire(...packets: Array<RtcpRrPacket | RtcpSrPacket>): ReturnType<typeof RtcpPacketConverter.deSerialize> {
  return RtcpPacketConverter.deSerialize(Buffer.concat(packets.map((p) => p.serialize())));
}

function consumers() {
  const streams = new Map([
    [AUDIO_SSRC, new ReceiverReportJitter(48000)],
    [VIDEO_SSRC, new ReceiverReportJitter(90000)],
  ]);
  const route = (packets: ReturnType<typeof onWire>) => packets.reduce((n, p) => n + recordReceiverReports(p, (ssrc) => streams.get(ssrc)), 0);
  return { audio: streams.get(AUDIO_SSRC)!, video: streams.get(VIDEO_SSRC)!, route };
}

describe('receiver reports', () => {
  it("reads each block's jitter in RTP timestamp units at the stream's clock rate, and sums them per stream", () => {
    const { audio, video, route } = consumers();
    // 96 units at 48 kHz = 2 ms; 99 at 90 kHz = 1.1 ms; 97 at 48 kHz ≈ 2.0208 ms (finer than getStats' whole ms).
    expect(route(onWire(new RtcpRrPacket({ ssrc: 1, reports: [block(AUDIO_SSRC, 96), block(VIDEO_SSRC, 99)] })))).toBe(2);
    expect(route(onWire(new RtcpRrPacket({ ssrc: 1, reports: [block(AUDIO_SSRC, 97)] })))).toBe(1);
    expect(audio.count).toBe(2);
    expect(audio.latestJitterMs).toBeCloseTo((97 / 48000) * 1000, 9);
    expect(audio.jitterMsSum).toBeCloseTo(2 + (97 / 48000) * 1000, 9);
    expect(video.count).toBe(1);
    expect(video.latestJitterMs).toBeCloseTo(1.1, 9);
  });

  it('reads the blocks of a sender report too (a receiver that also sends)', () => {
    const { video, route } = consumers();
    const sr = new RtcpSrPacket({
      ssrc: 2,
      senderInfo: new RtcpSenderInfo({ ntpTimestamp: 1n << 32n, rtpTimestamp: 0, packetCount: 1, octetCount: 1 }),
      reports: [block(VIDEO_SSRC, 180)],
    });
    expect(route(onWire(sr))).toBe(1);
    expect(video.latestJitterMs).toBeCloseTo(2, 9);
  });

  it('ignores blocks about streams the transport does not carry, and out-of-bounds jitter', () => {
    const { audio, video, route } = consumers();
    const tooMuch = MAX_REPORTED_JITTER_S * 48000 + 1;
    const forged = new RtcpRrPacket({
      ssrc: 3,
      reports: [block(0x12345678, 500), block(0, 500), block(AUDIO_SSRC, tooMuch), block(VIDEO_SSRC, 0xffffffff), block(AUDIO_SSRC, 48)],
    });
    expect(route(onWire(forged))).toBe(1);
    expect(audio.count).toBe(1);
    expect(audio.latestJitterMs).toBeCloseTo(1, 9);
    expect(audio.rejected).toBe(1);
    expect(video.count).toBe(0);
    expect(video.latestJitterMs).toBeUndefined();
    expect(video.rejected).toBe(1);
  });

  it('survives malformed bytes: a report count beyond the packet, a truncated block, garbage', () => {
    const { audio, video, route } = consumers();
    const good = new RtcpRrPacket({ ssrc: 4, reports: [block(AUDIO_SSRC, 96)] }).serialize();
    // The header claims 31 blocks and a length past the end; only one block's bytes follow.
    const lying = Buffer.from(good);
    lying[0] = (lying[0]! & 0xe0) | 31;
    lying.writeUInt16BE(200, 2);
    const truncated = good.subarray(0, good.length - 10);
    const garbage = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 201) & 0xff));
    for (const bytes of [lying, truncated, garbage]) {
      let packets: ReturnType<typeof onWire> = [];
      try {
        packets = RtcpPacketConverter.deSerialize(bytes);
      } catch {
        // werift may refuse the datagram outright: then nothing reaches the consumers.
      }
      route(packets);
    }
    // Whatever got through is bounded: at most the one real block's 2 ms, never a value out of range.
    for (const stream of [audio, video]) {
      if (stream.latestJitterMs !== undefined) expect(stream.latestJitterMs).toBeLessThanOrEqual(MAX_REPORTED_JITTER_S * 1000);
      expect(Number.isFinite(stream.jitterMsSum)).toBe(true);
    }
    expect(audio.count).toBeLessThanOrEqual(2);
  });
});
