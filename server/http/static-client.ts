// Serves the built React client (dist/client) on the screens that exist — /room/<id>,
// /console/<id> and /tally/<id> for a ceremony this server holds — and the home page at /.
// Any other path falls through to the 404 handler: a mistyped link gets a real "not found",
// not an empty app answering 200.
import express, { Router, type NextFunction, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CeremonySummary } from '../persistence/store-contract';
import { usePageCsp } from './security-headers';
import { renderHomePage } from './site-pages';

/** The same id rule as shared/protocol/schemas.ts ZIdSchema and the client's route parser. */
const SCREEN_ROUTE = /^\/(room|console|tally)\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\/?$/;

export interface StaticClientDeps {
  hasCeremony(id: string): Promise<boolean>;
  listCeremonies(): Promise<CeremonySummary[]>;
}

export function staticClient(clientDir: string, deps: StaticClientDeps): Router {
  const router = Router();
  const index = join(clientDir, 'index.html');
  // Missing assets fall through to the 404 handler instead of raising an error.
  router.use('/assets', express.static(join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false }));
  router.get('/', (_req, res, next) => {
    deps.listCeremonies().then((ceremonies) => {
      usePageCsp(res);
      res.set('Cache-Control', 'no-store').type('html').send(renderHomePage(ceremonies));
    }, next);
  });
  router.get(SCREEN_ROUTE, (req, res, next) => {
    const [, screen, ceremonyId] = SCREEN_ROUTE.exec(req.path)!;
    deps.hasCeremony(ceremonyId).then((known) => screenPage(screen, known, res, next), next);
  });
  function screenPage(screen: string, known: boolean, res: Response, next: NextFunction): void {
    // An official's invite link to a ceremony this server does not hold still gets the room
    // screen (as a 404), which tells them plainly what is wrong and what to do.
    if (!known && screen !== 'room') return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Klien belum dibangun: jalankan `npm run build`.\nThe client is not built yet: run `npm run build`.');
      return;
    }
    res.status(known ? 200 : 404).set('Cache-Control', 'no-cache').sendFile(index);
  }
  return router;
}
