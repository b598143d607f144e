// Media server cost on each backend, in the same run: the embedded werift SFU and (when built by
// `npm run media:mediasoup`) real mediasoup. Server CPU (percent of one core: this process plus
// its mediasoup worker processes) and memory while forwarding one 640x480 VP8 stream (+ opus)
// from the stage room to 1, 5 and 10 watching browsers, 20 s per step; RTP packets forwarded per
// second, the bitrate each watcher receives and the packets the watchers' browsers count lost;
// and from that the CPU per forwarded stream and the ~1 Mbps streams one core would carry (CPU
// extrapolated: this machine cannot host hundreds of browsers; each step's loss shows whether the
// server kept up at that step). A raw baseline from the same run: the CPU of this process and the
// workers with only the publisher connected.
// Chromium runs the publisher and the watchers, unmodified mediasoup-client, fake devices.
//
// Run with `npm run bench:media` (builds the client, then runs inside a loopback-only namespace).
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg, networkInterfaces } from 'node:os';
import type { Page } from 'playwright-core';
import { findMediasoupBuild } from '../server/media/mediasoup/load-mediasoup';
import { connect, must } from '../tests/support/ceremony-driver';
import { startTestServer } from '../tests/support/test-server';
import { launchMediaBrowser, mediaBackends, pollTile, type MediaBackendCase } from '../tests/browser/media/media-browser';

const STEPS = (process.env.BENCH_MEDIA_STEPS ?? '1,5,10').split(',').map(Number);
const MEASURE_MS = Number(process.env.BENCH_MEDIA_SECONDS ?? 20) * 1000;
const STAGE_ROOM = 'istana';
const CLOCK_TICKS = 100;

const external = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address && !address.internal);
if (external.length > 0) {
  console.warn('warning: non-loopback interfaces present; run inside `unshare --net` so media stays on loopback');
}

/** CPU microseconds used so far by this process's child processes named mediasoup-worker. */
function workerCpuMicros(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (!comm.startsWith('mediasoup') || Number(fields[1]) !== process.pid) continue;
    total += ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1e6;
  }
  return total;
}

function cpuMicros(): number {
  const own = process.cpuUsage();
  return own.user + own.system + workerCpuMicros();
}

const summary: string[] = [];
const startLoad = loadavg().map((load) => load.toFixed(1)).join(' ');

// BENCH_MEDIA_BACKENDS=mediasoup (or werift) runs one backend only.
const only = process.env.BENCH_MEDIA_BACKENDS?.split(',');
for (const backend of mediaBackends()) {
  if (only && !only.includes(backend.name)) continue;
  if (backend.skipReason) {
    summary.push(`${backend.name.padEnd(9)} skipped: ${backend.skipReason}`);
    continue;
  }
  try {
    await runBackend(backend);
  } catch (error) {
    // One backend giving out (e.g. watchers starved on a loaded machine) must not hide the other's figures.
    summary.push(`${backend.name.padEnd(9)} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const build = findMediasoupBuild();
console.log(
  `\nOne 640x480 VP8 + opus stream, ${MEASURE_MS / 1000} s per step, node ${process.version}, ` +
    `load average ${loadavg().map((load) => load.toFixed(1)).join(' ')} (at start ${startLoad})`,
);
for (const row of summary) console.log(row);
console.log(
  build.ok
    ? `mediasoup ${build.build.version} worker build time: ${build.build.buildSeconds} s (npm run media:mediasoup, cached afterwards)`
    : 'mediasoup worker not built: no build time to report',
);

async function runBackend(backend: MediaBackendCase): Promise<void> {
  const server = await startTestServer({ media: true, env: backend.env });
  const browser = await launchMediaBrowser();
  const organizer = (await connect(server.url, server.ceremonyId, server.organizerToken)).socket;

  const counters = async () => {
    const rows = await must(organizer, 'media:getStats', {});
    const recv = rows.filter((row) => row.direction === 'recv');
    return {
      forwarded: rows.reduce((sum, row) => sum + row.rtpPacketsForwarded, 0),
      // What the server sent the watchers (organizer has no media session here: all recv rows are watchers).
      bytesToWatchers: recv.reduce((sum, row) => sum + row.bytesSent, 0),
    };
  };
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

  try {
    await must(organizer, 'ceremony:openLobby', {});
    const context = await browser.newContext();
    const publisher = await context.newPage();
    const stageLink = server.links.rooms.find((room) => room.roomId === STAGE_ROOM);
    if (!stageLink) throw new Error('the roster has no stage room link');
    await publisher.goto(stageLink.url);
    // Nothing is sent before the official's pre-join check and "Gabung".
    await publisher.getByTestId('prejoin-check').click();
    await publisher.getByTestId('prejoin-join').click({ timeout: 60_000 });
    await publisher.getByTestId('live-indicator').and(publisher.locator('[data-live="true"]')).waitFor({ timeout: 90_000 });

    const watchers: Page[] = [];
    const rows: string[] = [];
    const idleCpu = cpuMicros();
    const idleStart = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const producerOnly = ((cpuMicros() - idleCpu) / 1000 / (Date.now() - idleStart)) * 100;
    rows.push(`producer only   cpu ${producerOnly.toFixed(1)}%  rss ${mb(process.memoryUsage().rss)} MB`);
    let perStream = 0;
    let lossFree = true;

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
      const startCpu = cpuMicros();
      const startCounters = await counters();
      const startFrames = await Promise.all(watchers.map((page) => pollTile(page, STAGE_ROOM, () => true)));
      const start = Date.now();
      let peakRss = 0;
      while (Date.now() - start < MEASURE_MS) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
      const elapsed = Date.now() - start;
      const cpuPercent = ((cpuMicros() - startCpu) / 1000 / elapsed) * 100;
      // Each watcher is one forwarded video stream (+ its audio).
      perStream = Math.max(0, cpuPercent - producerOnly) / target;
      const endCounters = await counters();
      const packets = endCounters.forwarded - startCounters.forwarded;
      const kbpsPerWatcher = ((endCounters.bytesToWatchers - startCounters.bytesToWatchers) * 8) / elapsed / target;
      const endFrames = await Promise.all(watchers.map((page) => pollTile(page, STAGE_ROOM, () => true)));
      const fps = endFrames.map((end, i) => ((end.framesDecoded - startFrames[i]!.framesDecoded) * 1000) / elapsed);
      const lost = endFrames.reduce((sum, end, i) => sum + Math.max(0, end.packetsLost - startFrames[i]!.packetsLost), 0);
      lossFree &&= lost === 0;
      rows.push(
        [
          `${String(target).padStart(2)} consumer(s)`,
          `cpu ${cpuPercent.toFixed(1)}% of one core`,
          `rss peak ${mb(peakRss)} MB`,
          `heap ${mb(process.memoryUsage().heapUsed)} MB`,
          `forwarded ${Math.round((packets * 1000) / elapsed)} RTP packets/s`,
          `${Math.round(kbpsPerWatcher)} kbps per watcher`,
          `lost ${lost} packets`,
          `watcher fps min ${Math.min(...fps).toFixed(1)} / max ${Math.max(...fps).toFixed(1)}`,
        ].join('  '),
      );
      console.log(`${backend.name}: ${rows.at(-1)}`);
    }
    console.log(`\n${backend.name}:`);
    for (const row of rows) console.log(row);
    summary.push(
      `${backend.name.padEnd(9)} ${perStream.toFixed(2)}% of a core per forwarded stream  ≈ ${perStream > 0 ? Math.round(100 / perStream) : '∞'} streams per core` +
        `  (producer alone ${producerOnly.toFixed(1)}%; ${lossFree ? 'no packet lost at any step' : 'packets lost at some step: see above'})`,
    );
  } finally {
    organizer.close();
    await browser.close();
    await server.close();
  }
}
