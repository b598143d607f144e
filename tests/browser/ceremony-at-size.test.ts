// The demo ceremony at its real size (196 agreements, 16 rooms) in headless Chromium with fake
// camera and microphone: the console calls a wave of every Pandeglang agreement through preview
// and confirmation; Pandeglang goes live only after its pre-join check, signs all 17 one after
// another with one adopted signature per representative, reloads in the middle and finds its
// desk as it was; the room panel fits a 1366×768 laptop; "Tutup upacara" is reached by keyboard;
// after closing the console shows the summary with calling disabled and the room's tracks end.
// Axe (from npm, run in the page) checks the three screens; screenshots go to test-output.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server';
import { launchMediaBrowser } from './media/media-browser';
import { drawSignature, SCREENSHOT_DIR } from './screens-helpers';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

declare global {
  interface Window {
    __streams?: MediaStream[];
  }
}

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let consolePage: Page;
let room: Page;
const pageErrors: string[] = [];
const eventually = <T>(read: () => Promise<T>, timeout = 30_000) => expect.poll(read, { timeout, interval: 150 });

async function open(url: string, viewport = LAPTOP): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.on('pageerror', (e) => pageErrors.push(`${url}: ${e.message}`));
  // Every camera/microphone stream the page opens, so the test can check they are released.
  await page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    window.__streams = [];
    devices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      window.__streams!.push(stream);
      return stream;
    };
  });
  await page.goto(url);
  return page;
}

/** Serious and critical axe violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`);
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const [label, size] of [['laptop', LAPTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(size);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${label}.png`) });
  }
  await page.setViewportSize(LAPTOP);
}

/** Signs the desk's current agreement for every party seated here; returns how many adopted. */
async function signCurrent(page: Page, adoptions: { drawn: boolean }): Promise<number> {
  let adopted = 0;
  const number = await page.locator('.desk-card').getAttribute('data-agreement');
  // Once this agreement is done the desk moves on by itself; stop there.
  const card = page.locator(`.desk-card[data-agreement="${number}"]`);
  for (;;) {
    const signer = card.locator('.party-signer').first();
    if ((await signer.count()) === 0) break;
    const party = await signer.getAttribute('data-party');
    if ((await signer.getAttribute('data-adopted')) === 'yes') {
      await signer.getByRole('button', { name: `Tandatangani ${number}` }).click();
    } else {
      adopted++;
      if (!adoptions.drawn) {
        adoptions.drawn = true;
        await drawSignature(page, `.party-signer[data-party="${party}"] .signing-pad__canvas`);
      } else {
        await signer.getByRole('radio', { name: 'Ketik' }).click();
        await signer.getByLabel('Ketik nama lengkap Anda').fill(`Wakil ${party}`);
      }
      await signer.getByRole('button', { name: `Gunakan tanda tangan ini dan tandatangani ${number}` }).click();
    }
    await eventually(() => card.locator(`.party-signer[data-party="${party}"]`).count(), 20_000).toBe(0);
  }
  return adopted;
}

beforeAll(async () => {
  server = await startTestServer({ media: true, roster: null, env: { SEED_DEMO: '1' } });
  browser = await launchMediaBrowser();
  context = await browser.newContext({ locale: 'id-ID' });
  context.setDefaultTimeout(20_000);
  // window.confirm for the close and recall questions: the organizer answers yes.
  context.on('page', (page) => page.on('dialog', (d) => void d.accept()));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('the demo ceremony at its real size', () => {
  it('calls Pandeglang as a wave, signs 17 agreements with adopted signatures, survives a reload, closes', { timeout: 400_000 }, async () => {
    expect(server.ceremonyId).toBe('demo-2021-01-18');
    const pandeglang = server.links.rooms.find((r) => r.roomId === 'pandeglang')!;
    consolePage = await open(server.links.console);
    await consolePage.getByRole('button', { name: 'Buka ruang tunggu' }).click();
    room = await open(pandeglang.url);
    await room.getByRole('heading', { level: 1, name: 'Ruang Pintar Setda Pandeglang' }).waitFor();

    // Lobby: Pandeglang online and a room that has not joined shown as waiting, both in view at 1366×768.
    const inView = async (selector: string) => {
      const box = await consolePage.locator(selector).boundingBox();
      return !!box && box.y >= 0 && box.y + box.height <= LAPTOP.height;
    };
    await eventually(() => consolePage.locator('[data-room="pandeglang"]').getAttribute('data-state')).toBe('online');
    expect(await consolePage.locator('[data-room="pandeglang"]').getAttribute('data-state')).toBe('online');
    expect(await consolePage.locator('[data-room="jayapura"]').getAttribute('data-state')).toBe('waiting');
    expect(await consolePage.locator('[data-room="jayapura"]').textContent()).toContain('Menunggu');
    expect(await inView('[data-room="pandeglang"]')).toBe(true);
    expect(await inView('[data-room="jayapura"]')).toBe(true);
    await shoot(consolePage, 'console-lobby');

    // Pre-join: nothing opened or sent until the official asks and presses "Gabung".
    expect(await room.evaluate(() => window.__streams!.length)).toBe(0);
    expect(await room.getByTestId('live-indicator').count()).toBe(0);
    await room.getByTestId('prejoin-check').click();
    await eventually(() => room.getByTestId('prejoin-join').isEnabled()).toBe(true);
    // The speaker test: Chromium lets the page choose the output device (setSinkId).
    const speaker = room.getByTestId('speaker-test');
    expect(await speaker.getAttribute('data-choosable')).toBe('yes');
    const outputs = await speaker.getByLabel('Pengeras suara').locator('option').allTextContents();
    expect(outputs[0]).toBe('Bawaan sistem');
    console.log(`[figures] speakers offered in the pre-join check: ${outputs.join(' | ')}`);
    await speaker.getByLabel('Pengeras suara').selectOption({ index: outputs.length - 1 });
    await speaker.getByRole('button', { name: 'Uji pengeras suara' }).click();
    await eventually(() => speaker.getByRole('button', { name: 'Uji pengeras suara' }).isEnabled()).toBe(true);
    expect(await speaker.getByRole('alert').count()).toBe(0);
    await shoot(room, 'room-prejoin');
    await room.getByTestId('prejoin-join').click();
    await eventually(() => room.getByTestId('live-indicator').getAttribute('data-live')).toBe('true');

    // A wave of every Pandeglang agreement: filter, preview, name, confirm.
    await consolePage.getByRole('button', { name: 'Mulai penandatanganan' }).click();
    await consolePage.getByRole('tab', { name: 'Perjanjian' }).click();
    await consolePage.getByLabel('Ruang', { exact: true }).selectOption('pandeglang');
    await consolePage.getByRole('button', { name: 'Siapkan gelombang dari yang tampil (17)' }).click();
    const preview = consolePage.getByTestId('wave-preview');
    expect(await preview.getByTestId('wave-preview-summary').textContent()).toMatch(/^17 perjanjian senilai Rp[\d.]+, dari \d+ ruang; 1 ruang hadir sekarang\.$/);
    expect(await preview.getByLabel('Nama gelombang').inputValue()).toBe('Ruang Pintar Setda Pandeglang');
    expect(await consolePage.locator('tr[data-status="called"]').count()).toBe(0);
    await preview.getByRole('button', { name: 'Panggil gelombang 1 (17 perjanjian)' }).click();
    await eventually(() => consolePage.locator('tr[data-status="called"]').count()).toBe(17);

    // Keyboard: from the top of a freshly opened console, "Tutup upacara" within 15 Tab presses.
    const keyboard = await open(server.links.console);
    await keyboard.getByRole('button', { name: 'Tutup upacara' }).waitFor();
    let presses = 0;
    while (presses < 15) {
      await keyboard.keyboard.press('Tab');
      presses++;
      if ((await keyboard.evaluate(() => document.activeElement?.textContent)) === 'Tutup upacara') break;
    }
    expect(await keyboard.evaluate(() => document.activeElement?.textContent)).toBe('Tutup upacara');
    console.log(`[figures] Tab presses to "Tutup upacara": ${presses}`);
    await keyboard.close();

    // The room signs them one at a time, each representative adopting a signature once.
    await eventually(() => room.getByTestId('desk-position').textContent()).toBe('Perjanjian 1 dari 17');
    await room.locator('.desk-card__reader summary').click();
    await room.getByTestId('agreement-reader').waitFor();
    expect(await room.getByTestId('agreement-reader').textContent()).toContain('Pasal 4.');
    await shoot(room, 'room-desk');
    // On a phone held upright the pad suggests turning the phone; on the laptop it does not.
    const landscapeHint = room.locator('.desk-card .signing-pad__landscape').first();
    expect(await landscapeHint.isVisible()).toBe(false);
    await room.setViewportSize(PHONE);
    expect(await landscapeHint.isVisible()).toBe(true);
    expect(await landscapeHint.textContent()).toContain('Putar ponsel ke posisi mendatar');
    // The desk is the first thing below the header.
    const headerBottom = await room.locator('header').first().evaluate((el) => el.getBoundingClientRect().bottom);
    const deskTop = await room.getByTestId('signing-desk').evaluate((el) => el.getBoundingClientRect().top);
    expect(deskTop - headerBottom).toBeGreaterThanOrEqual(0);
    expect(deskTop - headerBottom).toBeLessThan(120);
    await room.setViewportSize(LAPTOP);
    const adoptions = { drawn: false };
    let adopted = 0;
    let signedHere = 0;
    for (let n = 0; n < 8; n++) {
      adopted += await signCurrent(room, adoptions);
      signedHere++;
      await eventually(() => room.getByTestId('desk-done').locator('li').count()).toBe(signedHere);
    }
    // A half-drawn signature and a reload: the desk comes back as it was.
    const next = await room.locator('.desk-card').getAttribute('data-agreement');
    const drawingFor = await room.locator('.party-signer[data-adopted="no"]').first().getAttribute('data-party');
    if (drawingFor) await drawSignature(room, `.party-signer[data-party="${drawingFor}"] .signing-pad__canvas`);
    await room.reload();
    await eventually(() => room.getByTestId('desk-done').locator('li').count()).toBe(8);
    expect(await room.getByTestId('desk-position').textContent()).toBe('Perjanjian 9 dari 17');
    expect(await room.locator('.desk-card').getAttribute('data-agreement')).toBe(next);
    if (drawingFor) {
      expect(Number(await room.locator(`.party-signer[data-party="${drawingFor}"] .signing-pad__canvas`).getAttribute('data-strokes'))).toBe(2);
      expect(await room.getByText('Tanda tangan yang belum selesai dipulihkan.').count()).toBe(1);
    }
    // After the reload nothing is broadcast until "Gabung" again.
    expect(await room.getByTestId('live-indicator').count()).toBe(0);
    // On a phone: after a confirmation, focus moves to the next agreement's heading.
    await room.setViewportSize(PHONE);
    for (let n = 8; n < 17; n++) {
      const before = await room.locator('.desk-card').getAttribute('data-agreement');
      adopted += await signCurrent(room, adoptions);
      if (n === 8) {
        await eventually(() => room.locator('.desk-card').getAttribute('data-agreement')).not.toBe(before);
        const after = await room.locator('.desk-card').getAttribute('data-agreement');
        await eventually(() => room.evaluate(() => (document.activeElement?.classList.contains('desk-card__title') ? document.activeElement.closest('.desk-card')?.getAttribute('data-agreement') : `not the heading: ${document.activeElement?.tagName}`))).toBe(after);
        expect(await room.evaluate(() => document.activeElement?.textContent)).toMatch(new RegExp(`^${after}`));
        await room.setViewportSize(LAPTOP);
      }
      signedHere++;
      await eventually(() => room.getByTestId('desk-done').locator('li').count()).toBe(signedHere);
    }
    // One adopted signature per representative seated in Pandeglang: 4 companies and 12 UMKM.
    expect(adopted).toBe(16);
    expect(await room.getByText('Semua perjanjian di meja sudah ditandatangani ruang ini.').count()).toBe(1);
    await eventually(() => room.locator('[data-testid="desk-done"] a').count(), 120_000).toBeGreaterThan(0);

    // The console: agreements whose other party sits in a room that never joined are stuck and first.
    await consolePage.getByRole('tab', { name: /Di meja/ }).click();
    const wave = consolePage.locator('.wave[data-wave-number="1"]');
    expect(await wave.locator('h3').textContent()).toBe('Gelombang 1 · Ruang Pintar Setda Pandeglang');
    expect(await wave.locator('.wave__item').first().getAttribute('data-stuck')).toBe('yes');
    await shoot(consolePage, 'console-desk');

    // The room joins the broadcast again after its reload; then the ceremony closes.
    await room.getByTestId('prejoin-check').click();
    await room.getByTestId('prejoin-join').click();
    await eventually(() => room.getByTestId('live-indicator').getAttribute('data-live')).toBe('true');
    expect(await room.evaluate(() => window.__streams!.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length)).toBeGreaterThan(0);

    await consolePage.getByRole('button', { name: 'Tutup upacara' }).click();
    const summary = consolePage.getByTestId('ceremony-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('dari 196 ditandatangani');
    expect(await summary.getByRole('link', { name: 'Berita acara (PDF)' }).getAttribute('href')).toBe('/api/ceremonies/demo-2021-01-18/berita-acara.pdf');
    // Closed: what was left unsigned no longer shows as waiting at a room's desk.
    expect(await consolePage.locator('.room-row__desk').count()).toBe(0);
    await consolePage.getByRole('tab', { name: 'Perjanjian' }).click();
    await consolePage.getByLabel('Ruang', { exact: true }).selectOption('');
    const callButtons = consolePage.getByRole('button', { name: /^(Panggil: |Siapkan gelombang)/ });
    expect(await callButtons.count()).toBeGreaterThan(2);
    for (const button of await callButtons.all()) expect(await button.isDisabled()).toBe(true);
    await consolePage.locator('.room-links summary').click();
    expect(await consolePage.locator('[data-room-link="pandeglang"]').getByRole('button', { name: 'Terbitkan ulang' }).isDisabled()).toBe(true);
    await shoot(consolePage, 'console-closed');

    // The room's camera and microphone are released: every track it ever opened has ended.
    await room.getByTestId('media-released').waitFor();
    await eventually(() => room.evaluate(() => window.__streams!.flatMap((s) => s.getTracks()).map((t) => t.readyState))).toEqual(
      expect.not.arrayContaining(['live']),
    );
    expect(await room.evaluate(() => window.__streams!.flatMap((s) => s.getTracks()).length)).toBeGreaterThan(0);
    await shoot(room, 'room-closed');
    expect(pageErrors).toEqual([]);
  });

  it('passes axe on the room, the console and the tally with no serious or critical violations', { timeout: 120_000 }, async () => {
    const tally = await open(server.links.tally);
    await tally.getByTestId('tally-agreements').waitFor();
    await shoot(tally, 'tally');
    const problems: Record<string, string[]> = {};
    const roomPage = room ?? (await open(server.links.rooms.find((r) => r.roomId === 'pandeglang')!.url));
    const consoleView = consolePage ?? (await open(server.links.console));
    for (const [name, page] of [['room', roomPage], ['console', consoleView], ['tally', tally]] as const) {
      problems[name] = await axeViolations(page);
    }
    expect(problems).toEqual({ room: [], console: [], tally: [] });
  });

  it('tells an official which invite problem they have, whom to call and where the tally is', async () => {
    const pandeglang = server.links.rooms.find((r) => r.roomId === 'pandeglang')!;
    const page = await open(pandeglang.url.slice(0, -8));
    const problem = page.getByTestId('invite-problem');
    await problem.waitFor();
    expect(await problem.getAttribute('data-code')).toBe('INVITE_MALFORMED');
    expect(await problem.locator('h1').textContent()).toBe('Tautan undangan tidak lengkap atau rusak');
    expect(await page.getByTestId('invite-contact').textContent()).toContain('+62 21 555 0118');
    expect(await page.getByRole('link', { name: 'Buka papan hitung publik upacara ini' }).getAttribute('href')).toBe('/tally/demo-2021-01-18');
    await shoot(page, 'room-invite-problem');
    const missing = await open(`${server.url}/room/tidak-ada#token=abc.def`);
    await eventually(() => missing.getByTestId('invite-problem').getAttribute('data-code')).toBe('CEREMONY_NOT_FOUND');
    expect(await missing.getByTestId('invite-contact').count()).toBe(0);
  });
});
