// Finds the mediasoup worker that `npm run media:mediasoup` built into the cache and loads the
// mediasoup Node module from there. mediasoup is deliberately not in package.json: `npm install`
// must never build C++, so the module is required from the cache directory at run time.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { MediasoupModule } from './mediasoup-types';

export const MEDIASOUP_NOT_BUILT =
  'the mediasoup worker is not built: run `npm run media:mediasoup` (or unset MEDIA_BACKEND to use the embedded werift SFU)';

export interface MediasoupBuild {
  version: string;
  dir: string;
  workerBin: string;
  buildSeconds: number;
}

export type MediasoupAvailability = { ok: true; build: MediasoupBuild } | { ok: false; reason: string };

/** The manifest the build script writes: $SAKSI_CACHE (default ~/.cache/saksi)/mediasoup.json. */
export function mediasoupManifestPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.SAKSI_CACHE || join(homedir(), '.cache', 'saksi'), 'mediasoup.json');
}

export function findMediasoupBuild(env: NodeJS.ProcessEnv = process.env): MediasoupAvailability {
  const manifest = mediasoupManifestPath(env);
  if (!existsSync(manifest)) return { ok: false, reason: `${MEDIASOUP_NOT_BUILT} (no ${manifest})` };
  let build: MediasoupBuild;
  try {
    build = JSON.parse(readFileSync(manifest, 'utf8')) as MediasoupBuild;
  } catch {
    return { ok: false, reason: `${MEDIASOUP_NOT_BUILT} (unreadable ${manifest})` };
  }
  if (!existsSync(build.workerBin)) return { ok: false, reason: `${MEDIASOUP_NOT_BUILT} (no ${build.workerBin})` };
  if (!existsSync(join(build.dir, 'node_modules', 'mediasoup', 'package.json'))) {
    return { ok: false, reason: `${MEDIASOUP_NOT_BUILT} (no mediasoup module in ${build.dir})` };
  }
  return { ok: true, build };
}

let loaded: MediasoupModule | undefined;

export function loadMediasoup(env: NodeJS.ProcessEnv = process.env): MediasoupModule {
  if (loaded) return loaded;
  const found = findMediasoupBuild(env);
  if (!found.ok) throw new Error(found.reason);
  // mediasoup reads this when it spawns a worker; with it set, nothing is looked up or fetched.
  // A value already set wins (a debug build, or a wrapper that runs the worker under gdb).
  process.env.MEDIASOUP_WORKER_BIN ||= found.build.workerBin;
  const require = createRequire(join(found.build.dir, 'package.json'));
  loaded = require('mediasoup') as MediasoupModule;
  return loaded;
}
