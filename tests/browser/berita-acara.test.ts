// The officials sign the Berita Acara in Chromium after the close: the console lists them as
// awaited, the stage room's official reads the summary and signs on the pad, the console sees the
// signature land, then finishes without the other official (confirm + reason) and the record's
// links appear. Screenshots at 1366×768 and on a phone.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { tinyRoster } from '../support/tiny-roster';
import { runTinyCeremony, type RunCeremony } from '../integration/record-run-ceremony';
import { drawSignature, launchChromium, SCREENSHOT_DIR } from './screens-helpers';

let server: TestServer;
let run: RunCeremony;
let browser: Browser;
let context: BrowserContext;
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 100 });

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/client/index.html'))) throw new Error('run `npx vite build` before the browser test');
  const roster = {
    ...tinyRoster('uji-ba'),
    officials: [
      { id: 'mensesneg', name: 'Pratikno', title: 'Menteri Sekretaris Negara', institution: 'Kementerian Sekretariat Negara' },
      { id: 'kepala-bkpm', name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'Badan Koordinasi Penanaman Modal', room: 'pandeglang' },
    ],
  };
  server = await startTestServer({ roster });
  run = await runTinyCeremony(server, ['K-001'], { close: true });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
  context.setDefaultTimeout(20_000);
});

afterAll(async () => {
  run?.close();
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${url}: ${e.message}`));
  await page.goto(url);
  return page;
}

describe('officials sign the Berita Acara in the browser', () => {
  it('waits for them in the console, lets the stage room sign, then finishes without the other', { timeout: 120_000 }, async () => {
    const consolePage = await open(server.links.console);
    const panel = consolePage.getByTestId('officials-panel');
    await eventually(() => panel.getAttribute('data-stage')).toBe('waiting');
    expect(await panel.locator('h2').textContent()).toBe('Menunggu tanda tangan pejabat');
    expect(await panel.locator('[data-official="mensesneg"]').textContent()).toContain('Istana Kepresidenan Jakarta');
    expect(await panel.locator('[data-official="kepala-bkpm"] .officials__state').textContent()).toBe('Menunggu');
    expect(await consolePage.getByTestId('record-waiting').count()).toBe(1);
    await consolePage.screenshot({ path: join(SCREENSHOT_DIR, 'berita-acara-console-waiting.png'), fullPage: true });

    const istana = await open(server.links.rooms.find((r) => r.roomId === 'istana')!.url);
    const signer = istana.getByTestId('berita-acara-signer');
    await signer.waitFor();
    expect(await signer.locator('h2').textContent()).toBe('Tandatangani Berita Acara');
    expect(await signer.textContent()).toContain('1 dari 4 perjanjian');
    expect(await signer.textContent()).toContain('Rp12.500.000.000');
    // Only the officials seated in this room get a pad here.
    expect(await signer.locator('[data-official]').count()).toBe(1);
    await istana.screenshot({ path: join(SCREENSHOT_DIR, 'berita-acara-room.png'), fullPage: true });
    await istana.setViewportSize({ width: 390, height: 844 });
    await istana.screenshot({ path: join(SCREENSHOT_DIR, 'berita-acara-room-phone-pad.png'), fullPage: true });
    await istana.setViewportSize({ width: 1366, height: 768 });
    await drawSignature(istana, '[data-official="mensesneg"] .signing-pad__canvas');
    await signer.getByRole('button', { name: 'Tandatangani Berita Acara' }).click();
    await eventually(() => signer.locator('.ba-signer__done').textContent()).toMatch(/^Berita Acara telah Anda tandatangani pukul \d\d\.\d\d WIB/);

    await eventually(() => panel.locator('[data-official="mensesneg"] .officials__state').textContent()).toMatch(/^Sudah menandatangani \d\d\.\d\d WIB$/);
    await panel.getByRole('button', { name: 'Selesaikan tanpa tanda tangan pejabat' }).click();
    expect(await panel.locator('.form-warning').textContent()).toContain('Bahlil Lahadalia');
    const confirm = panel.getByRole('button', { name: 'Selesaikan dan segel Berita Acara' });
    expect(await confirm.isDisabled()).toBe(true);
    await panel.getByLabel(/^Alasan/).fill('Kepala BKPM berhalangan hadir');
    await confirm.click();
    await eventually(() => panel.getAttribute('data-stage')).toBe('finished-without');
    expect(await panel.textContent()).toContain('Alasan: Kepala BKPM berhalangan hadir');
    expect(await panel.locator('[data-official="kepala-bkpm"] .officials__state').textContent()).toBe('Tidak menandatangani');
    const baLink = consolePage.getByRole('link', { name: 'Berita acara (PDF)' });
    await baLink.waitFor();
    const pdf = await fetch(new URL((await baLink.getAttribute('href')) ?? '', server.url));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    await consolePage.screenshot({ path: join(SCREENSHOT_DIR, 'berita-acara-console-finished.png'), fullPage: true });

    // The room learns the minutes are sealed; on a phone too.
    await eventually(() => signer.getAttribute('data-stage')).toBe('finished-without');
    await signer.getByRole('link', { name: 'Buka Berita Acara (PDF)' }).waitFor();
    await istana.setViewportSize({ width: 390, height: 844 });
    await istana.screenshot({ path: join(SCREENSHOT_DIR, 'berita-acara-room-phone-sealed.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
