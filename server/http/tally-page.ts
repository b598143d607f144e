// The public tally's HTML with the current figures in its title and Open Graph tags, so a link
// pasted into a chat app (which runs no JavaScript) previews as "Rp1,2 triliun dari Rp1,5 triliun
// ditandatangani". The React client takes over in the browser; unknown ceremonies get the plain
// client page, which explains itself.
import { Router } from 'express';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../app';
import { links } from '../ceremony/links';
import { tallySummary } from '../../shared/format/tally-summary';
import { escapeHtml } from './verify-html';

export function tallyPageRoutes(ctx: Pick<AppContext, 'service' | 'baseUrl'>, clientDir: string): Router {
  const router = Router();
  router.get('/tally/:ceremonyId', async (req, res, next) => {
    const state = await ctx.service.ensure(req.params.ceremonyId).catch(() => undefined);
    if (!state) return next();
    let index: string;
    try {
      index = await readFile(join(clientDir, 'index.html'), 'utf8');
    } catch {
      return next(); // not built: the static client answers with its own explanation
    }
    const { ceremony, tally } = state;
    const summary = tallySummary(tally, 'id');
    const url = links.tally(ctx.baseUrl(), ceremony.id);
    const tags = [
      `<title>${escapeHtml(`${summary} — ${ceremony.title}`)}</title>`,
      `<meta name="description" content="${escapeHtml(summary)}" />`,
      `<meta property="og:type" content="website" />`,
      `<meta property="og:site_name" content="Saksi" />`,
      `<meta property="og:title" content="${escapeHtml(ceremony.title)}" />`,
      `<meta property="og:description" content="${escapeHtml(summary)}" />`,
      `<meta property="og:url" content="${escapeHtml(url)}" />`,
      `<meta property="og:locale" content="id_ID" />`,
      `<meta name="twitter:card" content="summary" />`,
    ].join('\n    ');
    res
      .status(200)
      .set({ 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' })
      .send(index.replace(/<title>[^<]*<\/title>/, tags));
  });
  return router;
}
