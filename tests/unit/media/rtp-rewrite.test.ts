import { describe, expect, it } from 'vitest';
import {
  GenericNack,
  PictureLossIndication,
  RtcpPacketConverter,
  RtcpPayloadSpecificFeedback,
  RtcpSenderInfo,
  RtcpSrPacket,
  RtcpTransportLayerFeedback,
  RtpHeader,
  RtpPacket,
} from 'werift';
import {
  buildNackForProducer,
  buildPli,
  readConsumerFeedback,
  rewriteRtpForConsumer,
  rewriteSenderReport,
} from '../../../server/media/rtp-rewrite';

function producerPacket(options: { payload: Buffer; padding?: number }): RtpPacket {
  const header = new RtpHeader({
    payloadType: 96,
    sequenceNumber: 65535,
    timestamp: 0xfffffff0,
    ssrc: 0x11111111,
    marker: true,
    extension: true,
    extensions: [{ id: 3, payload: Buffer.from([1, 2, 3]) }],
    padding: (options.padding ?? 0) > 0,
    paddingSize: options.padding ?? 0,
  });
  // Through the wire format and back, as the transport would see it after SRTP.
  return RtpPacket.deSerialize(new RtpPacket(header, options.payload).serialize());
}

describe('rewriteRtpForConsumer', () => {
  it('re-addresses the packet to the consumer and keeps sequence, timestamp, marker and payload', () => {
    const source = producerPacket({ payload: Buffer.from('vp8-frame-bytes') });
    const forwarded = rewriteRtpForConsumer(source, { ssrc: 0x22222222, payloadType: 101 });
    expect(forwarded).toBeDefined();
    const onWire = RtpPacket.deSerialize(new RtpPacket(forwarded!.header, forwarded!.payload).serialize());
    expect(onWire.header.ssrc).toBe(0x22222222);
    expect(onWire.header.payloadType).toBe(101);
    expect(onWire.header.sequenceNumber).toBe(65535);
    expect(onWire.header.timestamp).toBe(0xfffffff0);
    expect(onWire.header.marker).toBe(true);
    expect(onWire.header.extension).toBe(false);
    expect(onWire.header.padding).toBe(false);
    expect(onWire.payload.toString()).toBe('vp8-frame-bytes');
  });

  it('drops the padding of a padded media packet but keeps its payload', () => {
    const source = producerPacket({ payload: Buffer.from('audio'), padding: 8 });
    const forwarded = rewriteRtpForConsumer(source, { ssrc: 7, payloadType: 100 });
    expect(forwarded!.payload.toString()).toBe('audio');
    expect(forwarded!.header.padding).toBe(false);
  });

  it('drops padding-only probes', () => {
    const probe = producerPacket({ payload: Buffer.alloc(0), padding: 200 });
    expect(probe.payload.length).toBe(0);
    expect(rewriteRtpForConsumer(probe, { ssrc: 7, payloadType: 101 })).toBeUndefined();
  });
});

describe('consumer feedback', () => {
  it('reads PLI and FIR as keyframe requests for the consumer SSRC', () => {
    const pli = RtcpPacketConverter.deSerialize(buildPli(5, 0x22222222).serialize());
    expect(pli.flatMap(readConsumerFeedback)).toEqual([{ type: 'keyframe', mediaSsrc: 0x22222222 }]);
    // FIR (RFC 5104): PT 206, FMT 4, media SSRC 0, target SSRC in the FCI entry.
    const fir = Buffer.from('84ce0004000000050000000022222222' + '01000000', 'hex');
    expect(RtcpPacketConverter.deSerialize(fir).flatMap(readConsumerFeedback)).toEqual([
      { type: 'keyframe', mediaSsrc: 0x22222222 },
    ]);
  });

  it('reads a NACK with sequence numbers wrapped into 16 bits', () => {
    const nack = new RtcpTransportLayerFeedback({
      feedback: new GenericNack({ senderSsrc: 5, mediaSourceSsrc: 0x22222222, lost: [65534, 65535, 0, 1] }),
    });
    const [feedback] = RtcpPacketConverter.deSerialize(nack.serialize()).flatMap(readConsumerFeedback);
    expect(feedback).toEqual({ type: 'nack', mediaSsrc: 0x22222222, lost: [65534, 65535, 0, 1] });
  });

  it('relays a NACK to the producer SSRC with the same sequence numbers', () => {
    const relayed = RtcpPacketConverter.deSerialize(buildNackForProducer(9, 0x11111111, [102, 100, 101]).serialize())[0];
    expect(relayed).toBeInstanceOf(RtcpTransportLayerFeedback);
    const nack = (relayed as RtcpTransportLayerFeedback).feedback as GenericNack;
    expect(nack.mediaSourceSsrc).toBe(0x11111111);
    expect(nack.senderSsrc).toBe(9);
    expect(nack.lost).toEqual([100, 101, 102]);
  });

  it('builds a PLI for the producer', () => {
    const [packet] = RtcpPacketConverter.deSerialize(buildPli(9, 0x11111111).serialize());
    expect(packet).toBeInstanceOf(RtcpPayloadSpecificFeedback);
    const pli = (packet as RtcpPayloadSpecificFeedback).feedback as PictureLossIndication;
    expect(pli.mediaSsrc).toBe(0x11111111);
  });

  it('re-addresses a sender report and keeps its NTP/RTP mapping', () => {
    const report = new RtcpSrPacket({
      ssrc: 0x11111111,
      senderInfo: new RtcpSenderInfo({ ntpTimestamp: 123456789n << 32n, rtpTimestamp: 90000, packetCount: 10, octetCount: 1000 }),
    });
    const [parsed] = RtcpPacketConverter.deSerialize(rewriteSenderReport(report, 0x22222222).serialize());
    expect(parsed).toBeInstanceOf(RtcpSrPacket);
    expect((parsed as RtcpSrPacket).ssrc).toBe(0x22222222);
    expect((parsed as RtcpSrPacket).senderInfo.rtpTimestamp).toBe(90000);
    expect((parsed as RtcpSrPacket).senderInfo.ntpTimestamp).toBe(123456789n << 32n);
  });
});
