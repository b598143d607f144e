// The server refuses a mediasoup worker built from other build inputs (a stale cache could carry
// a bug fixed since). Its key must be exactly the one scripts/mediasoup/build.sh computes: this
// runs the script's own key lines in bash and compares.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectedBuildKey, findMediasoupBuild } from '../../../server/media/mediasoup/load-mediasoup';
import { buildServerBundle, spawnServer } from '../../support/server-process';

const SCRIPT = join(process.cwd(), 'scripts', 'mediasoup', 'build.sh');
const LIBRARIES = ['libssl-dev=3.0.19-1~deb12u2', 'libsrtp2-dev=2.5.0-3', 'libuv1-dev=1.44.2-1+deb12u1'];

function keyFromBuildScript(version: string, libraries: string[]): string {
  const lines = readFileSync(SCRIPT, 'utf8').split('\n');
  const keyLines = lines.filter((line) => /^(inputs_hash|key)=/.test(line));
  expect(keyLines).toHaveLength(2);
  const script = [
    'set -euo pipefail',
    `HERE=${JSON.stringify(join(process.cwd(), 'scripts', 'mediasoup'))}`,
    `MEDIASOUP_VERSION=${JSON.stringify(version)}`,
    'lib_versions="$SAKSI_TEST_LIB_VERSIONS"',
    ...keyLines,
    'printf %s "$key"',
  ].join('\n');
  return execFileSync('bash', ['-c', script], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', SAKSI_TEST_LIB_VERSIONS: libraries.join('\n') } });
}

describe('mediasoup build key', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('is the key build.sh gives the same version, libraries and inputs', () => {
    const key = expectedBuildKey({ version: '3.19.3', libraries: LIBRARIES.join(' ') });
    expect(key).toMatch(/^[0-9a-f]{12}$/);
    expect(key).toBe(keyFromBuildScript('3.19.3', LIBRARIES));
    // Another library version is another build.
    expect(expectedBuildKey({ version: '3.19.3', libraries: [...LIBRARIES.slice(0, 2), 'libuv1-dev=1.48.0-1'].join(' ') })).not.toBe(key);
  });

  /** A cache with a manifest of a (fake) build under `key`: enough for the checks, never run. */
  const fakeCache = () => {
    const cache = mkdtempSync(join(tmpdir(), 'saksi-mediasoup-key-'));
    dirs.push(cache);
    const manifest = (key: string) => {
      const dir = join(cache, `mediasoup-3.19.3-${key}`);
      mkdirSync(join(dir, 'bin'), { recursive: true });
      mkdirSync(join(dir, 'node_modules', 'mediasoup'), { recursive: true });
      writeFileSync(join(dir, 'bin', 'mediasoup-worker'), '');
      writeFileSync(join(dir, 'node_modules', 'mediasoup', 'package.json'), '{}');
      const libraries = LIBRARIES.join(' ');
      writeFileSync(
        join(cache, 'mediasoup.json'),
        JSON.stringify({ version: '3.19.3', dir, workerBin: join(dir, 'bin', 'mediasoup-worker'), buildSeconds: 1, libraries }),
      );
    };
    return { cache, manifest };
  };

  it('refuses a manifest whose build directory has another key, and says how to rebuild', () => {
    const { cache, manifest } = fakeCache();
    manifest('000000000000');
    const stale = findMediasoupBuild({ SAKSI_CACHE: cache });
    expect(stale.ok).toBe(false);
    expect(stale.ok ? '' : stale.reason).toMatch(/stale.*npm run media:mediasoup/);

    manifest(expectedBuildKey({ version: '3.19.3', libraries: LIBRARIES.join(' ') })!);
    expect(findMediasoupBuild({ SAKSI_CACHE: cache }).ok).toBe(true);
  });

  it('is checked by the prebuilt server npm start runs too (it finds scripts/ from dist/server)', async () => {
    const { cache, manifest } = fakeCache();
    manifest('000000000000');
    buildServerBundle();
    const data = mkdtempSync(join(tmpdir(), 'saksi-mediasoup-key-data-'));
    dirs.push(data);
    const outcome = await spawnServer({ SAKSI_CACHE: cache, MEDIA_BACKEND: 'mediasoup', DATA_DIR: data, SEED_DEMO: '0' }, [], { bundled: true }).then(
      async (server) => {
        await server.kill('SIGTERM');
        return 'started with a stale worker';
      },
      (error: Error) => error.message,
    );
    expect(outcome).toMatch(/stale.*npm run media:mediasoup/);
  }, 60_000);
});
