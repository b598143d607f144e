// Serves the built React client (dist/client) and answers its routes with index.html.
import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const SPA_ROUTES = ['/room/', '/console/', '/tally/'];

export function staticClient(clientDir: string): Router {
  const router = Router();
  const index = join(clientDir, 'index.html');
  router.use('/assets', express.static(join(clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use(express.static(clientDir, { index: false }));
  router.get(['/', ...SPA_ROUTES.map((r) => `${r}*`)], (_req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Klien belum dibangun: jalankan `npm run build`.\nThe client is not built yet: run `npm run build`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  });
  return router;
}
