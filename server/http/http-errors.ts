import type { NextFunction, Request, Response } from 'express';
import { ERRORS, errorMessages, type ErrorCode } from '../../shared/errors';
import { SaksiError } from '../domain/errors';

export function sendError(res: Response, code: ErrorCode, details?: string[]): void {
  res.status(ERRORS[code].status).json({ error: { code, ...errorMessages(code), ...(details?.length ? { details } : {}) } });
}

/** Last middleware: known errors get their code, anything else a plain INTERNAL (no stack). */
export function createErrorHandler(log: (message: string, error?: unknown) => void) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof SaksiError) return sendError(res, error.code, error.details);
    const e = error as { type?: string; status?: number };
    if (e?.type === 'entity.too.large') return sendError(res, 'INVALID_PAYLOAD', ['body too large']);
    if (e?.type === 'entity.parse.failed') return sendError(res, 'INVALID_PAYLOAD', ['body is not valid JSON']);
    log('HTTP handler failed', error);
    sendError(res, 'INTERNAL');
  };
}
