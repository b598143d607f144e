// The public tally on a phone in headless Chromium against the real server: every count names its
// unit, Rp6.250.000.000 reads "Rp6,25 miliar" with the exact figure beside it, the map shades the
// province of a new signing and tapping it shows the figures, the pace appears while signing runs,
// the stage goes to the top, and the server-rendered HTML carries the figures for chat previews.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, must, type Connected } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';
import { tinyRoster } from '../support/tiny-roster';
import { launchChromium, SCREENSHOT_DIR } from './screens-helpers';

const roster = tinyRoster('uji-tally');
// K-002 (Sulawesi Selatan) is worth Rp6.250.000.000, the amount the old headline rounded down.
roster.agreements[1].valueIdr = 6_250_000_000;

let server: TestServer;
let browser: Browser;
let page: Page;
const sockets: Connected[] = [];
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

async function signAgreement(agreementId: string): Promise<void> {
  const agreement = roster.agreements.find((a) => a.id === agreementId)!;
  for (const partyId of agreement.parties) {
    const roomId = roster.parties.find((p) => p.id === partyId)!.room;
    const link = server.links.rooms.find((r) => r.roomId === roomId)!;
    const room = await connect(server.url, server.ceremonyId, tokenFromLink(link.url));
    sockets.push(room);
    await must(room.socket, 'agreement:sign', { agreementId, partyId, signature: { kind: 'typed', text: 'Tanda Tangan' } });
  }
}

/** Clicks (a tap on a phone) a point inside a province's shape (its bounding box centre may be sea). */
async function tapShape(p: Page, iso: string): Promise<void> {
  const shape = p.locator(`[data-shape="${iso}"]`);
  await shape.scrollIntoViewIfNeeded();
  const point = await shape.evaluate((el) => {
    const path = el as SVGPathElement;
    const box = path.getBBox();
    const ctm = path.getScreenCTM()!;
    for (let i = 1; i < 20; i++)
      for (let j = 1; j < 20; j++) {
        const pt = new DOMPoint(box.x + (box.width * i) / 20, box.y + (box.height * j) / 20);
        if (path.isPointInFill(pt)) {
          const screen = pt.matrixTransform(ctm);
          if (document.elementFromPoint(screen.x, screen.y) === path) return { x: screen.x, y: screen.y };
        }
      }
    return undefined;
  });
  if (!point) throw new Error(`no tappable point inside ${iso}`);
  await p.mouse.click(point.x, point.y);
}

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/client/index.html'))) throw new Error('run `npx vite build` before the browser test');
  server = await startTestServer({ roster });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', isMobile: true, hasTouch: true });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(server.links.tally);
});

afterAll(async () => {
  for (const s of sockets) s.socket.close();
  await browser?.close();
  await server?.close();
});

describe('public tally', () => {
  it('labels every count, shades the new signing on the map, quotes exact amounts and shows the pace', { timeout: 120_000 }, async () => {
    await eventually(() => page.getByTestId('tally-agreements').textContent()).toBe('0 dari 4 perjanjian');
    expect(await page.locator('[data-kind="PMA"] .kinds__count').textContent()).toBe('0 dari 1 perusahaan PMA');
    expect(await page.locator('[data-kind="PMDN"] .kinds__count').textContent()).toBe('0 dari 1 perusahaan PMDN');
    expect(await page.locator('[data-kind="UMKM"] .kinds__count').textContent()).toBe('0 dari 4 UMKM');
    // Provinces with agreements are "none signed yet"; provinces without any are set apart.
    expect(await page.locator('[data-shape="ID-SN"]').getAttribute('data-level')).toBe('0');
    expect(await page.locator('[data-shape="ID-PA"]').getAttribute('data-level')).toBe('-1');
    expect(await page.locator('.pmap__legend-list li').count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator('.pmap__list [data-province]').count()).toBe(3);

    // Before signing starts, the console warns that the sealed links would point at localhost.
    const status = await (await fetch(`${server.url}/api/public-url`)).json();
    expect(status).toMatchObject({ configured: false, local: true });
    const consolePage = await page.context().newPage();
    await consolePage.goto(server.links.console);
    await eventually(() => consolePage.getByTestId('public-url-warning').textContent()).toContain('PUBLIC_URL belum diatur');
    await consolePage.close();
    await page.bringToFront();

    const organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
    sockets.push(organizer);
    await must(organizer.socket, 'ceremony:openLobby', {});
    await must(organizer.socket, 'ceremony:startSigning', {});
    await must(organizer.socket, 'agreement:call', { agreementIds: ['K-001', 'K-002'] });
    await signAgreement('K-002');

    await eventually(() => page.getByTestId('tally-value').textContent()).toBe('Rp6,25 miliar dari Rp23,5 miliar');
    expect(await page.getByTestId('tally-value-exact').textContent()).toBe('Tepatnya Rp6.250.000.000 dari Rp23.500.000.000 · 26,5%');
    expect(await page.getByTestId('tally-agreements').textContent()).toBe('1 dari 4 perjanjian');
    expect(Number(await page.locator('[data-shape="ID-SN"]').getAttribute('data-level'))).toBeGreaterThan(0);
    expect(await page.locator('[data-shape="ID-BT"]').getAttribute('data-level')).toBe('0');
    await expect.poll(() => page.title()).toContain('Rp6,25 miliar dari Rp23,5 miliar ditandatangani');

    // Tapping the province on the map shows its agreements signed and value, exact on the same line.
    await tapShape(page, 'ID-SN');
    const detail = page.getByTestId('province-detail');
    await eventually(() => detail.textContent()).toContain('Sulawesi Selatan');
    expect(await detail.textContent()).toContain('1 dari 1 perjanjian · 100% dari nilai provinsi');
    expect(await detail.textContent()).toContain('Rp6,25 miliar · Rp6.250.000.000');

    // Two signings in the window: a rate and an expected finish, stated as an estimate.
    await signAgreement('K-001');
    await eventually(() => page.getByTestId('tally-pace').getAttribute('data-pace')).toBe('rate');
    const pace = (await page.getByTestId('tally-pace').textContent()) ?? '';
    expect(pace).toMatch(/\d+(,\d)? perjanjian per menit/);
    expect(pace).toMatch(/Perkiraan selesai sekitar \d\d\.\d\d WIB jika laju tetap \(2 perjanjian lagi\)/);
    expect(Number(await page.locator('[data-shape="ID-BT"]').getAttribute('data-level'))).toBeGreaterThan(0);

    // Chat apps run no JavaScript: the figures are in the HTML the server sends.
    const html = await (await fetch(server.links.tally)).text();
    expect(html).toContain('<meta property="og:description" content="Rp18,75 miliar dari Rp23,5 miliar ditandatangani · 2 dari 4 perjanjian" />');
    expect(html).toMatch(/<title>Rp18,75 miliar dari Rp23,5 miliar ditandatangani[^<]*<\/title>/);
    expect(html).toContain(`<meta property="og:url" content="${server.links.tally}" />`);

    // Watching the stage puts it at the top of the page, above the counters.
    await page.getByRole('button', { name: 'Tonton panggung' }).tap();
    await page.locator('#tally-stage').waitFor();
    const top = (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(await top('#tally-stage')).toBeLessThan(await top('.headline'));
    expect(await top('#tally-stage')).toBeLessThan(844 / 2);
    // Nothing is live (this server runs no media): the stage says so, not "Video terputus".
    await eventually(() => page.getByTestId('stage-not-live').textContent()).toContain('Panggung belum tayang');
    expect(await page.locator('#tally-stage .mstage-banner').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'tally-phone-map.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
