import type { ErrorCode } from '../../shared/errors';
import { ERRORS } from '../../shared/errors';

/**
 * The one error type. `code` is stable, `detail` is for developers and logs; what users see
 * comes from the code's messages in shared/errors.ts (plus `details` for field problems).
 */
export class SaksiError extends Error {
  readonly code: ErrorCode;
  readonly details?: string[];

  constructor(code: ErrorCode, detail?: string, details?: string[]) {
    super(detail ?? ERRORS[code].en);
    this.name = 'SaksiError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SaksiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, detail?: string, details?: string[]): { ok: false; error: SaksiError } => ({
  ok: false,
  error: new SaksiError(code, detail, details),
});
