import type { ErrorCode } from '../errors';

export interface AckError {
  code: ErrorCode;
  /** Bahasa Indonesia, shown to users first. */
  message: string;
  messageEn: string;
  /** Field-level problems, e.g. for a refused roster or a malformed payload. */
  details?: string[];
  /** With RATE_LIMITED: how long to wait before asking again. */
  retryAfterMs?: number;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckError };
export type AckCallback<T> = (response: Ack<T>) => void;
