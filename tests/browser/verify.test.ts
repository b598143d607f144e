// The verification pages in headless Chromium: a PDF dropped on the drop zone is checked in place
// and the verdict comes first, in one plain sentence, for a valid and for a tampered file; the
// page speaks the chosen language; the QR target leads with the agreement's status sentence.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, flipOneByte, runTinyCeremony, type RunCeremony } from '../integration/record-run-ceremony';
import { startTestServer, type TestServer } from '../support/test-server';
import { launchChromium, SCREENSHOT_DIR } from './screens-helpers';

let server: TestServer;
let run: RunCeremony;
let browser: Browser;
let page: Page;
let sealed: Uint8Array;
const pageErrors: string[] = [];

/** What a person does when dragging a file from their desktop onto the zone. */
async function dropPdf(p: Page, bytes: Uint8Array, name: string): Promise<void> {
  const zone = p.locator('.drop__zone').first();
  const transfer = await p.evaluateHandle(
    ({ data, name }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name, { type: 'application/pdf' }));
      return dt;
    },
    { data: Buffer.from(bytes).toString('base64'), name },
  );
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
}

beforeAll(async () => {
  if (!existsSync(join(process.cwd(), 'dist/client/index.html'))) throw new Error('run `npx vite build` before the browser test');
  server = await startTestServer();
  run = await runTinyCeremony(server, ['K-001']);
  const doc = await download(`${server.url}/api/agreements/K-001/document?ceremony=${server.ceremonyId}`);
  expect(doc.headers.get('x-document-final')).toBe('true');
  sealed = doc.bytes;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-US' });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  run?.close();
  await browser?.close();
  await server?.close();
});

describe('verification pages', () => {
  it('takes a dropped PDF and shows the verdict first, for a valid and a tampered file, in the chosen language', { timeout: 90_000 }, async () => {
    // Bahasa Indonesia by default even in an English browser; the drop zone is not the browser's button.
    await page.goto(`${server.url}/verify`);
    await expect.poll(() => page.locator('.drop__zone').innerText()).toContain('Seret PDF ke sini');
    expect(await page.locator('.drop__zone').innerText()).not.toMatch(/Drag a PDF|No file chosen|Choose File/);

    await dropPdf(page, sealed, 'K-001.pdf');
    const verdict = page.getByTestId('verdict');
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 20_000 }).toBe('valid');
    // The verdict is the first thing on the page, then the details; hashes are folded away.
    expect(await page.locator('main > *').first().getAttribute('data-testid')).toBe('verdict');
    expect(await verdict.innerText()).toContain('Dokumen asli dan utuh');
    expect(await verdict.innerText()).toContain('Berkas ini adalah perjanjian K-001 yang asli');
    const tech = page.locator('details.tech');
    expect(await tech.getAttribute('open')).toBeNull();
    expect(await tech.locator('summary').innerText()).toBe('Detail teknis');
    expect(await page.locator('details.tech .hash').first().isVisible()).toBe(false);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-valid.png'), fullPage: true });

    // English on the switch; a tampered copy dropped on the English page says so in English.
    await page.goto(`${server.url}/verify`);
    await page.getByRole('link', { name: 'EN', exact: true }).click();
    await expect.poll(() => page.locator('.drop__zone').innerText()).toContain('Drag a PDF here');
    expect(await page.locator('.drop__zone').innerText()).not.toContain('Seret');
    await dropPdf(page, flipOneByte(sealed), 'K-001-edited.pdf');
    await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 20_000 }).toBe('tampered');
    expect(await page.locator('main > *').first().getAttribute('data-testid')).toBe('verdict');
    expect(await verdict.innerText()).toContain('The document was modified');
    expect(await verdict.innerText()).toContain('This file has been modified');
    expect(await page.locator('details.tech summary').innerText()).toBe('Technical details');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-tampered-en.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('leads the QR target with the agreement status in one sentence', async () => {
    await page.goto(`${server.url}/verify/${server.ceremonyId}/K-001`);
    const sentence = page.getByTestId('status-sentence');
    expect(await page.locator('main > *').nth(1).getAttribute('data-testid')).toBe('status-sentence');
    expect(await sentence.innerText()).toMatch(/^Perjanjian K-001 ditandatangani oleh kedua pihak pada \d{1,2} \w+ \d{4} dan disegel; berkas asli tersedia\.$/);
    expect(await page.locator('details.tech').getAttribute('open')).toBeNull();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-qr.png'), fullPage: true });
  });
});
