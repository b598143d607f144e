// Invite tokens: base64url(JSON claims) "." base64url(HMAC-SHA256). They name one ceremony and
// one room, expire, and carry the room's invite epoch so that re-issuing a link revokes the old.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { fail, ok, type Result } from '../domain/errors';

const ZClaimsSchema = z.object({
  v: z.literal(1),
  c: z.string(),
  r: z.string(),
  e: z.number().int().nonnegative(),
  jti: z.string(),
  exp: z.number().int(),
});
export type InviteClaims = z.infer<typeof ZClaimsSchema>;

const b64 = (buf: Buffer) => buf.toString('base64url');
const mac = (secret: Buffer, body: string) => createHmac('sha256', secret).update(body).digest();

export function issueInviteToken(
  secret: Buffer,
  input: { ceremonyId: string; roomId: string; epoch: number; ttlSeconds: number; nowMs: number },
): { token: string; claims: InviteClaims } {
  const claims: InviteClaims = {
    v: 1,
    c: input.ceremonyId,
    r: input.roomId,
    e: input.epoch,
    jti: b64(randomBytes(9)),
    exp: Math.floor(input.nowMs / 1000) + input.ttlSeconds,
  };
  const body = b64(Buffer.from(JSON.stringify(claims)));
  return { token: `${body}.${b64(mac(secret, body))}`, claims };
}

/** Checks signature and expiry; the caller checks ceremony, room and epoch against its state. */
export function verifyInviteToken(secret: Buffer, token: string, nowMs: number): Result<InviteClaims> {
  const parts = token.split('.');
  if (parts.length !== 2 || token.length > 1024) return fail('INVITE_MALFORMED', 'malformed token');
  const [body, signature] = parts;
  const expected = mac(secret, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return fail('INVITE_MALFORMED', 'bad token signature');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return fail('INVITE_MALFORMED', 'unreadable token');
  }
  const claims = ZClaimsSchema.safeParse(parsed);
  if (!claims.success) return fail('INVITE_MALFORMED', 'unexpected token claims');
  if (claims.data.exp * 1000 <= nowMs) return fail('TOKEN_EXPIRED', `expired at ${claims.data.exp}`);
  return ok(claims.data);
}

export function isOrganizerCredential(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
