// Issue 8, untrusted bytes: crafted drawn signatures are refused at the edge and nothing is stored;
// a stamp job that keeps failing is parked, visible to the console and retryable; verification
// bombs are answered "too complex" or "busy" while a bystander keeps being answered; a document
// altered in the database is neither served nor certified in the record.
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agreement } from '../../shared/domain/types';
import { pngChunk, signaturePng } from '../../server/cli/signature-png';
import { connect, must, request, waitFor, type Connected } from '../support/ceremony-driver';
import { junkPdf, objectStreamBombPdf } from '../support/pdf-bombs';
import { startTestServer, tokenFromLink, type TestServer } from '../support/test-server';

let server: TestServer;
let organizer: Connected;
let observer: Connected;
const rooms = new Map<string, Connected>();

beforeAll(async () => {
  server = await startTestServer({
    env: { STAMP_WORKERS: '1', STAMP_RETRY_MS: '50', VERIFY_WORKERS: '1', VERIFY_QUEUE: '1', VERIFY_TIMEOUT_MS: '4000' },
  });
  organizer = await connect(server.url, server.ceremonyId, server.organizerToken);
  observer = await connect(server.url, server.ceremonyId);
  for (const link of server.links.rooms) rooms.set(link.roomId, await connect(server.url, server.ceremonyId, tokenFromLink(link.url)));
  await must(organizer.socket, 'ceremony:openLobby', {});
  await must(organizer.socket, 'ceremony:startSigning', {});
  await must(organizer.socket, 'agreement:call', { agreementIds: ['K-001', 'K-002', 'K-003', 'K-004'] });
});

afterAll(async () => {
  for (const c of [organizer, observer, ...rooms.values()]) c?.socket.close();
  await server?.close();
  if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

const db = () => new Database(join(server.dataDir, 'saksi.db'));
const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

const chunk = pngChunk;
const MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function ihdr(width: number, height: number, colorType = 0): Buffer {
  const h = Buffer.alloc(13);
  h.writeUInt32BE(width, 0);
  h.writeUInt32BE(height, 4);
  h[8] = 8;
  h[9] = colorType;
  return chunk('IHDR', h);
}
function png(width: number, height: number, idat: Buffer, extra: Buffer[] = []): Buffer {
  return Buffer.concat([MAGIC, ihdr(width, height), ...extra, chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
/** Rows of a w×h grey image, each with the given filter byte. */
const rows = (w: number, h: number, filter = 0) => Buffer.concat(Array.from({ length: h }, () => Buffer.concat([Buffer.from([filter]), Buffer.alloc(w, 200)])));

/**
 * A dynamic-Huffman deflate block whose code lengths are all zero: a decoder without checks
 * (pdf-lib's UPNG) reads it forever without advancing; zlib refuses it.
 */
function spinningPng(): Buffer {
  // BFINAL=1, BTYPE=2, HLIT=0, HDIST=0, HCLEN=0, then code-length codes: 3 bits each, all 0.
  const bits = [1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const block = Buffer.alloc(8);
  bits.forEach((b, i) => (block[i >> 3] |= b << (i & 7)));
  return png(240, 80, Buffer.concat([Buffer.from([0x78, 0x9c]), block]));
}

const MALFORMED: Record<string, Buffer> = {
  truncated: signaturePng(1).subarray(0, 60),
  'bad CRC': (() => {
    const good = Buffer.from(signaturePng(2));
    good[good.length - 20] ^= 0xff; // inside the IDAT data: the CRC no longer matches
    return good;
  })(),
  'bad zlib': png(240, 80, Buffer.from('this is not zlib data at all, just text')),
  'IDAT bomb': png(240, 80, deflateSync(Buffer.alloc(64 * 1024 * 1024))),
  'absurd IHDR dimensions': png(100_000, 100_000, deflateSync(rows(10, 10))),
  'bad filter type': png(240, 80, deflateSync(rows(240, 80, 7))),
  'short image data': png(240, 80, deflateSync(rows(240, 40))),
  'animated (APNG)': png(240, 80, deflateSync(rows(240, 80)), [chunk('acTL', Buffer.alloc(8))]),
  'unknown critical chunk': png(240, 80, deflateSync(rows(240, 80)), [chunk('ZZZZ', Buffer.alloc(4))]),
  'spinning Huffman block': spinningPng(),
};

describe('untrusted bytes', () => {
  it('refuses malformed drawn signatures at the edge, stores nothing, and stays responsive', async () => {
    const pandeglang = rooms.get('pandeglang')!.socket;
    for (const [name, bytes] of Object.entries(MALFORMED)) {
      const ack = await request(pandeglang, 'agreement:sign', { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'drawn', dataUrl: dataUrl(bytes) } });
      expect(ack.ok, name).toBe(false);
      if (!ack.ok) expect(ack.error.code, name).toBe('SIGNATURE_IMAGE_INVALID');
      // A bystander is answered between the refusals.
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    }
    const conn = db();
    const stored = conn.prepare("SELECT COUNT(*) AS n FROM signatures WHERE agreement_id = 'K-001'").get() as { n: number };
    const audited = conn.prepare("SELECT COUNT(*) AS n FROM audit_events WHERE type = 'signature.recorded'").get() as { n: number };
    conn.close();
    expect(stored.n).toBe(0);
    expect(audited.n).toBe(0);

    // A real signature still goes through, and what is stored is the clean re-encoding.
    const sent = signaturePng(9);
    await must(pandeglang, 'agreement:sign', { agreementId: 'K-001', partyId: 'pma-01', signature: { kind: 'drawn', dataUrl: dataUrl(sent) } });
    const conn2 = db();
    const row = conn2.prepare("SELECT image, image_sha256 FROM signatures WHERE agreement_id = 'K-001' AND party_id = 'pma-01'").get() as { image: Buffer; image_sha256: string };
    conn2.close();
    expect(row.image.equals(sent)).toBe(false);
    const clean = PNG.sync.read(row.image);
    const original = PNG.sync.read(sent);
    expect([clean.width, clean.height]).toEqual([original.width, original.height]);
    expect(clean.data.equals(original.data)).toBe(true);
  });

  it('parks a stamp job that fails forever, shows it to the console, and stamps it on retry', async () => {
    // Corrupt K-002's original in the database: every stamp attempt fails its hash check.
    const conn = db();
    const original = conn.prepare("SELECT original_pdf FROM agreements WHERE id = 'K-002'").get() as { original_pdf: Buffer };
    const broken = Buffer.from(original.original_pdf);
    broken[broken.length - 100] ^= 0x20;
    conn.prepare("UPDATE agreements SET original_pdf = ? WHERE id = 'K-002'").run(broken);
    conn.close();

    const parked = waitFor(organizer.socket, 'ceremony:updated', ({ agreements }) => agreements.some((a) => a.id === 'K-002' && !!a.stampFailure), 60_000);
    const makassar = rooms.get('makassar')!.socket;
    await must(makassar, 'agreement:sign', { agreementId: 'K-002', partyId: 'pmdn-01', signature: { kind: 'typed', text: 'Andi Rahmawati' } });
    await must(makassar, 'agreement:sign', { agreementId: 'K-002', partyId: 'umkm-002', signature: { kind: 'typed', text: 'Lim Swie Hoa' } });
    const [{ agreements: list }] = await parked;
    const failed = list.find((a) => a.id === 'K-002')!;
    expect(failed.status).toBe('signed');
    expect(failed.stampFailure).toMatchObject({ reason: 'invalid-input', attempts: 3 });

    // The console's view after a reconnect shows it too, and only organizers may retry.
    const view = await must(organizer.socket, 'ceremony:sync', {});
    expect(view.ceremony.agreements.find((a) => a.id === 'K-002')?.stampFailure?.reason).toBe('invalid-input');
    expect(view.activity.some((i) => i.type === 'agreement.stampFailed' && i.agreementId === 'K-002')).toBe(true);
    const refused = await request(makassar, 'agreement:retryStamp', { agreementId: 'K-002' });
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN');
    const notParked = await request(organizer.socket, 'agreement:retryStamp', { agreementId: 'K-003' });
    expect(notParked.ok || notParked.error.code).toBe('NOT_STAMP_FAILED');

    // Repair the input and retry: the agreement is stamped.
    const repair = db();
    repair.prepare("UPDATE agreements SET original_pdf = ? WHERE id = 'K-002'").run(original.original_pdf);
    repair.close();
    const stamped = waitFor(organizer.socket, 'ceremony:updated', ({ agreements }) => agreements.some((a: Agreement) => a.id === 'K-002' && a.status === 'stamped'), 60_000);
    const retried = await must(organizer.socket, 'agreement:retryStamp', { agreementId: 'K-002' });
    expect(retried.stampFailure).toBeUndefined();
    await stamped;
    const audit = db();
    const types = (audit.prepare("SELECT type FROM audit_events WHERE json_extract(payload, '$.agreementId') = 'K-002' ORDER BY n").all() as Array<{ type: string }>).map((r) => r.type);
    audit.close();
    expect(types).toEqual(['agreement.signed', 'agreement.stampFailed', 'agreement.stampRetried', 'agreement.stamped']);
  });

  it('time-limits a stamp job: the worker is terminated and the agreement parked', async () => {
    // A limit no stamp can meet makes every attempt of K-004 run into it, for real.
    await server.stop();
    server = await restart({ STAMP_TIMEOUT_MS: '1' });
    const org = await connect(server.url, server.ceremonyId, server.organizerToken);
    const istana = await connect(server.url, server.ceremonyId, tokenFromLink(server.links.rooms.find((r) => r.roomId === 'istana')!.url));
    const makassar = await connect(server.url, server.ceremonyId, tokenFromLink(server.links.rooms.find((r) => r.roomId === 'makassar')!.url));
    try {
      const parked = waitFor(org.socket, 'ceremony:updated', ({ agreements }) => agreements.some((a) => a.id === 'K-004' && !!a.stampFailure), 60_000);
      await must(makassar.socket, 'agreement:sign', { agreementId: 'K-004', partyId: 'pmdn-01', signature: { kind: 'typed', text: 'Andi Rahmawati' } });
      await must(istana.socket, 'agreement:sign', { agreementId: 'K-004', partyId: 'umkm-004', signature: { kind: 'typed', text: 'Siti Aminah' } });
      const [{ agreements: list }] = await parked;
      expect(list.find((a) => a.id === 'K-004')!.stampFailure).toMatchObject({ reason: 'timeout', attempts: 3 });
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    } finally {
      for (const c of [org, istana, makassar]) c.socket.close();
    }
  });

  it('answers verification bombs "too complex" or "busy" while a bystander keeps being answered', async () => {
    // One fresh connection per upload (no keep-alive reuse racing the server's idle timeout).
    // `written` settles when the whole body has been handed to the connection (the server is reading
    // it), or when the answer came first (a "busy" server need not read the body).
    const send = (bytes: Buffer) => {
      let sent!: () => void;
      const written = new Promise<void>((resolve) => (sent = resolve));
      const answer = new Promise<{ status: number; retryAfter: string | null; code?: string; at: number }>((resolve, reject) => {
        const req = httpRequest(`${server.url}/api/verify`, { method: 'POST', agent: false, headers: { 'content-type': 'application/pdf', 'content-length': bytes.length } }, (res) => {
          const parts: Buffer[] = [];
          res.on('data', (c: Buffer) => parts.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              retryAfter: (res.headers['retry-after'] as string | undefined) ?? null,
              code: (JSON.parse(Buffer.concat(parts).toString()) as { error?: { code: string } }).error?.code,
              at: performance.now(),
            }),
          );
        });
        req.on('error', reject);
        req.end(bytes, () => sent());
      });
      answer.then(sent, sent);
      return { written, answer };
    };
    const bomb = await send(objectStreamBombPdf()).answer;
    expect(bomb).toMatchObject({ status: 422, code: 'TOO_COMPLEX' });

    const obs = await connect(server.url, server.ceremonyId);
    try {
      const sends = Array.from({ length: 8 }, (_, i) => send(junkPdf(20_000_000, i + 1)));
      const uploads = sends.map((s) => s.answer);
      // Once every body is on its way the server is reading and parsing them; the bystander is
      // answered meanwhile, and before any of the parsed ones.
      await Promise.all(sends.map((s) => s.written));
      const health = await fetch(`${server.url}/api/health`);
      const sync = await must(obs.socket, 'ceremony:sync', {});
      const bystanderAt = performance.now();
      expect(health.status).toBe(200);
      expect(sync.ceremony.id).toBe(server.ceremonyId);
      const answers = await Promise.all(uploads);
      for (const a of answers) expect(['TOO_COMPLEX', 'BUSY']).toContain(a.code);
      const busy = answers.filter((a) => a.code === 'BUSY');
      expect(busy.length).toBeGreaterThan(0);
      for (const b of busy) expect([503, b.retryAfter && Number(b.retryAfter) > 0]).toEqual([b.status, true]);
      const complex = answers.filter((a) => a.code === 'TOO_COMPLEX');
      expect(complex.length).toBeGreaterThan(0);
      for (const c of complex) expect(c.at).toBeGreaterThan(bystanderAt);
    } finally {
      obs.socket.close();
    }
  });

  it('neither serves nor certifies a stored document altered in the database', async () => {
    const conn = db();
    const row = conn.prepare("SELECT document_pdf FROM agreements WHERE id = 'K-002'").get() as { document_pdf: Buffer };
    const altered = Buffer.from(row.document_pdf);
    altered[Math.floor(altered.length / 2)] ^= 0x01;
    conn.prepare("UPDATE agreements SET document_pdf = ? WHERE id = 'K-002'").run(altered);
    conn.close();

    const res = await fetch(`${server.url}/api/agreements/K-002/document?ceremony=${server.ceremonyId}`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DOCUMENT_INTEGRITY');
    const page = await fetch(`${server.url}/verify/${server.ceremonyId}/K-002`);
    expect(page.status).toBe(500);
    expect(await page.text()).toContain('tidak cocok dengan sidik jari');

    const org = await connect(server.url, server.ceremonyId, server.organizerToken);
    try {
      await must(org.socket, 'ceremony:close', {});
    } finally {
      org.socket.close();
    }
    const zipRes = await fetch(`${server.url}/api/ceremonies/${server.ceremonyId}/record.zip`);
    expect(zipRes.status).toBe(200);
    const zip = await JSZip.loadAsync(new Uint8Array(await zipRes.arrayBuffer()));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      agreements: Array<{ agreementId: string }>;
      omitted: Array<{ agreementId: string; status: string }>;
    };
    expect(manifest.agreements.map((a) => a.agreementId)).not.toContain('K-002');
    expect(zip.file('perjanjian/K-002.pdf')).toBeNull();
    expect(manifest.omitted).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agreementId: 'K-002', status: 'integrity-failed' }),
        expect.objectContaining({ agreementId: 'K-004', status: 'stamp-failed' }),
      ]),
    );
    const csv = await zip.file('manifest.csv')!.async('string');
    expect(csv).not.toContain('K-002');
  });
});

async function restart(env: Record<string, string>): Promise<TestServer> {
  return startTestServer({
    dataDir: server.dataDir,
    roster: null,
    env: { STAMP_WORKERS: '1', STAMP_RETRY_MS: '50', VERIFY_WORKERS: '1', VERIFY_QUEUE: '1', VERIFY_TIMEOUT_MS: '4000', ...env },
  });
}
