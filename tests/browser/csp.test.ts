// The screens and pages work under the Content-Security-Policy the server sends: in Chromium,
// with media on (fake camera), the room signs on the pad and links the stamped PDF,
// the console and tally run live, and the server pages render — with no CSP violation reported
// (`securitypolicyviolation` events in every frame, and console messages) on any of them.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, must, waitFor, type Connected } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';
import { launchMediaBrowser } from './media/media-browser';
import { drawSignature } from './screens-helpers';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let organizer: Connected;
let pandeglang: Connected;
const problems: string[] = [];

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${path} pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) problems.push(`${path} console: ${m.text()}`);
  });
  const response = await page.goto(new URL(path, server.url).toString());
  // The page is under a policy (a page without one could not violate it).
  expect(response?.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
  return page;
}

/** Violations reported in the page and its frames so far. */
async function violations(page: Page): Promise<string[]> {
  const all: string[] = [];
  for (const frame of page.frames()) {
    try {
      all.push(...(await frame.evaluate(() => window.__cspViolations ?? [])));
    } catch {
      // A frame showing a PDF has no script context to ask.
    }
  }
  return all;
}

beforeAll(async () => {
  server = await startTestServer({ media: true });
  browser = await launchMediaBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  context.setDefaultTimeout(20_000);
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
  const link = server.links.rooms.find((r) => r.roomId === 'pandeglang')!;
  pandeglang = await connect(server.url, server.ceremonyId, tokenFromLink(link.url));
  await must(organizer.socket, 'ceremony:openLobby', {});
  await must(organizer.socket, 'ceremony:startSigning', {});
  await must(organizer.socket, 'agreement:call', { agreementIds: ['K-001'] });
});

afterAll(async () => {
  organizer?.socket.close();
  pandeglang?.socket.close();
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('content security policy in Chromium', () => {
  it('reports no violation on the room, console, tally, verify, home and 404 pages', { timeout: 120_000 }, async () => {
    const pages: Page[] = [];
    const tally = await open(`/tally/${server.ceremonyId}`);
    pages.push(tally);
    await tally.getByTestId('tally-agreements').waitFor();
    const consolePage = await open(new URL(server.links.console).pathname + new URL(server.links.console).hash);
    pages.push(consolePage);
    await consolePage.locator('[data-room="pandeglang"]').waitFor();

    const roomLink = new URL(server.links.rooms.find((r) => r.roomId === 'pandeglang')!.url);
    const room = await open(roomLink.pathname + roomLink.hash);
    pages.push(room);
    const card = room.locator('.desk-card[data-agreement="K-001"]');
    await card.waitFor();
    // The first party adopts a drawn signature on the pad (SVG → PNG data URL over Socket.IO)…
    await drawSignature(room, '.desk-card[data-agreement="K-001"] .party-signer[data-party="pma-01"] .signing-pad__canvas');
    await card.locator('.party-signer[data-party="pma-01"]').getByRole('button', { name: 'Gunakan tanda tangan ini dan tandatangani K-001' }).click();
    await expect.poll(() => card.locator('.party-signer[data-party="pma-01"]').count(), { timeout: 20_000 }).toBe(0);
    // …the second by socket, so the agreement is stamped and the room links the stamped PDF.
    const stamped = waitFor(organizer.socket, 'ceremony:updated', ({ agreements }) => agreements.some((a) => a.id === 'K-001' && a.status === 'stamped'), 60_000);
    await must(pandeglang.socket, 'agreement:sign', { agreementId: 'K-001', partyId: 'umkm-001', signature: { kind: 'typed', text: 'Zainal Abidin' } });
    await stamped;
    await room.getByTestId('desk-done').locator('li[data-agreement="K-001"]').getByRole('link', { name: 'Dokumen bercap (PDF)' }).waitFor({ timeout: 30_000 });

    for (const path of [`/verify/${server.ceremonyId}/K-001`, `/verify/${server.ceremonyId}`, '/verify', '/', '/tidak-ada']) {
      const page = await open(path);
      pages.push(page);
      await page.locator('header a').first().waitFor();
      // The inline stylesheet applied: the header bar is navy, not the default transparent.
      expect(await page.locator('header').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(19, 41, 75)');
    }

    // Give late loads (media, fonts, the PDF frame) a moment to report, by waiting for the
    // tally's next live update rather than a fixed sleep.
    await must(organizer.socket, 'agreement:call', { agreementIds: ['K-003'] });
    await room.locator('.desk-card[data-agreement="K-003"]').waitFor();

    const reported: string[] = [];
    for (const page of pages) for (const v of await violations(page)) reported.push(`${page.url()}: ${v}`);
    expect(reported).toEqual([]);
    expect(problems).toEqual([]);
  });
});
