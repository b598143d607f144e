// Record bench: the 196-agreement demo ceremony through the real server composition (SQLite,
// stamping queue, platform seal): sign every agreement, measure stamping + sealing throughput,
// close, and measure how long the Berita Acara and the record ZIP take to be ready and served.
// Prints figures; asserts nothing. Run: npx tsx bench/record.ts [stampWorkers=2]
// (bench/seal.ts measures the document functions alone, without storage or the queue.)
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../server/config';
import { startServer } from '../server/start-server';
import { createCeremonyRecord } from '../server/ceremony/ceremony-record';
import { DEMO_CEREMONY_ID } from '../server/seed/demo-roster';

const concurrency = Number(process.argv[2] ?? 2);
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
const hex = (s: string) => createHash('sha256').update(s).digest('hex');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'saksi-bench-record-'));
  const env = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SEED_DEMO: '1', STAMP_WORKERS: String(concurrency), ORGANIZER_TOKEN: 'bench-organizer-credential-0000' };
  let t = performance.now();
  const server = await startServer(parseConfig(env), { env, media: false, log: () => {} });
  try {
    const { app } = server;
    const id = server.seededCeremonyId ?? DEMO_CEREMONY_ID;
    console.log(`start + import of the demo ceremony          ${fmt(performance.now() - t, 0).padStart(8)} ms`);
    const organizer = { role: 'organizer' as const, ceremonyId: id };
    const must = (r: { ok: boolean; error?: unknown }) => {
      if (!r.ok) throw r.error;
    };
    must(await app.service.execute(id, { type: 'openLobby', actor: organizer }));
    must(await app.service.execute(id, { type: 'startSigning', actor: organizer }));
    const ceremony = app.service.ceremony(id)!;
    for (const room of ceremony.rooms) must(await app.service.execute(id, { type: 'join', actor: { role: 'official', ceremonyId: id, roomId: room.id }, roomId: room.id }));
    const agreementIds = ceremony.agreements.map((a) => a.id);
    must(await app.service.execute(id, { type: 'call', actor: organizer, agreementIds, waveId: 'bench' }));
    const parties = new Map(ceremony.parties.map((p) => [p.id, p]));

    t = performance.now();
    let signatures = 0;
    for (const a of ceremony.agreements) {
      for (const partyId of a.parties) {
        const party = parties.get(partyId)!;
        must(await app.service.execute(id, {
          type: 'sign',
          actor: { role: 'official', ceremonyId: id, roomId: party.room },
          agreementId: a.id,
          partyId,
          signature: { kind: 'typed', typedText: party.representative.name },
          evidence: { ipHmac: hex(`ip-${party.room}`), userAgentHash: hex('bench'), tokenId: `bench-${party.room}` },
        }));
        signatures += 1;
      }
    }
    const signMs = performance.now() - t;
    await app.stampQueue.whenIdle();
    const stampMs = performance.now() - t;
    const stamped = app.service.ceremony(id)!.agreements.filter((a) => a.status === 'stamped').length;
    console.log(`signatures recorded                           ${String(signatures).padStart(8)}    in ${fmt(signMs, 0)} ms`);
    console.log(`agreements stamped + sealed (queue, c=${concurrency})      ${String(stamped).padStart(8)}    in ${fmt(stampMs, 0)} ms`);
    console.log(`  → seals per second (stamp + seal + store)   ${fmt((stamped / stampMs) * 1000, 2).padStart(8)}`);

    // Closing starts the build in the background; GET waits for that same build.
    t = performance.now();
    must(await app.service.execute(id, { type: 'close', actor: organizer }));
    const [ba, zip] = await Promise.all(
      ['berita-acara.pdf', 'record.zip'].map(async (name) => {
        const res = await fetch(`${server.url}/api/ceremonies/${id}/${name}`);
        if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
        return new Uint8Array(await res.arrayBuffer());
      }),
    );
    console.log(`close → Berita Acara + ZIP ready and served   ${fmt(performance.now() - t, 0).padStart(8)} ms`);
    console.log(`  Berita Acara ${mb(ba.byteLength)}, record.zip ${mb(zip.byteLength)} (${stamped} agreements)`);

    // A second build with warm fonts, timed on its own (what a rebuild after a restart costs).
    const record = createCeremonyRecord(app);
    const built = await record.build(id);
    await record.close();
    console.log(`rebuild (Berita Acara + ZIP + store)          ${fmt(built!.ms, 0).padStart(8)} ms`);
    console.log(`rss after                                     ${mb(process.memoryUsage().rss).padStart(11)}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
