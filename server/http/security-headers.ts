// Response headers a security reviewer expects on every page and API answer, set with helmet.
// - Content-Security-Policy: the React app loads only its own scripts and styles (Vite emits no
//   inline script); Socket.IO connects back to the same host over ws:/wss: (listed explicitly
//   for browsers whose 'self' does not cover WebSocket); signature previews and the favicon are
//   data:/blob: images; WebRTC media arrives as MediaStreams (not governed by CSP); the room shows
//   the stamped PDF in a same-origin frame. Nothing else is allowed, and no site may frame us.
// - X-Frame-Options DENY for browsers without frame-ancestors; except an agreement's PDF, which
//   the room's own page frames (SAMEORIGIN / frame-ancestors 'self').
// - Referrer-Policy no-referrer: room and console links carry their token in the fragment, which
//   browsers never put in a Referer, but the path still names the ceremony and screen, and the
//   pages have no need to tell any other site where a visitor came from. The app reads no Referer.
import type { Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** Server-rendered pages (verification, 404, home) carry their CSS inline and nothing else. */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The room frames an agreement's PDF from the same origin. */
const FRAMEABLE = /^\/api\/agreements\/[^/]+\/document$/;

/** ws://host and wss://host for the Host this request came to, if it looks like a host. */
function sameHostSockets(req: Request): string {
  const host = req.headers.host ?? '';
  return /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host) ? `ws://${host} wss://${host}` : '';
}

export function securityHeaders(): RequestHandler {
  const frameAncestors = (req: Request) => (FRAMEABLE.test(req.path) ? "'self'" : "'none'");
  const withHelmet = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:', 'mediastream:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'", (req) => sameHostSockets(req as Request)],
        'frame-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': [(req) => frameAncestors(req as Request)],
      },
    },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    // Ignored over plain http (a LAN deployment); pins https once a deployment serves it.
    strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
    xFrameOptions: { action: 'deny' },
  });
  return (req, res, next) =>
    withHelmet(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (FRAMEABLE.test(req.path)) res.setHeader('X-Frame-Options', 'SAMEORIGIN');
      next();
    });
}

/** For responses that render a server page: its own tighter policy. */
export function usePageCsp(res: Response): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
}
