// Helpers for the screens' browser test: Debian's Chromium through playwright-core, a TCP proxy
// that can cut a page's network like a dropped office line, and mouse drawing on the pad.
import { mkdirSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH } from '../support/chromium';

export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_BASE_ARGS });
}

export interface DropProxy {
  /** Base URL (http://127.0.0.1:port) that forwards to the target server. */
  url: string;
  /** Cuts every open connection and refuses new ones, like a dropped line. */
  drop(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startDropProxy(targetUrl: string): Promise<DropProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let listening = true;
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!listening) return resolve();
      listening = false;
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    drop: stopListening,
    restore: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          listening = true;
          resolve();
        });
      }),
    close: stopListening,
  };
}

/** Draws a signature-like wave with real mouse events across the pad of the given card. */
export async function drawSignature(page: Page, padSelector: string): Promise<void> {
  // Chromium aligns drag events with animation frames, which a tab in the background does not
  // produce; the person signing is looking at this tab anyway.
  await page.bringToFront();
  const pad = page.locator(padSelector);
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('signing pad is not visible');
  const x0 = box.x + box.width * 0.12;
  const y0 = box.y + box.height * 0.55;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    const t = i / 40;
    await page.mouse.move(x0 + t * box.width * 0.7, y0 + Math.sin(t * Math.PI * 3) * box.height * 0.22);
  }
  await page.mouse.up();
  // A second stroke, like the underline many Indonesian signatures have.
  await page.mouse.move(x0 + box.width * 0.05, y0 + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(x0 + box.width * 0.6, y0 + box.height * 0.28, { steps: 12 });
  await page.mouse.up();
}
