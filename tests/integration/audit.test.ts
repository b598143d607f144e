// The audit chain after a real ceremony: intact for GET /api/ceremonies/:id/audit and for
// `npm run audit:verify`; then a row edited directly in SQLite, and separately a row deleted,
// are each found by both, at the right event.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRow, ChainReport } from '../../server/persistence/audit-chain';
import { startTestServer, type TestServer } from '../support/test-server';
import { runTinyCeremony, type RunCeremony } from './record-run-ceremony';

let server: TestServer;
let ceremony: RunCeremony;
let db: Database.Database;

const audit = async (token?: string) => {
  const res = await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}/audit`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  return { status: res.status, body: (await res.json()) as { report: ChainReport; events: AuditRow[] } };
};

/**
 * The CLI in its own process, reading the server's DATA_DIR (spawned asynchronously: the server
 * runs in this process). `viaNpm` goes through the npm script itself; other calls run the same
 * file with tsx directly, which starts a few seconds faster on a loaded machine.
 */
const run = (command: string, args: string[]) =>
  new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: process.cwd(),
      env: { ...process.env, DATA_DIR: server.dataDir },
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
const cli = (...args: string[]) => run(join(process.cwd(), 'node_modules/.bin/tsx'), ['server/cli/audit-verify.ts', ...args]);
const viaNpm = (...args: string[]) => run('npm', ['run', '--silent', 'audit:verify', '--', ...args]);

beforeAll(async () => {
  server = await startTestServer();
  ceremony = await runTinyCeremony(server, ['K-001']);
  // A second connection, as an investigator with the database file would have.
  db = new Database(join(server.dataDir, 'saksi.db'));
});

afterAll(async () => {
  db?.close();
  ceremony?.close();
  await server?.close();
});

describe('audit chain', () => {
  it('is intact after a ceremony, for the API (organizer only) and the CLI', async () => {
    expect((await audit()).status).toBe(401);
    const { status, body } = await audit(server.organizerToken);
    expect(status).toBe(200);
    expect(body.report).toMatchObject({ ceremonyId: 'uji-kecil', ok: true, headHash: (await server.app.store.auditHead('uji-kecil')).hash });
    expect(body.report.events).toBe(body.events.length);
    expect(body.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['ceremony.created', 'room.joined', 'agreement.called', 'signature.recorded', 'agreement.signed', 'agreement.stamped']),
    );
    expect(body.events.map((e) => e.n)).toEqual(body.events.map((_, i) => i + 1));

    const ok = await viaNpm('--ceremony', 'uji-kecil');
    expect(ok.out).toMatch(/^OK +uji-kecil/m);
    expect(ok.code).toBe(0);
    expect((await cli('--ceremony', 'tidak-ada')).code).toBe(2);
  });

  it('finds an edited row at that event', async () => {
    const target = db.prepare("SELECT n, payload FROM audit_events WHERE ceremony_id = ? AND type = 'signature.recorded' ORDER BY n LIMIT 1").get('uji-kecil') as { n: number; payload: string };
    const forged = target.payload.replace(/"signerName":"[^"]*"/, '"signerName":"Orang Lain"');
    expect(forged).not.toBe(target.payload);
    db.prepare('UPDATE audit_events SET payload = ? WHERE ceremony_id = ? AND n = ?').run(forged, 'uji-kecil', target.n);

    const { body } = await audit(server.organizerToken);
    expect(body.report.ok).toBe(false);
    expect(body.report.brokenAt).toMatchObject({ n: target.n, reason: 'event content does not match its hash' });
    const broken = await cli();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`RUSAK  uji-kecil: rantai putus pada peristiwa ke-${target.n}`);
    expect(broken.out).toContain('event content does not match its hash');

    db.prepare('UPDATE audit_events SET payload = ? WHERE ceremony_id = ? AND n = ?').run(target.payload, 'uji-kecil', target.n);
    expect((await audit(server.organizerToken)).body.report.ok).toBe(true);
    expect((await cli()).code).toBe(0);
  });

  it('finds a deleted row in the middle, and one cut off the end', async () => {
    const rowAt = (n: number) => db.prepare('SELECT * FROM audit_events WHERE ceremony_id = ? AND n = ?').get('uji-kecil', n) as Record<string, unknown>;
    const restore = (row: Record<string, unknown>) =>
      db.prepare('INSERT INTO audit_events (seq, ceremony_id, n, at, type, payload, prev_hash, hash) VALUES (@seq, @ceremony_id, @n, @at, @type, @payload, @prev_hash, @hash)').run(row);

    const third = rowAt(3);
    db.prepare('DELETE FROM audit_events WHERE ceremony_id = ? AND n = 3').run('uji-kecil');
    const { body } = await audit(server.organizerToken);
    expect(body.report).toMatchObject({ ok: false, brokenAt: { n: 3, reason: 'event 3 is missing (found 4)' } });
    const middle = await cli('--ceremony', 'uji-kecil', '--json');
    expect(middle.code).toBe(1);
    expect(JSON.parse(middle.out)).toMatchObject({ ok: false, ceremonies: [{ ceremonyId: 'uji-kecil', brokenAt: { n: 3 } }] });
    restore(third);
    expect((await audit(server.organizerToken)).body.report.ok).toBe(true);

    // Cutting the tail leaves a chain that links up, but ends before the head the ceremony records.
    const head = await server.app.store.auditHead('uji-kecil');
    db.prepare('DELETE FROM audit_events WHERE ceremony_id = ? AND n = ?').run('uji-kecil', head.n);
    const tail = (await audit(server.organizerToken)).body.report;
    expect(tail).toMatchObject({ ok: false, brokenAt: { n: head.n } });
    expect(tail.brokenAt!.reason).toBe(`chain ends at ${head.n - 1} but the ceremony records ${head.n} events`);
    const cut = await cli();
    expect(cut.code).toBe(1);
    expect(cut.out).toContain(`chain ends at ${head.n - 1}`);
  });
});
