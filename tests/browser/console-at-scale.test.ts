// The console on the generated roster of 1,000 agreements in 60 rooms (tests/support/large-roster)
// in headless Chromium at 1366×768: the room panel shows all 60 rooms beside the work without
// scrolling the page (the panel scrolls inside), search by number finds one agreement among
// 1,000, and a province wave goes through preview and confirmation to the desk. Screenshots at
// 1366×768 and 390×844 go to test-output/screenshots. One server and one browser for the file.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { largeRoster } from '../support/large-roster';
import { startTestServer, type TestServer } from '../support/test-server';
import { launchChromium, SCREENSHOT_DIR } from './screens-helpers';

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let server: TestServer;
let browser: Browser;
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>, timeout = 30_000) => expect.poll(read, { timeout, interval: 150 });

// The import renders every agreement's unsigned PDF (1,000 of them): the slow part of this file.
beforeAll(async () => {
  const started = performance.now();
  server = await startTestServer({ roster: largeRoster() });
  console.log(`[figures] server start + import of the 1,000-agreement roster: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  browser = await launchChromium();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, size] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}.png`) });
  }
  await page.setViewportSize(LAPTOP);
}

describe('the console at 1,000 agreements in 60 rooms', () => {
  it('shows every room, finds an agreement by number and calls a province wave with preview', { timeout: 180_000 }, async () => {
    const context = await browser.newContext({ viewport: LAPTOP, locale: 'id-ID' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('dialog', (d) => void d.accept());
    await page.goto(server.links.console);
    await page.getByRole('button', { name: 'Buka ruang tunggu' }).click();
    await page.getByRole('button', { name: 'Mulai penandatanganan' }).click();
    await page.getByRole('button', { name: 'Tutup upacara' }).waitFor();

    // All 60 rooms in a panel that fits the laptop's screen; the panel, not the page, scrolls.
    const rows = page.locator('.room-list .room-row');
    await eventually(() => rows.count()).toBe(60);
    const panel = await page.locator('#rooms').boundingBox();
    expect(panel!.y).toBeGreaterThanOrEqual(0);
    expect(panel!.y + panel!.height).toBeLessThanOrEqual(LAPTOP.height);
    expect(await page.locator('[data-room="ruang-01"]').getAttribute('data-state')).toBe('waiting');
    await rows.last().scrollIntoViewIfNeeded();
    expect(await rows.last().isVisible()).toBe(true);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const last = await rows.last().boundingBox();
    expect(last!.y + last!.height).toBeLessThanOrEqual(LAPTOP.height);
    await page.locator('#rooms').evaluate((el) => el.scrollTo(0, 0));
    await shoot(page, 'console-1000-lobby');

    // Search by number: one agreement of 1,000.
    await page.getByRole('tab', { name: 'Perjanjian' }).click();
    await eventually(() => page.locator('.pager').textContent()).toContain('1000 perjanjian');
    await page.getByLabel('Cari nomor, perusahaan atau ruang').fill('K-0737');
    await eventually(() => page.locator('.agreements-table tbody tr').count()).toBe(1);
    expect(await page.locator('.agreements-table tbody tr').getAttribute('data-agreement')).toBe('K-0737');
    await page.getByLabel('Cari nomor, perusahaan atau ruang').fill('');

    // A wave of every open Banten agreement: preview (agreements, rooms, how many online), then confirm.
    await page.getByLabel('Provinsi', { exact: true }).selectOption('Banten');
    const pager = (await page.locator('.pager').textContent())!;
    const count = Number(/· (\d+) perjanjian/.exec(pager)![1]);
    expect(count).toBeGreaterThan(10);
    await page.getByRole('button', { name: `Siapkan gelombang dari yang tampil (${count})` }).click();
    const preview = page.getByTestId('wave-preview');
    expect(await preview.getByTestId('wave-preview-summary').textContent()).toMatch(new RegExp(`^${count} perjanjian senilai Rp[\\d.]+, dari \\d+ ruang; 0 ruang hadir sekarang\\.$`));
    expect(await preview.getByLabel('Nama gelombang').inputValue()).toBe('Banten');
    await shoot(page, 'console-1000-preview');
    await preview.getByRole('button', { name: `Panggil gelombang 1 (${count} perjanjian)` }).click();
    await page.getByRole('tab', { name: `Di meja (${count})` }).click();
    const wave = page.locator('.wave[data-wave-number="1"]');
    await eventually(() => wave.locator('.wave__item').count()).toBe(count);
    expect(await wave.locator('h3').textContent()).toBe('Gelombang 1 · Banten');
    // No room has joined: every called agreement has a party whose room is not online.
    expect(await wave.locator('.wave__item[data-stuck="yes"]').count()).toBe(count);
    await shoot(page, 'console-1000-desk');
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
