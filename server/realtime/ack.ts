import { errorMessages, type ErrorCode } from '../../shared/errors';
import type { Ack } from '../../shared/protocol/ack';
import type { SaksiError } from '../domain/errors';

export function errorAck(code: ErrorCode, details?: string[]): Ack<never> {
  return { ok: false, error: { code, ...errorMessages(code), ...(details?.length ? { details } : {}) } };
}

export function fromError(error: SaksiError): Ack<never> {
  return errorAck(error.code, error.details);
}

export function rateLimitedAck(retryAfterMs: number): Ack<never> {
  return { ok: false, error: { code: 'RATE_LIMITED', ...errorMessages('RATE_LIMITED'), retryAfterMs: Math.ceil(retryAfterMs) } };
}

/**
 * A refused connection: socket.io-client gets a connect_error whose message is the error code
 * and whose data has the texts (and, when rate-limited, when to try again).
 */
export class HandshakeError extends Error {
  data: { code: ErrorCode; message: string; messageEn: string; retryAfterMs?: number };
  constructor(code: ErrorCode, retryAfterMs?: number) {
    super(code);
    this.data = { code, ...errorMessages(code), ...(retryAfterMs !== undefined ? { retryAfterMs: Math.ceil(retryAfterMs) } : {}) };
  }
}
