// Finds the mediasoup worker that `npm run media:mediasoup` built into the cache and loads the
// mediasoup Node module from there. mediasoup is deliberately not in package.json: `npm install`
// must never build C++, so the module is required from the cache directory at run time.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MediasoupModule } from './mediasoup-types';

export const MEDIASOUP_NOT_BUILT =
  'the mediasoup worker is not built: run `npm run media:mediasoup` (or unset MEDIA_BACKEND to use the embedded werift SFU)';

export interface MediasoupBuild {
  version: string;
  dir: string;
  workerBin: string;
  buildSeconds: number;
  /** The Debian library versions it was built against, space-separated (as build.sh wrote them). */
  libraries: string;
}

// From server/media/mediasoup/*.ts, or from the bundle npm start runs (dist/server/*.mjs).
const SCRIPT_DIR = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '../../../scripts/mediasoup/' : '../../scripts/mediasoup/', import.meta.url));

/**
 * The cache key build.sh gives a build of `build` made from the build inputs in this checkout:
 * sha256 of the mediasoup version, the library versions and the hash of the script, the compat
 * headers and the stand-ins (in the order bash's glob lists them). Undefined without the script
 * (a deployment without scripts/): then nothing can be checked.
 */
export function expectedBuildKey(build: Pick<MediasoupBuild, 'version' | 'libraries'>, scriptDir = SCRIPT_DIR): string | undefined {
  if (!existsSync(join(scriptDir, 'build.sh'))) return undefined;
  const standIns = join(scriptDir, 'stand-ins');
  const files = [
    join(scriptDir, 'build.sh'),
    join(scriptDir, 'compat', 'srtp.h'),
    join(scriptDir, 'compat', 'openssl', 'bio.h'),
    ...readdirSync(standIns)
      .sort()
      .flatMap((name) =>
        readdirSync(join(standIns, name))
          .filter((file) => file.startsWith('meson'))
          .sort()
          .map((file) => join(standIns, name, file)),
      ),
  ];
  const inputs = createHash('sha256');
  for (const file of files) inputs.update(readFileSync(file));
  const inputsHash = inputs.digest('hex').slice(0, 8);
  const libraries = build.libraries.split(' ').join('\n');
  return createHash('sha256').update(`${build.version}\n${libraries}\n${inputsHash}\n`).digest('hex').slice(0, 12);
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
  // A worker built from older adapters or stand-ins may carry a bug fixed since (the DTLS crash
  // of issue 13 was one): use only a build of the inputs in this checkout.
  const key = expectedBuildKey(build);
  if (key !== undefined && basename(build.dir) !== `mediasoup-${build.version}-${key}`) {
    return {
      ok: false,
      reason: `the built mediasoup worker (${basename(build.dir)}) is stale: scripts/mediasoup changed since it was built (expected key ${key}); run \`npm run media:mediasoup\``,
    };
  }
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
