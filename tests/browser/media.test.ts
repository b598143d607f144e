// Live video and sound through each media backend (the embedded werift SFU, and real mediasoup
// when its worker is built), with the real server, the real screens and unmodified
// mediasoup-client in headless Chromium (fake camera and microphone). Must run in a network
// namespace with only loopback (npm test does this as root): see MEDIA.md.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels } from '../../server/realtime/types';
import { connect, must, type ClientSocket } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';
import { tinyRoster } from '../support/tiny-roster';
import { launchMediaBrowser, mediaBackends, pollTile, readTile, readVideoTrackId, watchMediasoupWorkers } from './media/media-browser';

// An agreement whose two parties sit in the two regional rooms, so calling it spotlights both.
function mediaRoster() {
  const roster = tinyRoster('uji-media');
  roster.agreements.push({ id: 'K-005', title: 'Perjanjian Kemitraan Lintas Provinsi', parties: ['pma-01', 'umkm-002'], valueIdr: 2_000_000_000 });
  return roster;
}

for (const backend of mediaBackends()) describe.skipIf(backend.skipReason !== undefined)(`media through ${backend.name}`, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let organizer: ClientSocket;
  const pages: Record<string, Page> = {};
  let workers: ReturnType<typeof watchMediasoupWorkers> | undefined;

  // Signing started and K-005 (Pandeglang with Makassar) called to the stage, once per backend,
  // by whichever test needs it first: each test stands alone (vitest -t runs it by itself).
  let staged: Promise<void> | undefined;
  const stageK005 = () =>
    (staged ??= (async () => {
      await must(organizer, 'ceremony:startSigning', {});
      await must(organizer, 'agreement:call', { agreementIds: ['K-005'] });
    })());

  const roomUrl = (roomId: string) => {
    const link = server.links.rooms.find((room) => room.roomId === roomId);
    if (!link) throw new Error(`no link for ${roomId}`);
    return link.url;
  };

  beforeAll(async () => {
    if (backend.name === 'mediasoup') workers = watchMediasoupWorkers();
    server = await startTestServer({ media: true, roster: mediaRoster(), env: backend.env });
    browser = await launchMediaBrowser();
    context = await browser.newContext();
    organizer = (await connect(server.url, server.ceremonyId, server.organizerToken)).socket;
    await must(organizer, 'ceremony:openLobby', {});
    for (const roomId of ['pandeglang', 'makassar']) {
      const page = await context.newPage();
      await page.goto(roomUrl(roomId));
      // Nothing is sent before the official's pre-join check and "Gabung".
      await page.getByTestId('prejoin-check').click();
      await page.getByTestId('prejoin-join').click({ timeout: 20_000 });
      pages[roomId] = page;
    }
    pages.console = await context.newPage();
    await pages.console.goto(server.links.console);
    await pages.console.getByRole('tab', { name: 'Video ruang' }).click();
    // The observer's page counts camera/microphone requests: watching must never ask for one.
    pages.tally = await context.newPage();
    await pages.tally.addInitScript(() => {
      const devices = navigator.mediaDevices;
      const original = devices.getUserMedia.bind(devices);
      (window as unknown as { gumCalls: number }).gumCalls = 0;
      devices.getUserMedia = (constraints) => {
        (window as unknown as { gumCalls: number }).gumCalls++;
        return original(constraints);
      };
    });
    await pages.tally.goto(server.links.tally);
    await pages.tally.getByRole('button', { name: 'Tonton panggung' }).click();
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

  it('puts a called agreement\'s two rooms on the stage, where each decodes the other', async () => {
    await stageK005();
    const decodes = (t: { live: boolean; framesDecoded: number; videoWidth: number; audioPackets: number }) =>
      t.live && t.framesDecoded > 5 && t.videoWidth > 0 && t.audioPackets > 0;
    const stage = '[data-testid="media-stage"]';
    const seenByPandeglang = await pollTile(pages.pandeglang!, 'makassar', decodes, { scope: stage });
    expect(seenByPandeglang).toMatchObject({ present: true, live: true });
    expect(seenByPandeglang.framesDecoded).toBeGreaterThan(5);
    expect(seenByPandeglang.audioPackets).toBeGreaterThan(0);
    const seenByMakassar = await pollTile(pages.makassar!, 'pandeglang', decodes, { scope: stage });
    expect(seenByMakassar.framesDecoded).toBeGreaterThan(5);
    // An official never gets their own room back on the stage.
    expect(await pages.pandeglang!.locator(`${stage} [data-room-id="pandeglang"]`).count()).toBe(0);

    // The observer watches both rooms beside the tally, without ever being asked for a camera.
    for (const roomId of ['pandeglang', 'makassar']) {
      const watched = await pollTile(pages.tally!, roomId, decodes, { scope: stage });
      expect(watched.framesDecoded, roomId).toBeGreaterThan(5);
    }
    expect(await pages.tally!.evaluate(() => (window as unknown as { gumCalls: number }).gumCalls)).toBe(0);
    expect(await pages.tally!.getByTestId('live-indicator').count()).toBe(0);
  });

  it.skipIf(!backend.simulcast)('sends the console\'s gallery the low simulcast layer and the stage the high one', async () => {
    // Pandeglang's picture on Makassar's stage, and in the console's gallery.
    await stageK005();
    const stage = await pollTile(pages.makassar!, 'pandeglang', (t) => t.videoWidth >= 320, { scope: '[data-testid="media-stage"]' });
    const gallery = await pollTile(pages.console!, 'pandeglang', (t) => t.live && t.videoWidth > 0 && t.videoWidth <= 160);
    expect(gallery.videoWidth).toBeGreaterThan(0);
    expect(gallery.videoWidth).toBeLessThanOrEqual(160);
    expect(stage.videoWidth).toBeGreaterThanOrEqual(320);
    expect(stage.videoWidth).toBeGreaterThan(gallery.videoWidth);
  });

  it.skipIf(backend.name !== 'werift')('measures what the embedded SFU adds: forwarding delay and jitter on both sides of it', async () => {
    // The console receives both rooms; each room's send transport reports its input jitter and the
    // delay from socket read to each copy's send, the console's receive transport its output jitter.
    await pollTile(pages.console!, 'makassar', (t) => t.live && t.audioPackets > 50);
    const rows = await must(organizer, 'media:getStats', {});
    const sending = rows.filter((row) => row.direction === 'send' && row.roomId === 'makassar');
    expect(sending.length).toBeGreaterThan(0);
    const delay = sending.find((row) => (row.forwardDelay?.count ?? 0) > 0)?.forwardDelay;
    expect(delay, 'forwarding delay counted').toBeDefined();
    expect(delay!.buckets.reduce((a, b) => a + b, 0)).toBe(delay!.count);
    // Every copy is counted once, and no copy took a negative time.
    expect(delay!.count).toBeLessThanOrEqual(sending.reduce((sum, row) => sum + row.packetsReceived, 0) * rows.length);
    expect(delay!.sumMs).toBeGreaterThan(0);
    expect(sending.some((row) => row.audioJitterMs !== undefined && row.videoJitterMs !== undefined)).toBe(true);
    const receiving = rows.filter((row) => row.direction === 'recv' && row.role === 'organizer');
    expect(receiving.some((row) => row.audioSendJitterMs !== undefined && row.audioSendJitterMs >= 0)).toBe(true);
    expect(receiving.some((row) => row.audioForwardJitterMs !== undefined && row.audioForwardJitterMs >= 0)).toBe(true);
    // The console's own jitter of what it receives, from its RTCP receiver reports (video's come about once a second).
    const reported = async () =>
      (await must(organizer, 'media:getStats', {})).find((row) => row.direction === 'recv' && row.role === 'organizer' && (row.receiverReports?.video.count ?? 0) > 0);
    await expect.poll(reported, { timeout: 15_000 }).toBeDefined();
    const console_ = (await reported())!;
    expect(console_.receiverReports!.rejected).toBe(0);
    expect(console_.videoReceiverJitterMs).toBeGreaterThanOrEqual(0);
    expect(console_.videoReceiverJitterMs).toBeLessThan(1000);
  });

  it('lets the organizer mute a room, and the room sees its microphone off', async () => {
    const room = pages.pandeglang!;
    await expect.poll(() => room.getByTestId('toggle-mic').getAttribute('aria-pressed')).toBe('false');
    await pages.console!.getByRole('button', { name: /^Bisukan ruang: Ruang Pintar Setda Pandeglang$/ }).click();
    await expect.poll(() => room.getByTestId('toggle-mic').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');
    await expect.poll(() => room.getByRole('alert').filter({ hasText: 'Panitia mematikan mikrofon' }).count()).toBe(1);
    // The official may turn it back on.
    await room.getByTestId('toggle-mic').click();
    await expect.poll(() => room.getByTestId('toggle-mic').getAttribute('aria-pressed')).toBe('false');
  });

  it('rebuilds a room\'s media by itself after its connection drops', async () => {
    const sendTransports = async () =>
      (await must(organizer, 'media:getStats', {}))
        .filter((row) => row.roomId === 'makassar' && row.direction === 'send')
        .map((row) => row.transportId);
    const [before] = await sendTransports();
    expect(before).toBeDefined();
    // Cut the room's connection at the server, as a network loss would; the client reconnects.
    server.app.realtime.io.in(channels.room(server.ceremonyId, 'makassar')).disconnectSockets(true);
    await expect.poll(async () => (await sendTransports()).some((id) => id !== before), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => pages.makassar!.getByTestId('live-indicator').getAttribute('data-live'), { timeout: 30_000 }).toBe('true');
    const again = await pollTile(pages.console!, 'makassar', (t) => t.live && t.framesDecoded > 5 && t.videoWidth > 0);
    expect(again.framesDecoded).toBeGreaterThan(5);
    expect(await sendTransports()).not.toContain(before);
  });

  it.skipIf(backend.name !== 'mediasoup')('survives a killed mediasoup worker: the room re-joins on a new worker, signing goes on', async () => {
    await stageK005();
    const sendTransport = async () =>
      (await must(organizer, 'media:getStats', {})).find((row) => row.roomId === 'makassar' && row.direction === 'send')?.transportId;
    const before = await sendTransport();
    const pid = before === undefined ? undefined : workers!.pidOfTransport.get(before);
    expect(pid, 'the worker holding Makassar\'s send transport').toBeDefined();
    const trackBefore = await readVideoTrackId(pages.console!, 'makassar');
    expect(trackBefore).toBeDefined();
    const pidsBefore = new Set(workers!.pids);

    process.kill(pid!, 'SIGKILL');
    // The ceremony goes on while the worker is down: a party signs the called agreement.
    const makassar = await connect(server.url, server.ceremonyId, tokenFromLink(roomUrl('makassar')));
    try {
      await must(makassar.socket, 'agreement:sign', { agreementId: 'K-005', partyId: 'umkm-002', signature: { kind: 'typed', text: 'Lim Swie Hoa' } });
    } finally {
      makassar.socket.close();
    }
    // A replacement worker starts, and the room publishes again through a new transport on a live worker.
    await expect.poll(() => [...workers!.pids].some((p) => !pidsBefore.has(p)), { timeout: 15_000 }).toBe(true);
    await expect
      .poll(async () => {
        const now = await sendTransport();
        const nowPid = now === undefined ? undefined : workers!.pidOfTransport.get(now);
        return now !== undefined && now !== before && nowPid !== undefined && nowPid !== pid;
      }, { timeout: 30_000 })
      .toBe(true);
    // The console decodes Makassar again, from a new consumer (a new track).
    await expect
      .poll(async () => {
        const track = await readVideoTrackId(pages.console!, 'makassar');
        const tile = await readTile(pages.console!, 'makassar');
        return track !== undefined && track !== trackBefore && tile.live && tile.framesDecoded > 5 && tile.videoWidth > 0;
      }, { timeout: 30_000 })
      .toBe(true);
  });

  it('removes a room\'s video from the gallery within seconds of its page closing', async () => {
    const before = await pollTile(pages.console!, 'pandeglang', (t) => t.live);
    expect(before.live).toBe(true);
    const closedAt = Date.now();
    await pages.pandeglang!.close();
    const after = await pollTile(pages.console!, 'pandeglang', (t) => !t.live, { timeoutMs: 10_000 });
    expect(after.live).toBe(false);
    expect(Date.now() - closedAt).toBeLessThan(10_000);
    // The other room is unaffected.
    expect((await pollTile(pages.console!, 'makassar', (t) => t.live)).live).toBe(true);
  });
});
