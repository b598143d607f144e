// `npm start` as a first-time user and an operator see it: DATA_DIR private (0700, files 0600,
// the database's -wal/-shm included), an existing too-open one tightened with a warning; the
// start-up output names the public tally link and where the credential is kept, but prints the
// credential and the console link (which carries it) only with --print-links.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../support/server-process';
import { tinyRoster } from '../support/tiny-roster';

const root = mkdtempSync(join(tmpdir(), 'saksi-start-'));
const dataDir = join(root, 'data');
const env = { DATA_DIR: dataDir, SEED_DEMO: '0' };
let server: ServerProcess | undefined;
let credential: string;

// A first start on an empty DATA_DIR generates the credential; a ceremony is imported with it.
beforeAll(async () => {
  server = await spawnServer(env);
  credential = readFileSync(join(dataDir, 'organizer-token'), 'utf8').trim();
  const imported = await fetch(`${server.url}/api/ceremonies`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify(tinyRoster()),
  });
  expect(imported.status).toBe(201);
  await server.kill('SIGTERM');
}, 180_000);

afterAll(async () => {
  await server?.kill('SIGTERM');
  rmSync(root, { recursive: true, force: true });
});

/** Starts the server on the imported ceremony and waits until it has printed its last start-up line. */
async function start(args: string[] = []): Promise<ServerProcess> {
  const started = await spawnServer(env, args);
  const deadline = Date.now() + 30_000;
  while (!started.output().includes('Semua tautan / all links')) {
    if (Date.now() > deadline) throw new Error(`no links line in:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return started;
}

function modes(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (path: string, rel: string) => {
    found.set(rel, statSync(path).mode & 0o777);
    if (statSync(path).isDirectory()) for (const name of readdirSync(path)) walk(join(path, name), rel ? `${rel}/${name}` : name);
  };
  walk(dir, '');
  return found;
}

function expectPrivate(): Map<string, number> {
  const found = modes(dataDir);
  for (const [rel, mode] of found) {
    const isDir = statSync(join(dataDir, rel)).isDirectory();
    expect(mode.toString(8), rel || 'DATA_DIR').toBe(isDir ? '700' : '600');
  }
  return found;
}

describe('npm start', () => {
  it('keeps DATA_DIR private (tightening one left open), and prints no credential by default', { timeout: 90_000 }, async () => {
    // As an older version, a copy or a restore may have left it.
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'saksi.db'), 0o644);
    chmodSync(join(dataDir, 'organizer-token'), 0o644);
    server = await start();
    expect(server.output()).toMatch(/was readable by other users: \d+ entries tightened to 0700\/0600/);
    // While the server runs, with the WAL in use: everything private.
    const files = [...expectPrivate().keys()];
    for (const name of ['saksi.db', 'saksi.db-wal', 'saksi.db-shm', 'organizer-token', 'invite-secret', 'evidence-key']) expect(files).toContain(name);
    expect(files.some((f) => f.startsWith('seal/'))).toBe(true);

    // The tally link and where the credential is, not the credential.
    const out = server.output();
    expect(out).toContain(`${server.url}/tally/uji-kecil`);
    expect(out).toContain(join(dataDir, 'organizer-token'));
    expect(out).toContain('npm start -- --print-links');
    expect(out).toContain('/console/uji-kecil#token=<kredensial / credential>');
    expect(out).not.toContain(credential);
    expect(out).not.toContain(encodeURIComponent(credential));
    expect(out).not.toMatch(/\/room\/uji-kecil#token=/);
    await server.kill('SIGTERM');
  });

  it('prints the console link, a room invite and the credential with --print-links', { timeout: 60_000 }, async () => {
    server = await start(['--print-links']);
    const out = server.output();
    expect(out).toContain(`${server.url}/console/uji-kecil#token=${encodeURIComponent(credential)}`);
    expect(out).toMatch(/\/room\/uji-kecil#token=\S+/);
    expect(out).toContain(`${server.url}/tally/uji-kecil`);
    await server.kill('SIGTERM');
  });
});
