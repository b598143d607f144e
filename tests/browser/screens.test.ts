// The three screens against the real server in headless Chromium: the organizer runs the
// ceremony from the console, an official in Pandeglang signs both parties' signatures on the
// pad (both parties of K-001 sit in that room in the tiny roster), and an already-open tally
// shows the new count and value without reloading. A dropped line on the room page shows the
// banner and the page catches up on return.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { drawSignature, launchChromium, SCREENSHOT_DIR, startDropProxy, type DropProxy } from './screens-helpers';

declare global {
  interface Window {
    __saksiMarker?: string;
    __clickAt?: number;
    __changes?: Record<string, number>;
  }
}

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let proxy: DropProxy;
const pageErrors: string[] = [];

/** Live screens change within seconds; poll rather than sleep. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });
const startedAt = Date.now();
const step = (name: string) => console.log(`[screens] +${((Date.now() - startedAt) / 1000).toFixed(1)} s ${name}`);

async function open(path: string, base = server.url): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
  await page.goto(new URL(path, base).toString());
  return page;
}

/** Records (in epoch ms) when a test id's text first equals the expected value. */
async function watchText(page: Page, testId: string, expected: string): Promise<void> {
  await page.evaluate(
    ({ testId, expected }) => {
      window.__changes ??= {};
      const check = () => {
        const el = document.querySelector(`[data-testid="${testId}"]`);
        if (el?.textContent === expected && !window.__changes![testId]) window.__changes![testId] = performance.timeOrigin + performance.now();
      };
      new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
      check();
    },
    { testId, expected },
  );
}

async function recordConfirmClicks(page: Page): Promise<void> {
  await page.evaluate(() => {
    document.addEventListener(
      'click',
      (e) => {
        if ((e.target as Element).closest('.party-signer .button--primary')) window.__clickAt = performance.timeOrigin + performance.now();
      },
      true,
    );
  });
}

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/client/index.html'))) throw new Error('run `npx vite build` before the browser test');
  server = await startTestServer();
  proxy = await startDropProxy(server.url);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID' });
  context.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await proxy?.close();
  await server?.close();
});

describe('live screens in Chromium', () => {
  it('runs a small ceremony: console calls, the room signs on the pad, the tally follows live', { timeout: 180_000 }, async () => {
    const { links } = server;
    const pandeglang = links.rooms.find((r) => r.roomId === 'pandeglang');
    if (!pandeglang) throw new Error('tiny roster has no pandeglang room');
    const roomPath = new URL(pandeglang.url);

    step('open tally');
    const tally = await open(links.tally);
    await eventually(() => tally.getByTestId('tally-agreements').textContent()).toBe('0 dari 4 perjanjian');
    expect(await tally.getByTestId('tally-value').textContent()).toBe('Rp0 dari Rp24,5 miliar');
    await tally.evaluate(() => (window.__saksiMarker = 'not reloaded'));

    // The room page goes through the proxy so its line can be cut later.
    const room = await open(roomPath.pathname + roomPath.hash, proxy.url);
    await room.getByRole('heading', { level: 1, name: 'Ruang Pintar Setda Pandeglang' }).waitFor();
    // The invite token left the address bar but stays for reloads in this tab.
    expect(new URL(room.url()).hash).toBe('');
    await eventually(() => room.locator('.local-clock__time').textContent()).toMatch(/^\d\d\.\d\d WIB$/);

    step('open console');
    const consolePage = await open(links.console);
    await consolePage.getByRole('button', { name: 'Buka ruang tunggu' }).click();
    await eventually(() => room.locator('.screen--room').getAttribute('data-phase')).toBe('lobby');
    await consolePage.getByRole('button', { name: 'Mulai penandatanganan' }).click();
    await eventually(() => room.locator('.screen--room').getAttribute('data-phase')).toBe('signing');
    await eventually(() => consolePage.locator('[data-room="pandeglang"]').getAttribute('data-online')).toBe('yes');

    step('call K-001');
    await consolePage.getByRole('tab', { name: 'Perjanjian' }).click();
    await consolePage.getByRole('button', { name: 'Panggil: K-001' }).click();
    const card = room.locator('.desk-card[data-agreement="K-001"]');
    await card.waitFor();
    expect(await card.locator('.party-signer').first().textContent()).toContain('PT Contoh Investama');

    step('first signature');
    // First party (the PMA company): drawn with the mouse.
    await recordConfirmClicks(room);
    await watchText(tally, 'tally-agreements', '1 dari 4 perjanjian');
    await watchText(tally, 'tally-value', 'Rp12,5 miliar dari Rp24,5 miliar');
    step('draw 1');
    await drawSignature(room, '.desk-card[data-agreement="K-001"] .party-signer[data-party="pma-01"] .signing-pad__canvas');
    step('drawn 1');
    expect(Number(await card.locator('.party-signer[data-party="pma-01"] .signing-pad__canvas').getAttribute('data-strokes'))).toBe(2);
    await card.locator('.party-signer[data-party="pma-01"]').getByRole('button', { name: 'Gunakan tanda tangan ini dan tandatangani K-001' }).click();
    await eventually(() => card.locator('.party-signer[data-party="pma-01"]').count()).toBe(0);
    step('ack 1');
    await eventually(() => tally.locator('[data-kind="PMA"] .kinds__count').textContent()).toBe('1 dari 1 perusahaan PMA');
    expect(await tally.getByTestId('tally-agreements').textContent()).toBe('0 dari 4 perjanjian');

    step('second signature');
    // Second party (the UMKM), seated in the same room: its representative adopts their own.
    expect(await card.locator('.party-signer').first().textContent()).toContain('Bengkel Las Ẓainal & Putra');
    await drawSignature(room, '.desk-card[data-agreement="K-001"] .party-signer[data-party="umkm-001"] .signing-pad__canvas');
    await card.getByRole('button', { name: 'Gunakan tanda tangan ini dan tandatangani K-001' }).click();

    await eventually(() => tally.getByTestId('tally-agreements').textContent()).toBe('1 dari 4 perjanjian');
    expect(await tally.getByTestId('tally-value').textContent()).toBe('Rp12,5 miliar dari Rp24,5 miliar');
    expect(await tally.evaluate(() => window.__saksiMarker)).toBe('not reloaded');
    const ticker = tally.locator('.ticker__item[data-agreement="K-001"]');
    await ticker.waitFor();
    expect(await ticker.textContent()).toContain('Ruang Pintar Setda Pandeglang');
    expect(await ticker.locator('time').textContent()).toMatch(/^\d\d\.\d\d WIB$/);

    const clickAt = await room.evaluate(() => window.__clickAt ?? 0);
    const changes = await tally.evaluate(() => window.__changes ?? {});
    console.log(
      `[figures] confirm click → tally shows the change: count ${Math.round(changes['tally-agreements'] - clickAt)} ms, ` +
        `value ${Math.round(changes['tally-value'] - clickAt)} ms (same browser, epoch clocks)`,
    );

    step('stamped pdf');
    // The stamped PDF appears in the room, and it is a real final PDF.
    const stampedLink = room.getByTestId('desk-done').locator('li[data-agreement="K-001"]').getByRole('link', { name: 'Dokumen bercap (PDF)' });
    await stampedLink.waitFor({ timeout: 30_000 });
    const pdfHref = await stampedLink.getAttribute('href');
    const pdf = await fetch(new URL(pdfHref ?? '', server.url));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('x-document-final')).toBe('true');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');

    // The console followed along: room progress, the stamped PDF link and the events.
    await eventually(() => consolePage.locator('[data-room="pandeglang"] .room-tile__progress').textContent()).toContain('1/2');
    await consolePage.getByRole('tab', { name: 'Dokumen & peristiwa' }).click();
    await consolePage.getByRole('link', { name: /K-001 Perjanjian Kemitraan Pemasokan Gula Aren/ }).waitFor();
    expect(await consolePage.locator('.activity-list').textContent()).toContain('Bengkel Las Ẓainal & Putra menandatangani K-001');

    await tally.screenshot({ path: join(SCREENSHOT_DIR, 'tally.png'), fullPage: true });
    await room.screenshot({ path: join(SCREENSHOT_DIR, 'room.png'), fullPage: true });
    await consolePage.screenshot({ path: join(SCREENSHOT_DIR, 'console.png'), fullPage: true });

    step('drop line');
    // A dropped line: the banner shows, and on return the room catches up with what it missed.
    await proxy.drop();
    await room.locator('.connection-banner[data-status="reconnecting"]').waitFor({ timeout: 30_000 });
    expect(await room.locator('.connection-banner').textContent()).toContain('Koneksi terputus');
    await consolePage.getByRole('tab', { name: 'Perjanjian' }).click();
    await consolePage.getByRole('button', { name: 'Panggil: K-003' }).click();
    await consolePage.getByRole('tab', { name: /Di meja/ }).click();
    await consolePage.locator('.wave [data-agreement="K-003"]').waitFor();
    await room.evaluate(() => window.scrollTo(0, 0));
    await room.screenshot({ path: join(SCREENSHOT_DIR, 'room-offline.png') });
    await proxy.restore();
    await room.locator('.desk-card[data-agreement="K-003"]').waitFor({ timeout: 30_000 });
    expect(await room.locator('.connection-banner').textContent()).toContain('Tersambung kembali');

    step('english');
    // English, remembered across a reload of the tally.
    await tally.getByRole('button', { name: 'EN', exact: true }).click();
    await tally.bringToFront();
    await tally.reload();
    await eventually(() => tally.getByTestId('tally-agreements').textContent()).toBe('1 of 4 agreements');
    await tally.setViewportSize({ width: 390, height: 844 });
    await tally.screenshot({ path: join(SCREENSHOT_DIR, 'tally-phone-en.png'), fullPage: true });

    expect(pageErrors).toEqual([]);
  });

  it('tells an official plainly when the invite link is not valid', async () => {
    const page = await open(`/room/${server.ceremonyId}#token=bukan-token-yang-sah`);
    const problem = page.getByTestId('invite-problem');
    await problem.waitFor();
    // The language chosen earlier in this browser may be either.
    expect(await problem.locator('h1').textContent()).toMatch(/^(Tautan undangan tidak lengkap atau rusak|The invite link is incomplete or damaged)$/);
    expect(await page.locator('.signing-pad').count()).toBe(0);
    await page.close();
  });
});
