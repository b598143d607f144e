// What the embedded SFU can route: opus and VP8, no RTX (NACKs are relayed by SSRC and the
// producer retransmits the original packet), no header extensions (nothing on the server reads
// them; consumers get plain packets).
import type { MediaKind, TRtpCapabilities, TRtpParameters } from '../../shared/protocol/media-schemas';

const OPUS_PAYLOAD_TYPE = 100;
const VP8_PAYLOAD_TYPE = 101;

export function buildRouterRtpCapabilities(startBitrateKbps: number): TRtpCapabilities {
  return {
    codecs: [
      {
        kind: 'audio',
        mimeType: 'audio/opus',
        preferredPayloadType: OPUS_PAYLOAD_TYPE,
        clockRate: 48000,
        channels: 2,
        parameters: { minptime: 10, useinbandfec: 1 },
        rtcpFeedback: [],
      },
      {
        kind: 'video',
        mimeType: 'video/VP8',
        preferredPayloadType: VP8_PAYLOAD_TYPE,
        clockRate: 90000,
        // With no congestion feedback Chrome stays near 300 kbps unless told where to start.
        parameters: { 'x-google-start-bitrate': startBitrateKbps },
        rtcpFeedback: [
          { type: 'nack' },
          { type: 'nack', parameter: 'pli' },
          { type: 'ccm', parameter: 'fir' },
        ],
      },
    ],
    headerExtensions: [],
  };
}

type RouterCodec = NonNullable<TRtpCapabilities['codecs']>[number];

function sameCodec(a: { mimeType: string; clockRate: number; channels?: number }, b: { mimeType: string; clockRate: number; channels?: number }): boolean {
  return (
    a.mimeType.toLowerCase() === b.mimeType.toLowerCase() &&
    a.clockRate === b.clockRate &&
    (a.channels ?? 1) === (b.channels ?? 1)
  );
}

/** The router codec a producer's first media codec maps to, if the router supports it. */
export function findRouterCodec(router: TRtpCapabilities, produced: TRtpParameters): RouterCodec | undefined {
  const media = produced.codecs.find((codec) => !/\/(rtx|red|ulpfec)$/i.test(codec.mimeType));
  if (!media) return undefined;
  return router.codecs?.find((codec) => sameCodec(codec, media));
}

export function deviceSupports(device: TRtpCapabilities, codec: RouterCodec): boolean {
  return (device.codecs ?? []).some((candidate) => candidate.kind === codec.kind && sameCodec(candidate, codec));
}

/** Whether a device can consume what a producer of this router sends (its media codec is the router's and the device's). */
export function canConsumeProduced(router: TRtpCapabilities, produced: TRtpParameters | undefined, device: TRtpCapabilities): boolean {
  if (!produced) return false;
  const codec = findRouterCodec(router, produced);
  return codec !== undefined && deviceSupports(device, codec);
}

/**
 * Parameters the server invents for a consumer: the router's codec and payload type (the ones the
 * device loaded), a fresh SSRC that mediasoup-client writes into its SDP so Chrome demultiplexes
 * by it, and reduced-size muxed RTCP.
 */
export function buildConsumerRtpParameters(options: {
  kind: MediaKind;
  codec: RouterCodec;
  ssrc: number;
  cname: string;
  /**
   * Unique per transport, never reused. Without it mediasoup-client numbers the m-section by its
   * count of live transceivers, which repeats a MID once a consumer has closed (Chrome then
   * refuses the SDP: "Duplicate a=mid value"). mediasoup's routers assign it the same way.
   */
  mid: string;
}): TRtpParameters {
  const { codec } = options;
  return {
    mid: options.mid,
    codecs: [
      {
        mimeType: codec.mimeType,
        payloadType: codec.preferredPayloadType ?? (options.kind === 'audio' ? OPUS_PAYLOAD_TYPE : VP8_PAYLOAD_TYPE),
        clockRate: codec.clockRate,
        ...(codec.channels !== undefined ? { channels: codec.channels } : {}),
        parameters: codec.parameters ?? {},
        rtcpFeedback: codec.rtcpFeedback ?? [],
      },
    ],
    headerExtensions: [],
    encodings: [{ ssrc: options.ssrc }],
    rtcp: { cname: options.cname, reducedSize: true, mux: true },
  };
}
