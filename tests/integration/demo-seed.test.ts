// `npm start` (the prebuilt server in dist/server) on an empty DATA_DIR: the server answers as
// soon as it listens, while the demo's 196 originals render in the stamping workers, then prints
// that the demo was created. The originals rendered in the pool are the bytes an in-process render
// gives (rendering is deterministic: their SHA-256 in `ceremony.created` can be checked by anyone
// re-rendering), and each is served because it matches the audit chain. A start killed while the
// originals render leaves nothing behind, and the next start seeds the demo whole.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAudit } from '../../server/ceremony/record-audit';
import { openAuditStore } from '../../server/persistence/open-store';
import { agreementDocumentInput } from '../../server/ceremony/document-inputs';
import { rosterToCeremony } from '../../server/ceremony/import-ceremony';
import { createDocumentService } from '../../server/documents/document-service';
import { createState } from '../../server/domain/state';
import { validateRoster } from '../../server/roster/validate-roster';
import { buildDemoRoster } from '../../server/seed/demo-roster';
import { buildServerBundle, spawnServer, type ServerProcess } from '../support/server-process';

const root = mkdtempSync(join(tmpdir(), 'saksi-seed-'));
const DEMO = 'demo-2021-01-18';
let server: ServerProcess | undefined;
/** Every server started here, stopped in afterAll even when a test failed before stopping its own. */
const started: ServerProcess[] = [];
const start = async (...args: Parameters<typeof spawnServer>) => {
  const spawned = await spawnServer(...args);
  started.push(spawned);
  return spawned;
};

beforeAll(() => buildServerBundle(), 60_000);

afterAll(async () => {
  await Promise.all(started.map((s) => s.kill('SIGTERM')));
  rmSync(root, { recursive: true, force: true });
});

async function waitForOutput(text: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!server!.output().includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in:\n${server!.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('npm start with the demo seed', () => {
  it('answers while the demo renders in the workers, then serves originals identical to an in-process render', { timeout: 180_000 }, async () => {
    server = await start({ DATA_DIR: join(root, 'data'), SEED_DEMO: '1', ORGANIZER_TOKEN: 'uji-seed-organizer-credential-0000' }, [], { bundled: true });
    // "running at" is printed once the server listens, before the demo exists.
    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    await waitForOutput('Semua tautan / all links', 150_000);
    const out = server.output();
    expect(out.indexOf('running at')).toBeLessThan(out.indexOf('demo ceremony created'));
    expect(out).toContain(`${server.url}/tally/${DEMO}`);

    const ceremony = (await (await fetch(`${server.url}/api/ceremonies/${DEMO}`)).json()) as {
      agreements: Array<{ id: string; parties: string[] }>;
      parties: Array<{ id: string; name: string }>;
    };
    expect(ceremony.agreements).toHaveLength(196);
    // The first agreement and one whose party needs the CJK face.
    const cjkParty = ceremony.parties.find((p) => p.name.includes('金'))!;
    const picks = [ceremony.agreements[0].id, ceremony.agreements.find((a) => a.parties.includes(cjkParty.id))!.id];

    // Fetched back to back, then rendered here: a slow local render between two requests could
    // outlast the server's keep-alive timeout on a loaded machine (the reused socket then closes).
    const servedById = new Map<string, Uint8Array>();
    for (const id of picks) {
      const res = await fetch(`${server.url}/api/agreements/${id}/document?ceremony=${DEMO}`);
      expect(res.status, id).toBe(200);
      const served = new Uint8Array(await res.arrayBuffer());
      expect(res.headers.get('x-document-sha256')).toBe(sha256(served));
      servedById.set(id, served);
    }

    const validated = validateRoster(buildDemoRoster());
    if (!validated.ok) throw new Error('demo roster invalid');
    const local = rosterToCeremony(validated.roster, DEMO, '2021-01-01T00:00:00.000Z');
    const state = createState(local, { now: local.createdAt });
    const documents = createDocumentService();
    for (const [id, served] of servedById) {
      const rendered = await documents.renderAgreement(agreementDocumentInput(state, local.agreements.find((a) => a.id === id)!));
      expect(sha256(rendered), id).toBe(sha256(served));
    }
    await server.kill('SIGTERM');
    server = undefined;
  });

  it('seeds the demo whole on the next start when a start is killed while the originals render', { timeout: 180_000 }, async () => {
    const env = { DATA_DIR: join(root, 'killed'), SEED_DEMO: '1', ORGANIZER_TOKEN: 'uji-seed-organizer-credential-0000' };
    // Killed as soon as it listens: the originals are still rendering in the workers.
    const first = await start(env, [], { bundled: true });
    await first.kill('SIGKILL');
    expect(first.output()).not.toContain('demo ceremony created');
    const nothing = openAuditStore(env.DATA_DIR);
    expect(await nothing.auditedCeremonyIds()).toEqual([]);
    await nothing.close();

    server = await start(env, [], { bundled: true });
    await waitForOutput('Semua tautan / all links', 150_000);
    expect(server.output()).toContain(`demo ceremony created: ${DEMO}`);
    const { ceremonies: list } = (await (await fetch(`${server.url}/api/ceremonies`)).json()) as { ceremonies: Array<{ id: string; agreements: number }> };
    expect(list).toEqual([expect.objectContaining({ id: DEMO, agreements: 196 })]);
    const ceremony = (await (await fetch(`${server.url}/api/ceremonies/${DEMO}`)).json()) as { agreements: Array<{ id: string }> };
    const last = ceremony.agreements[195].id;
    const res = await fetch(`${server.url}/api/agreements/${last}/document?ceremony=${DEMO}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-document-sha256')).toBe(sha256(new Uint8Array(await res.arrayBuffer())));
    await server.kill('SIGTERM');
    server = undefined;
    const audit = openAuditStore(env.DATA_DIR);
    const { report } = await checkAudit(audit, DEMO);
    await audit.close();
    expect(report.ok).toBe(true);
  });
});
