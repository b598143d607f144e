// Kill the server (SIGKILL, no shutdown) with signatures in flight, restart it on the same
// DATA_DIR: every acknowledged signature is there, nothing is stamped twice, the tally holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Tally } from '../../shared/domain/types';
import type { CeremonyLinks } from '../../shared/protocol/views';
import { demoSlice } from '../support/demo-slice';
import { connect, must, request, signaturePngDataUrl, type Connected } from '../support/ceremony-driver';
import { spawnServer, type ServerProcess } from '../support/server-process';
import { tokenFromLink } from '../support/test-server';

const TOKEN = 'uji-crash-organizer-credential-000';
const dataDir = mkdtempSync(join(tmpdir(), 'saksi-crash-'));
const env = { DATA_DIR: dataDir, ORGANIZER_TOKEN: TOKEN, SEED_DEMO: '0', TALLY_INTERVAL_MS: '100' };
const ceremonyId = 'demo-slice-crash';
// 24 agreements = 48 signatures; the server is killed after half of them are acknowledged.
const WAVE = 24;
let server: ServerProcess | undefined;
const sockets: Connected[] = [];

afterAll(async () => {
  for (const s of sockets) s.socket.close();
  await server?.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
});

const getJson = async <T>(url: string, token?: string): Promise<T> =>
  (await (await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {})).json()) as T;

describe('crash and restart', () => {
  it('loses nothing signed and stamps nothing twice', async () => {
    server = await spawnServer(env);
    const roster = demoSlice(WAVE, ceremonyId);
    const imported = await fetch(`${server.url}/api/ceremonies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(roster),
    });
    expect(imported.status).toBe(201);
    const links = await getJson<CeremonyLinks>(`${server.url}/api/ceremonies/${ceremonyId}/links`, TOKEN);
    const organizer = await connect(server.url, ceremonyId, TOKEN);
    sockets.push(organizer);
    await must(organizer.socket, 'ceremony:openLobby', {});
    await must(organizer.socket, 'ceremony:startSigning', {});
    const wave = roster.agreements.slice(0, WAVE).map((a) => a.id);
    await must(organizer.socket, 'agreement:call', { agreementIds: wave });

    const officials = new Map<string, Connected>();
    for (const link of links.rooms) {
      const c = await connect(server.url, ceremonyId, tokenFromLink(link.url));
      officials.set(link.roomId, c);
      sockets.push(c);
    }
    const partyRoom = new Map(roster.parties.map((p) => [p.id, p.room]));
    // Fire every signature of the wave without waiting, then kill the server mid-flight.
    const acked = new Set<string>();
    const inFlight: Promise<unknown>[] = [];
    let n = 0;
    for (const agreement of roster.agreements.slice(0, WAVE)) {
      for (const partyId of agreement.parties) {
        const official = officials.get(partyRoom.get(partyId)!)!;
        const signature = n++ % 2 ? { kind: 'typed' as const, text: 'Tanda Tangan' } : { kind: 'drawn' as const, dataUrl: signaturePngDataUrl(n) };
        inFlight.push(
          request(official.socket, 'agreement:sign', { agreementId: agreement.id, partyId, signature })
            .then((r) => {
              if (r.ok) acked.add(`${agreement.id}/${partyId}`);
            })
            .catch(() => {}),
        );
      }
    }
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (acked.size >= WAVE) {
          clearInterval(poll);
          resolve();
        }
      }, 2);
    });
    await server.kill('SIGKILL');
    await Promise.allSettled(inFlight);
    for (const s of sockets.splice(0)) s.socket.close();
    expect(acked.size).toBeGreaterThanOrEqual(WAVE);

    server = await spawnServer(env);
    const after = await getJson<{ agreements: Array<{ id: string; status: string; signedParties: string[] }> }>(`${server.url}/api/ceremonies/${ceremonyId}`);
    const stored = new Set(after.agreements.flatMap((a) => a.signedParties.map((p) => `${a.id}/${p}`)));
    for (const key of acked) expect(stored.has(key), key).toBe(true);

    // Agreements complete before the crash are stamped after the restart, each exactly once.
    const complete = after.agreements.filter((a) => a.status === 'signed' || a.status === 'stamped');
    const deadline = Date.now() + 150_000;
    let tally = await getJson<Tally>(`${server.url}/api/ceremonies/${ceremonyId}/tally`);
    while (tally.agreementsStamped < complete.length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      tally = await getJson<Tally>(`${server.url}/api/ceremonies/${ceremonyId}/tally`);
    }
    expect(tally.agreementsStamped).toBe(complete.length);
    expect(tally.agreementsSigned).toBe(complete.length);
    const value = roster.agreements.filter((a) => complete.some((c) => c.id === a.id)).reduce((s, a) => s + a.valueIdr, 0);
    expect(tally.valueSignedIdr).toBe(value);

    // A second restart changes nothing: same tally, no second stamp.
    await server.kill('SIGTERM');
    server = await spawnServer(env);
    const again = await getJson<Tally>(`${server.url}/api/ceremonies/${ceremonyId}/tally`);
    expect({ ...again, updatedAt: '' }).toEqual({ ...tally, updatedAt: '' });
    await server.kill('SIGTERM');
    server = undefined;

    const db = new Database(join(dataDir, 'saksi.db'), { readonly: true });
    const stamps = db
      .prepare("SELECT json_extract(payload, '$.agreementId') AS id, COUNT(*) AS n FROM audit_events WHERE type = 'agreement.stamped' GROUP BY id")
      .all() as Array<{ id: string; n: number }>;
    const signatures = db.prepare('SELECT COUNT(*) AS n FROM signatures').get() as { n: number };
    db.close();
    expect(stamps).toHaveLength(complete.length);
    expect(stamps.every((s) => s.n === 1)).toBe(true);
    expect(signatures.n).toBe(stored.size);
  }, 300_000);

  it('starts and answers while a stamp job that fails forever is retried, then shows it parked', async () => {
    // Take a stamped agreement back to "signed" with a corrupted original in the database (what
    // a crash between storing the signature and stamping, plus a damaged row, leaves behind).
    const db = new Database(join(dataDir, 'saksi.db'));
    const victim = db.prepare("SELECT id, original_pdf FROM agreements WHERE ceremony_id = ? AND status = 'stamped' ORDER BY ord LIMIT 1").get(ceremonyId) as { id: string; original_pdf: Buffer };
    const broken = Buffer.from(victim.original_pdf);
    broken[broken.length - 200] ^= 0x20;
    db.prepare("UPDATE agreements SET status = 'signed', stamped_at = NULL, document_pdf = NULL, document_sha256 = NULL, original_pdf = ? WHERE ceremony_id = ? AND id = ?").run(broken, ceremonyId, victim.id);
    db.close();

    server = await spawnServer({ ...env, STAMP_RETRY_MS: '100' });
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    const organizer = await connect(server.url, ceremonyId, TOKEN);
    sockets.push(organizer);
    const deadline = Date.now() + 120_000;
    let failure = organizer.snapshot.ceremony.agreements.find((a) => a.id === victim.id)?.stampFailure;
    // Polled within the ceremony:sync rate limit (30 a minute per socket).
    while (!failure && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2_500));
      failure = (await must(organizer.socket, 'ceremony:sync', {})).ceremony.agreements.find((a) => a.id === victim.id)?.stampFailure;
    }
    expect(failure).toMatchObject({ reason: 'invalid-input', attempts: 3 });

    // Parked work is not resumed on the next start: the server comes up with it still parked.
    await server.kill('SIGTERM');
    server = await spawnServer(env);
    const again = await connect(server.url, ceremonyId, TOKEN);
    sockets.push(again);
    const agreement = again.snapshot.ceremony.agreements.find((a) => a.id === victim.id)!;
    expect(agreement.status).toBe('signed');
    expect(agreement.stampFailure?.reason).toBe('invalid-input');
    expect(((await (await fetch(`${server.url}/api/health`)).json()) as { stampQueue: number }).stampQueue).toBe(0);
  }, 300_000);
});
