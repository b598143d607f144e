// Shared helpers for the media browser tests: one headless Chromium with fake camera and
// microphone, and readers for what the media tiles report (frames decoded, audio packets).
import { chromium, type Browser, type Page } from 'playwright-core';
import { findMediasoupBuild, loadMediasoup } from '../../../server/media/mediasoup/load-mediasoup';
import type { MsRouter, MsWorker } from '../../../server/media/mediasoup/mediasoup-types';
import { CHROMIUM_BASE_ARGS, CHROMIUM_PATH } from '../../support/chromium';

export const CHROMIUM_ARGS = [
  ...CHROMIUM_BASE_ARGS,
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // Without this Chromium gathers no loopback candidates, and the tests keep media on loopback.
  '--allow-loopback-in-peer-connection',
];

export function launchMediaBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface TileReading {
  present: boolean;
  live: boolean;
  framesDecoded: number;
  audioPackets: number;
  /** RTP packets the browser counted lost on this tile's consumers (its getStats). */
  packetsLost: number;
  videoWidth: number;
}

/** What the tile of `roomId` (inside `scope`, a CSS selector) shows right now. */
export function readTile(page: Page, roomId: string, scope = ''): Promise<TileReading> {
  return page.evaluate(
    ({ roomId, scope }) => {
      const tile = document.querySelector<HTMLElement>(`${scope} [data-testid="media-tile"][data-room-id="${roomId}"]`);
      if (!tile) return { present: false, live: false, framesDecoded: 0, audioPackets: 0, packetsLost: 0, videoWidth: 0 };
      const video = tile.querySelector('video');
      return {
        present: true,
        live: tile.dataset.live === 'true',
        framesDecoded: Number(tile.dataset.framesDecoded ?? 0),
        audioPackets: Number(tile.dataset.audioPackets ?? 0),
        packetsLost: Number(tile.dataset.packetsLost ?? 0),
        videoWidth: video?.videoWidth ?? 0,
      };
    },
    { roomId, scope },
  );
}

/** Polls until `check` passes or the time is up; returns the last reading either way. */
export async function pollTile(
  page: Page,
  roomId: string,
  check: (reading: TileReading) => boolean,
  options: { timeoutMs?: number; scope?: string } = {},
): Promise<TileReading> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let reading = await readTile(page, roomId, options.scope);
  while (!check(reading) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    reading = await readTile(page, roomId, options.scope);
  }
  return reading;
}

/** The id of the video track the tile of `roomId` plays: a new consumer brings a new track. */
export function readVideoTrackId(page: Page, roomId: string, scope = ''): Promise<string | undefined> {
  return page.evaluate(
    ({ roomId, scope }) => {
      const video = document.querySelector<HTMLVideoElement>(`${scope} [data-testid="media-tile"][data-room-id="${roomId}"] video`);
      const stream = video?.srcObject;
      return stream instanceof MediaStream ? stream.getVideoTracks()[0]?.id : undefined;
    },
    { roomId, scope },
  );
}

/**
 * Which mediasoup worker process (pid) holds each WebRtcTransport, learnt through mediasoup's
 * own observer API (this process runs the test server, so it loads the same mediasoup module).
 * Call before the server starts its workers.
 */
export function watchMediasoupWorkers(): { pidOfTransport: Map<string, number>; pids: Set<number> } {
  const pidOfTransport = new Map<string, number>();
  const pids = new Set<number>();
  loadMediasoup().observer.on('newworker', (worker: MsWorker) => {
    pids.add(worker.pid);
    worker.observer.on('newrouter', (router: MsRouter) => {
      router.observer.on('newtransport', (transport: { id: string }) => pidOfTransport.set(transport.id, worker.pid));
    });
  });
  return { pidOfTransport, pids };
}

export interface MediaBackendCase {
  name: 'werift' | 'mediasoup';
  /** Server environment that selects the backend. */
  env: Record<string, string>;
  /** Why this backend's run is skipped here, if it is. */
  skipReason?: string;
  /** Rooms publish three simulcast layers (mediasoup). */
  simulcast: boolean;
}

/**
 * The media tests run on both backends; mediasoup wherever `npm run media:mediasoup` built the
 * worker from this checkout's build inputs (`.ci/run` builds it). SAKSI_MEDIASOUP_BROWSER_TESTS=0
 * turns that half off.
 */
export function mediaBackends(): MediaBackendCase[] {
  const found = findMediasoupBuild();
  const cases: MediaBackendCase[] = [
    { name: 'werift', env: {}, simulcast: false },
    {
      name: 'mediasoup',
      env: { MEDIA_BACKEND: 'mediasoup', MEDIA_WORKERS: '2' },
      simulcast: true,
      ...(!found.ok
        ? { skipReason: found.reason }
        : process.env.SAKSI_MEDIASOUP_BROWSER_TESTS === '0'
          ? { skipReason: 'SAKSI_MEDIASOUP_BROWSER_TESTS=0' }
          : {}),
    },
  ];
  for (const backend of cases) {
    if (backend.skipReason) console.warn(`[media browser tests] ${backend.name} backend skipped: ${backend.skipReason}`);
  }
  return cases;
}
