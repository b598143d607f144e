// Embedded SFU cost: server CPU (percent of one core) and memory while forwarding one 640x480
// VP8 stream (+ opus) from the stage room to 1, 5 and 10 watching browsers, 20 s per step, and
// RTP packets forwarded per second. The server runs in this process (its CPU is what
// process.cpuUsage measures; the bench itself only sleeps while sampling); Chromium runs the
// publisher and the watchers, unmodified mediasoup-client, fake camera and microphone.
//
// Run after `npx vite build`, inside a loopback-only network namespace (as root):
//   unshare --net bash -c 'ip link set lo up && npx tsx bench/media.ts'
import { networkInterfaces } from 'node:os';
import type { Page } from 'playwright-core';
import { connect, must } from '../tests/support/ceremony-driver';
import { startTestServer } from '../tests/support/test-server';
import { launchMediaBrowser, pollTile } from '../tests/browser/media/media-browser';

const STEPS = [1, 5, 10];
const MEASURE_MS = Number(process.env.BENCH_MEDIA_SECONDS ?? 20) * 1000;
const STAGE_ROOM = 'istana';

const external = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address && !address.internal);
if (external.length > 0) {
  console.warn('warning: non-loopback interfaces present; run inside `unshare --net` so media stays on loopback');
}

const server = await startTestServer({ media: true });
const browser = await launchMediaBrowser();
const organizer = (await connect(server.url, server.ceremonyId, server.organizerToken)).socket;

const forwarded = async () =>
  (await must(organizer, 'media:getStats', {})).reduce((sum, row) => sum + row.rtpPacketsForwarded, 0);
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

try {
  await must(organizer, 'ceremony:openLobby', {});
  const context = await browser.newContext();
  const publisher = await context.newPage();
  const stageLink = server.links.rooms.find((room) => room.roomId === STAGE_ROOM);
  if (!stageLink) throw new Error('the roster has no stage room link');
  await publisher.goto(stageLink.url);
  await publisher.getByTestId('live-indicator').and(publisher.locator('[data-live="true"]')).waitFor({ timeout: 30_000 });

  const watchers: Page[] = [];
  const rows: string[] = [];
  const idleCpu = process.cpuUsage();
  const idleStart = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  const idle = process.cpuUsage(idleCpu);
  rows.push(
    `producer only   cpu ${(((idle.user + idle.system) / 1000 / (Date.now() - idleStart)) * 100).toFixed(1)}%  rss ${mb(process.memoryUsage().rss)} MB`,
  );

  for (const target of STEPS) {
    while (watchers.length < target) {
      const page = await context.newPage();
      await page.goto(server.links.tally);
      await page.getByRole('button', { name: 'Tonton panggung' }).click();
      watchers.push(page);
    }
    for (const page of watchers) {
      const reading = await pollTile(page, STAGE_ROOM, (tile) => tile.framesDecoded > 10, { timeoutMs: 60_000 });
      if (reading.framesDecoded <= 10) throw new Error(`a watcher did not decode the stage (${JSON.stringify(reading)})`);
    }
    const startCpu = process.cpuUsage();
    const startForwarded = await forwarded();
    const startFrames = await Promise.all(watchers.map((page) => pollTile(page, STAGE_ROOM, () => true)));
    const start = Date.now();
    let peakRss = 0;
    while (Date.now() - start < MEASURE_MS) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }
    const elapsed = Date.now() - start;
    const cpu = process.cpuUsage(startCpu);
    const packets = (await forwarded()) - startForwarded;
    const endFrames = await Promise.all(watchers.map((page) => pollTile(page, STAGE_ROOM, () => true)));
    const fps = endFrames.map((end, i) => ((end.framesDecoded - startFrames[i]!.framesDecoded) * 1000) / elapsed);
    rows.push(
      [
        `${String(target).padStart(2)} consumer(s)`,
        `cpu ${(((cpu.user + cpu.system) / 1000 / elapsed) * 100).toFixed(1)}% of one core`,
        `rss peak ${mb(peakRss)} MB`,
        `heap ${mb(process.memoryUsage().heapUsed)} MB`,
        `forwarded ${Math.round((packets * 1000) / elapsed)} RTP packets/s`,
        `watcher fps min ${Math.min(...fps).toFixed(1)} / max ${Math.max(...fps).toFixed(1)}`,
      ].join('  '),
    );
    console.log(rows.at(-1));
  }
  console.log(`\nEmbedded SFU, one 640x480 VP8 + opus stream, ${MEASURE_MS / 1000} s per step (node ${process.version})`);
  for (const row of rows) console.log(row);
} finally {
  organizer.close();
  await browser.close();
  await server.close();
}
