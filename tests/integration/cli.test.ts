// The command-line tools as an organizer uses them: import (JSON, CSV, a bad roster) and the
// dress rehearsal against a running server.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../server/persistence/open-store';
import { startTestServer, type TestServer } from '../support/test-server';

const dataDir = mkdtempSync(join(tmpdir(), 'saksi-cli-'));
let server: TestServer | undefined;
afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Like run(), but without blocking this process: the test server lives in it. */
function runAsync(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, DATA_DIR: dataDir, ...env } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('npm run import', () => {
  it('imports the JSON example and the CSV example into DATA_DIR', async () => {
    const json = run('server/cli/import.ts', ['examples/roster-small.json', '--id', 'contoh-json']);
    expect(json.out).toContain('contoh-json');
    expect(json.code).toBe(0);
    const csv = run('server/cli/import.ts', [
      '--title', 'Penandatanganan Kemitraan (CSV)', '--starts-at', '2021-01-18T09:00:00+07:00', '--id', 'contoh-csv',
      'examples/csv/rooms.csv', 'examples/csv/parties.csv', 'examples/csv/agreements.csv',
    ]);
    expect(csv.code).toBe(0);
    const store = openStore(dataDir);
    try {
      const a = (await store.loadCeremony('contoh-json'))!.ceremony;
      const b = (await store.loadCeremony('contoh-csv'))!.ceremony;
      expect(b.parties.map((p) => p.name)).toEqual(a.parties.map((p) => p.name));
      expect(b.agreements.map((x) => x.valueIdr)).toEqual(a.agreements.map((x) => x.valueIdr));
      expect(a.parties.map((p) => p.name)).toContain('Toko 金 Makmur');
    } finally {
      await store.close();
    }
  });

  it('refuses a bad roster with every problem and writes nothing', async () => {
    const bad = join(dataDir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ title: 'x', startsAt: 'kemarin', rooms: [], parties: [], agreements: [] }));
    const r = run('server/cli/import.ts', [bad]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('startsAt');
    expect(r.out).toContain('rooms');
    const store = openStore(dataDir);
    try {
      expect((await store.listCeremonies()).map((c) => c.id).sort()).toEqual(['contoh-csv', 'contoh-json']);
    } finally {
      await store.close();
    }
  });
});

describe('npm run rehearse', () => {
  it('runs a whole ceremony through the protocol and exits 0 when all is signed and stamped', async () => {
    server = await startTestServer();
    const r = await runAsync('server/cli/rehearse.ts', ['--url', server.url, '--ceremony', server.ceremonyId, '--wave-size', '2', '--concurrency', '3'], {
      ORGANIZER_TOKEN: server.organizerToken,
    });
    expect(r.out).toContain('4/4');
    expect(r.out).toContain('BERHASIL / OK');
    expect(r.code).toBe(0);
    const tally = (await (await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}/tally`)).json()) as { agreementsStamped: number; phase: string };
    expect(tally).toMatchObject({ agreementsStamped: 4, phase: 'closed' });
    const again = await runAsync('server/cli/rehearse.ts', ['--url', server.url, '--ceremony', server.ceremonyId], { ORGANIZER_TOKEN: server.organizerToken });
    expect(again.code).toBe(2);
    expect(again.out).toMatch(/closed|ditutup/);
  }, 240_000);
});
