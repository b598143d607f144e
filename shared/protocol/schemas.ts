// One zod schema per client→server payload, plus the roster import format.
import { z } from 'zod';
import { PARTY_KINDS, TIME_ZONES } from '../domain/types';

/** Identifiers are short and URL-safe so they can appear in links, file names and PDFs. */
export const ZIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'hanya huruf, angka, titik, garis bawah dan tanda hubung');

import { MAX_TYPED_SIGNATURE_CHARS } from './limits';
import { checkTypedSignature } from './typed-signature';

export { MAX_SIGNATURE_DATA_URL_CHARS, MAX_SIGNATURE_PNG_BYTES, MAX_TYPED_SIGNATURE_CHARS } from './limits';

export const ZEmptyPayloadSchema = z.object({}).strict();
export type TEmptyPayload = z.infer<typeof ZEmptyPayloadSchema>;

export const ZAgreementPayloadSchema = z.object({ agreementId: ZIdSchema }).strict();
export type TAgreementPayload = z.infer<typeof ZAgreementPayloadSchema>;

/** A call: the agreements, and optionally the wave's name as the organizer wants it shown. */
export const ZCallPayloadSchema = z
  .object({ agreementIds: z.array(ZIdSchema).min(1).max(1000), waveName: z.string().trim().min(1).max(80).optional() })
  .strict();
export type TCallPayload = z.infer<typeof ZCallPayloadSchema>;

export const ZWavePayloadSchema = z.object({ waveId: ZIdSchema }).strict();
export type TWavePayload = z.infer<typeof ZWavePayloadSchema>;

export const ZRoomPayloadSchema = z.object({ roomId: ZIdSchema }).strict();
export type TRoomPayload = z.infer<typeof ZRoomPayloadSchema>;

export const ZSignatureInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('drawn'),
      // Length is checked by the handler so an oversized image gets SIGNATURE_TOO_LARGE.
      dataUrl: z.string().startsWith('data:image/png;base64,'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('typed'),
      // NFC, trimmed, and refused unless it shows a letter or digit (zero-width-only "names").
      text: z
        .string()
        .max(MAX_TYPED_SIGNATURE_CHARS * 4)
        .transform((raw, ctx) => {
          const checked = checkTypedSignature(raw, MAX_TYPED_SIGNATURE_CHARS);
          if (checked.ok) return checked.text;
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.problem, params: { errorCode: 'SIGNATURE_NOT_VISIBLE' } });
          return z.NEVER;
        }),
    })
    .strict(),
]);
export type TSignatureInput = z.infer<typeof ZSignatureInputSchema>;

export const ZSignPayloadSchema = z
  .object({ agreementId: ZIdSchema, partyId: ZIdSchema, signature: ZSignatureInputSchema })
  .strict();
export type TSignPayload = z.infer<typeof ZSignPayloadSchema>;

/** An official named in the roster signs the Berita Acara (after the close), from their room. */
export const ZOfficialSignPayloadSchema = z.object({ officialId: ZIdSchema, signature: ZSignatureInputSchema }).strict();
export type TOfficialSignPayload = z.infer<typeof ZOfficialSignPayloadSchema>;

/** The organizer seals the Berita Acara without the missing officials; the reason is audited. */
export const ZFinishWithoutOfficialsPayloadSchema = z.object({ reason: z.string().trim().min(5).max(500) }).strict();
export type TFinishWithoutOfficialsPayload = z.infer<typeof ZFinishWithoutOfficialsPayloadSchema>;

// ---- Roster import (POST /api/ceremonies, npm run import) ----

const ZText = (max: number) => z.string().trim().min(1).max(max);

export const ZRosterRoomSchema = z.object({
  id: ZIdSchema,
  name: ZText(200),
  province: ZText(100),
  regency: ZText(100),
  timezone: z.enum(TIME_ZONES),
  isStage: z.boolean().optional(),
});

export const ZRosterPartySchema = z.object({
  id: ZIdSchema,
  kind: z.enum(PARTY_KINDS),
  name: ZText(200),
  sector: ZText(100),
  province: ZText(100),
  room: ZIdSchema,
  representative: z.object({ name: ZText(120), title: ZText(120) }),
});

/** Peruri serials are letters and digits; separators are tolerated as printed on receipts. */
const E_METERAI_SERIAL = /^[A-Za-z0-9][A-Za-z0-9./-]*$/;

export const ZRosterAgreementSchema = z.object({
  id: ZIdSchema,
  title: ZText(300),
  parties: z.array(ZIdSchema).min(2).max(50),
  valueIdr: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** The e-Meterai (stamp duty) serial issued for this agreement, printed where the stamp goes. */
  eMeteraiSerial: z.string().trim().min(1).max(64).regex(E_METERAI_SERIAL, { message: 'e-meterai-serial' }).optional(),
});

export const ZRosterOfficialSchema = z.object({
  /** Optional: `pejabat-1`, `pejabat-2`… in roster order. */
  id: ZIdSchema.optional(),
  name: ZText(120),
  title: ZText(160),
  institution: ZText(200).optional(),
  /** The room whose invite link signs for this official; default: the stage room. */
  room: ZIdSchema.optional(),
});

/** The organizers' help line, shown to officials whose link fails. A phone or an e-mail is needed. */
export const ZRosterContactSchema = z
  .object({
    name: ZText(120),
    phone: z.string().trim().regex(/^\+?[0-9][0-9 ().-]{4,30}$/, 'nomor telepon: angka, spasi, + ( ) . -').optional(),
    email: z.string().trim().email().max(200).optional(),
  })
  .strict()
  .refine((c) => c.phone !== undefined || c.email !== undefined, { message: 'isi telepon atau e-mail / give a phone or an e-mail' });
export type TRosterContact = z.infer<typeof ZRosterContactSchema>;

export const ZRosterSchema = z.object({
  id: ZIdSchema.optional(),
  title: ZText(300),
  startsAt: z.string().datetime({ offset: true }),
  contact: ZRosterContactSchema.optional(),
  rooms: z.array(ZRosterRoomSchema).min(1).max(1000),
  parties: z.array(ZRosterPartySchema).min(2).max(10000),
  agreements: z.array(ZRosterAgreementSchema).min(1).max(10000),
  /** The officials who sign the Berita Acara, e.g. Menteri Sekretaris Negara, Kepala BKPM. */
  officials: z.array(ZRosterOfficialSchema).min(1).max(12).optional(),
});
export type TRoster = z.infer<typeof ZRosterSchema>;
