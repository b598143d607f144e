// Live video and sound through the embedded SFU, with the real server, the real screens and
// unmodified mediasoup-client in headless Chromium (fake camera and microphone). Must run in a
// network namespace with only loopback (npm test does this as root): see MEDIA.md.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, must, type ClientSocket } from '../support/ceremony-driver';
import { startTestServer, type TestServer } from '../support/test-server';
import { tinyRoster } from '../support/tiny-roster';
import { launchMediaBrowser, pollTile } from './media/media-browser';

// An agreement whose two parties sit in the two regional rooms, so calling it spotlights both.
function mediaRoster() {
  const roster = tinyRoster('uji-media');
  roster.agreements.push({ id: 'K-005', title: 'Perjanjian Kemitraan Lintas Provinsi', parties: ['pma-01', 'umkm-002'], valueIdr: 2_000_000_000 });
  return roster;
}

describe('media through the embedded SFU', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let organizer: ClientSocket;
  const pages: Record<string, Page> = {};

  const roomUrl = (roomId: string) => {
    const link = server.links.rooms.find((room) => room.roomId === roomId);
    if (!link) throw new Error(`no link for ${roomId}`);
    return link.url;
  };

  beforeAll(async () => {
    server = await startTestServer({ media: true, roster: mediaRoster() });
    browser = await launchMediaBrowser();
    context = await browser.newContext();
    organizer = (await connect(server.url, server.ceremonyId, server.organizerToken)).socket;
    await must(organizer, 'ceremony:openLobby', {});
    for (const roomId of ['pandeglang', 'makassar']) {
      const page = await context.newPage();
      await page.goto(roomUrl(roomId));
      pages[roomId] = page;
    }
    pages.console = await context.newPage();
    await pages.console.goto(server.links.console);
  });

  afterAll(async () => {
    organizer?.close();
    await browser?.close();
    await server?.close();
  });

  it('publishes each room and the console decodes their video and receives their audio', async () => {
    const room = pages.pandeglang!;
    await expect.poll(() => room.getByTestId('live-indicator').getAttribute('data-live'), { timeout: 30_000 }).toBe('true');
    for (const roomId of ['pandeglang', 'makassar']) {
      const first = await pollTile(pages.console!, roomId, (t) => t.live && t.framesDecoded > 0 && t.videoWidth > 0 && t.audioPackets > 0);
      expect(first, roomId).toMatchObject({ present: true, live: true });
      expect(first.videoWidth).toBeGreaterThan(0);
      expect(first.audioPackets).toBeGreaterThan(0);
      const later = await pollTile(pages.console!, roomId, (t) => t.framesDecoded > first.framesDecoded + 10);
      expect(later.framesDecoded).toBeGreaterThan(first.framesDecoded + 10);
    }
  });
});
