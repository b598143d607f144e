// Validate-then-run for every media request: the payload goes through its zod schema first
// (INVALID_PAYLOAD on failure), a MediaError becomes its code, anything else INTERNAL. Clients
// never see internal messages.
import type { z } from 'zod';
import { errorMessages, type ErrorCode } from '../../shared/errors';
import type { Ack, AckCallback } from '../../shared/protocol/ack';
import { MediaError } from './media-errors';

export function failure(code: ErrorCode, details?: string[]): Ack<never> {
  return { ok: false, error: { code, ...errorMessages(code), ...(details?.length ? { details } : {}) } };
}

export async function runAcked<S extends z.ZodTypeAny, T>(
  schema: S,
  payload: unknown,
  ack: AckCallback<T> | undefined,
  handler: (input: z.infer<S>) => Promise<T> | T,
  onInternalError: (error: unknown) => void,
): Promise<void> {
  if (typeof ack !== 'function') return;
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    ack(failure('INVALID_PAYLOAD', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)));
    return;
  }
  try {
    ack({ ok: true, data: await handler(parsed.data) });
  } catch (error) {
    if (error instanceof MediaError) {
      ack(failure(error.code));
      return;
    }
    onInternalError(error);
    ack(failure('INTERNAL'));
  }
}
