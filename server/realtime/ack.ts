import { errorMessages, type ErrorCode } from '../../shared/errors';
import type { Ack } from '../../shared/protocol/ack';
import type { SaksiError } from '../domain/errors';

export function errorAck(code: ErrorCode, details?: string[]): Ack<never> {
  return { ok: false, error: { code, ...errorMessages(code), ...(details?.length ? { details } : {}) } };
}

export function fromError(error: SaksiError): Ack<never> {
  return errorAck(error.code, error.details);
}
