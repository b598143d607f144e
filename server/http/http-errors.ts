// Errors over HTTP: JSON `{ error: { code, message, messageEn } }` under /api, a branded page
// elsewhere. A client's mistake (malformed address, unknown path, bad body) is answered with its
// 4xx and logged in one line at most, never with a stack trace; only server faults log one.
import type { NextFunction, Request, Response } from 'express';
import { ERRORS, errorMessages, type ErrorCode } from '../../shared/errors';
import { SaksiError } from '../domain/errors';
import { usePageCsp } from './security-headers';
import { renderBadPathPage, renderNotFoundPage } from './site-pages';

type Log = (message: string, error?: unknown) => void;

export function sendError(res: Response, code: ErrorCode, details?: string[]): void {
  res.status(ERRORS[code].status).json({ error: { code, ...errorMessages(code), ...(details?.length ? { details } : {}) } });
}

/** A person's browser asking for a page (not a program calling the API). */
const isPageRequest = (req: Request) => !req.path.startsWith('/api/') && (req.method === 'GET' || req.method === 'HEAD');

function sendPage(res: Response, status: number, body: string): void {
  usePageCsp(res);
  res.status(status).type('html').set('Cache-Control', 'no-store').send(body);
}

/** The request line as one short, printable log field. */
const describe = (req: Request) => `${req.method} ${req.originalUrl.slice(0, 200).replace(/[^\x21-\x7e]/g, '?')}`;

/** First middleware: a path that does not percent-decode is refused before any route sees it. */
export function rejectMalformedPaths(log: Log) {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      decodeURIComponent(req.path);
    } catch {
      log(`HTTP 400 ${describe(req)}: malformed percent-encoding`);
      if (isPageRequest(req)) return sendPage(res, 400, renderBadPathPage());
      return sendError(res, 'INVALID_PAYLOAD', ['malformed percent-encoding in the path']);
    }
    next();
  };
}

/** After every route: nothing matched. Not logged (scanners would fill the log). */
export function notFound(req: Request, res: Response): void {
  if (isPageRequest(req)) return sendPage(res, 404, renderNotFoundPage());
  sendError(res, 'NOT_FOUND', [`no route for ${req.method} ${req.path.slice(0, 200)}`]);
}

/** Last middleware: known errors get their code, a client's 4xx its status, anything else INTERNAL. */
export function createErrorHandler(log: Log) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof SaksiError) return sendError(res, error.code, error.details);
    const e = error as { type?: string; status?: number; statusCode?: number; message?: string };
    if (e?.type === 'entity.too.large') return sendError(res, 'INVALID_PAYLOAD', ['body too large']);
    if (e?.type === 'entity.parse.failed') return sendError(res, 'INVALID_PAYLOAD', ['body is not valid JSON']);
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // Express and its middleware mark a client's mistake with a 4xx status (URIError 400, a
      // missing static file 404, an aborted body 400): one line, no stack.
      log(`HTTP ${status} ${describe(req)}: ${String(e.message ?? '').split('\n')[0].slice(0, 200)}`);
      if (status === 404) return notFound(req, res);
      if (isPageRequest(req)) return sendPage(res, 400, renderBadPathPage());
      return sendError(res, 'INVALID_PAYLOAD', [String(e.message ?? 'bad request').split('\n')[0].slice(0, 200)]);
    }
    log(`HTTP handler failed: ${describe(req)}`, error);
    if (res.headersSent) return res.end();
    sendError(res, 'INTERNAL');
  };
}
