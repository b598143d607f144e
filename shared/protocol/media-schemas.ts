// zod schemas for media signaling payloads (client → server). The RTP shapes follow
// mediasoup's RtpParameters/RtpCapabilities so mediasoup-client objects pass through unchanged;
// unknown fields are kept (passthrough) because mediasoup-client may add some between versions.
import { z } from 'zod';
import { ZIdSchema } from './schemas';

// Codec parameters (fmtp) are only stored and echoed, never interpreted by the server.
const ZParametersSchema = z
  .record(z.unknown())
  .refine((parameters) => Object.keys(parameters).length <= 32, 'too many parameters');

export const ZRtcpFeedbackSchema = z
  .object({ type: z.string().min(1).max(32), parameter: z.string().max(32).optional() })
  .passthrough();

export const ZRtpCodecParametersSchema = z
  .object({
    mimeType: z.string().regex(/^(audio|video)\/[A-Za-z0-9._-]+$/),
    payloadType: z.number().int().min(0).max(127),
    clockRate: z.number().int().positive(),
    channels: z.number().int().positive().optional(),
    parameters: ZParametersSchema.optional(),
    rtcpFeedback: z.array(ZRtcpFeedbackSchema).max(32).optional(),
  })
  .passthrough();

export const ZRtpEncodingParametersSchema = z
  .object({
    ssrc: z.number().int().min(0).max(0xffffffff).optional(),
    rid: z.string().max(32).optional(),
    rtx: z.object({ ssrc: z.number().int().min(0).max(0xffffffff) }).optional(),
    maxBitrate: z.number().positive().optional(),
    scalabilityMode: z.string().max(16).optional(),
  })
  .passthrough();

export const ZRtpHeaderExtensionParametersSchema = z
  .object({
    uri: z.string().min(1).max(200),
    id: z.number().int().min(1).max(255),
    encrypt: z.boolean().optional(),
    parameters: ZParametersSchema.optional(),
  })
  .passthrough();

export const ZRtpParametersSchema = z
  .object({
    mid: z.string().max(32).optional(),
    codecs: z.array(ZRtpCodecParametersSchema).min(1).max(16),
    headerExtensions: z.array(ZRtpHeaderExtensionParametersSchema).max(32).optional(),
    encodings: z.array(ZRtpEncodingParametersSchema).min(1).max(8).optional(),
    rtcp: z
      .object({ cname: z.string().max(256).optional(), reducedSize: z.boolean().optional(), mux: z.boolean().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type TRtpParameters = z.infer<typeof ZRtpParametersSchema>;

export const ZRtpCodecCapabilitySchema = z
  .object({
    kind: z.enum(['audio', 'video']),
    mimeType: z.string().min(1).max(64),
    preferredPayloadType: z.number().int().min(0).max(127).optional(),
    clockRate: z.number().int().positive(),
    channels: z.number().int().positive().optional(),
    parameters: ZParametersSchema.optional(),
    rtcpFeedback: z.array(ZRtcpFeedbackSchema).max(32).optional(),
  })
  .passthrough();

export const ZRtpCapabilitiesSchema = z
  .object({
    codecs: z.array(ZRtpCodecCapabilitySchema).max(64).optional(),
    headerExtensions: z.array(z.object({}).passthrough()).max(64).optional(),
  })
  .passthrough();
export type TRtpCapabilities = z.infer<typeof ZRtpCapabilitiesSchema>;

export const ZDtlsParametersSchema = z
  .object({
    role: z.enum(['auto', 'client', 'server']).optional(),
    fingerprints: z
      .array(z.object({ algorithm: z.string().min(1).max(16), value: z.string().min(1).max(200) }))
      .min(1)
      .max(8),
  })
  .passthrough();
export type TDtlsParameters = z.infer<typeof ZDtlsParametersSchema>;

export const MEDIA_KINDS = ['audio', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const ZMediaJoinPayloadSchema = z.object({}).strict();
export type TMediaJoinPayload = z.infer<typeof ZMediaJoinPayloadSchema>;

export const ZCreateTransportPayloadSchema = z.object({ direction: z.enum(['send', 'recv']) }).strict();
export type TCreateTransportPayload = z.infer<typeof ZCreateTransportPayloadSchema>;

export const ZConnectTransportPayloadSchema = z
  .object({ transportId: ZIdSchema, dtlsParameters: ZDtlsParametersSchema })
  .strict();
export type TConnectTransportPayload = z.infer<typeof ZConnectTransportPayloadSchema>;

export const ZProducePayloadSchema = z
  .object({
    transportId: ZIdSchema,
    kind: z.enum(MEDIA_KINDS),
    rtpParameters: ZRtpParametersSchema,
    paused: z.boolean().optional(),
  })
  .strict();
export type TProducePayload = z.infer<typeof ZProducePayloadSchema>;

export const ZConsumePayloadSchema = z
  .object({
    transportId: ZIdSchema,
    producerId: ZIdSchema,
    rtpCapabilities: ZRtpCapabilitiesSchema,
    // Simulcast layer for video: the console's gallery tiles take low, the stage high (default).
    layer: z.enum(['low', 'high']).optional(),
  })
  .strict();
export type TConsumePayload = z.infer<typeof ZConsumePayloadSchema>;

export const ZConsumerPayloadSchema = z.object({ consumerId: ZIdSchema }).strict();
export type TConsumerPayload = z.infer<typeof ZConsumerPayloadSchema>;

export const ZSetProducerPausedPayloadSchema = z
  .object({ producerId: ZIdSchema, paused: z.boolean() })
  .strict();
export type TSetProducerPausedPayload = z.infer<typeof ZSetProducerPausedPayloadSchema>;

/** Organizer: mute one room (roomId) or everyone (roomId absent) for one kind of media. */
export const ZMuteRoomsPayloadSchema = z
  .object({ roomId: ZIdSchema.optional(), kind: z.enum(MEDIA_KINDS) })
  .strict();
export type TMuteRoomsPayload = z.infer<typeof ZMuteRoomsPayloadSchema>;

/** Organizer: the rooms shown on the stage (beside the stage room itself). */
export const ZSetStagePayloadSchema = z.object({ roomIds: z.array(ZIdSchema).max(16) }).strict();
export type TSetStagePayload = z.infer<typeof ZSetStagePayloadSchema>;

export const ZMediaEmptyPayloadSchema = z.object({}).strict();
export type TMediaEmptyPayload = z.infer<typeof ZMediaEmptyPayloadSchema>;
