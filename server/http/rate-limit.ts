// HTTP limits per client address: token buckets answered with 429 RATE_LIMITED, `Retry-After`
// (seconds) and `retryAfterMs` in the body; and the slow-down of guessed organizer credentials.
// The address is Express's `req.ip` (which honours X-Forwarded-For only from the trusted proxy).
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { errorMessages } from '../../shared/errors';
import { addressKey } from '../limits/client-address';
import type { CredentialGuard } from '../limits/credential-guard';
import type { TokenBuckets } from '../limits/token-buckets';

const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress;

export function sendRateLimited(req: Request, res: Response, retryAfterMs: number): void {
  const ms = Math.max(1, Math.ceil(retryAfterMs));
  res.set('Retry-After', String(Math.ceil(ms / 1000)));
  // A body we are not going to read (an upload) is not worth keeping the connection open for.
  if (req.headers['content-length'] || req.headers['transfer-encoding']) res.set('Connection', 'close');
  res.status(429).json({ error: { code: 'RATE_LIMITED', ...errorMessages('RATE_LIMITED'), retryAfterMs: ms } });
}

export function rateLimit(buckets: TokenBuckets): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const taken = buckets.take(addressKey(clientAddress(req)));
    if (taken.ok) return next();
    sendRateLimited(req, res, taken.retryAfterMs);
  };
}

/**
 * Requests carrying a credential: refused unchecked while their address has too many refused
 * credentials; each new 401 counts against it. Routes keep their own `requireOrganizer`.
 */
export function credentialSlowdown(guard: CredentialGuard): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.headers.authorization) return next();
    const address = clientAddress(req);
    const allowed = guard.check(address);
    if (!allowed.ok) return sendRateLimited(req, res, allowed.retryAfterMs);
    res.on('finish', () => {
      if (res.statusCode === 401) guard.recordFailure(address);
    });
    next();
  };
}
