// The ceremony's record through a real server: nothing before the close; after it, a sealed
// Berita Acara (pdfsig, qpdf, pdftotext, QR) and a ZIP whose manifest hashes match the files and
// the sealed agreements the platform serves. After a restart with the record gone, concurrent
// requests share one build.
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyReport } from '../../server/http/verify-report';
import { pdfSig, pdfToText, qpdfCheck } from '../support/pdf-tools';
import { startTestServer, type TestServer } from '../support/test-server';
import { decodeQrOnPage } from '../unit/documents/pdf-tools';
import { download, flipOneByte, runTinyCeremony, type RunCeremony } from './record-run-ceremony';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const SIGNED = ['K-001', 'K-002', 'K-004'];

let server: TestServer;
let run: RunCeremony;
let tmp: string;
let beritaAcara: Uint8Array;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'saksi-record-'));
  server = await startTestServer({ dataDir: join(tmp, 'data') });
});

afterAll(async () => {
  run?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const recordUrl = (name: string) => `${server.url}/api/ceremonies/${server.ceremonyId}/${name}`;

describe('ceremony record', () => {
  it('is not available before the ceremony is closed', async () => {
    const res = await fetch(recordUrl('berita-acara.pdf'));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('DOCUMENT_NOT_READY');
    expect((await fetch(recordUrl('record.zip'))).status).toBe(409);
    expect((await fetch(`${server.url}/api/ceremonies/tidak-ada/record.zip`)).status).toBe(404);
  });

  it('produces a sealed, bilingual Berita Acara when the organizer closes the ceremony', async () => {
    run = await runTinyCeremony(server, SIGNED, { close: true });
    const ba = await download(recordUrl('berita-acara.pdf'));
    expect(ba.status).toBe(200);
    expect(ba.headers.get('content-type')).toBe('application/pdf');
    beritaAcara = ba.bytes;
    expect(ba.headers.get('x-document-sha256')).toBe(sha256(beritaAcara));

    expect(qpdfCheck(beritaAcara).ok).toBe(true);
    const sig = pdfSig(beritaAcara);
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Total document signed');
    expect(pdfSig(flipOneByte(beritaAcara))).not.toContain('Signature is Valid');

    const text = pdfToText(beritaAcara);
    const squashed = text.replace(/\s+/g, ' ');
    // The minutes name the audit chain's head, tying them to the log.
    expect(squashed).toContain((await server.app.store.auditHead('uji-kecil')).hash);
    for (const expected of [
      'BERITA ACARA',
      'BA-uji-kecil/2021',
      'Istana Kepresidenan Jakarta',
      'Presiden Republik Indonesia',
      'Kementerian Sekretariat Negara',
      'Ruang Pintar Setda Pandeglang',
      'Ruang Rapat DPMPTSP Sulawesi Selatan',
      // Table cells wrap long names, so only their first words are looked for.
      'Bengkel Las Ẓainal',
      'Toko 金',
      '12.500.000.000',
      '7.250.000.000',
      // K-001 + K-002 + K-004 signed; K-003 not.
      'Rp21.500.000.000',
      'dua puluh satu miliar lima ratus juta rupiah',
    ]) {
      expect(squashed).toContain(expected);
    }
    expect(squashed).toContain('MINUTES OF THE SIGNING');
    expect(squashed).toContain('twenty-one billion five hundred million rupiah');
    expect(squashed).toMatch(/Hadir/);
    expect(squashed).toMatch(/\d{2}\.\d{2} WITA/);

    const file = join(tmp, 'ba.pdf');
    writeFileSync(file, beritaAcara);
    expect(decodeQrOnPage(file, 1)).toBe(`${server.url}/verify/uji-kecil`);
  });

  it('verifies the Berita Acara through POST /api/verify', async () => {
    const res = await fetch(`${server.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(beritaAcara) });
    const report = (await res.json()) as VerifyReport;
    expect(report).toMatchObject({ verdict: 'valid', documentKind: 'berita-acara', bytesMatchSealedOriginal: true, sealValid: true, ceremony: { id: 'uji-kecil' } });
    const bad = (await (await fetch(`${server.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(flipOneByte(beritaAcara)) })).json()) as VerifyReport;
    expect(bad).toMatchObject({ verdict: 'tampered', documentKind: 'berita-acara', sealValid: false });
    const page = await (await fetch(`${server.url}/verify/uji-kecil`)).text();
    expect(page).toContain(sha256(beritaAcara));
  });

  it('produces a ZIP of the sealed agreements whose manifest hashes match', async () => {
    const res = await download(recordUrl('record.zip'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zipFile = join(tmp, 'record.zip');
    writeFileSync(zipFile, res.bytes);
    const listing = execFileSync('unzip', ['-l', zipFile], { encoding: 'utf8' });
    for (const name of ['manifest.json', 'manifest.csv', 'berita-acara.pdf', 'audit-chain.json', ...SIGNED.map((id) => `perjanjian/${id}.pdf`)]) {
      expect(listing).toContain(name);
    }
    expect(listing).not.toContain('K-003');
    execFileSync('unzip', ['-tq', zipFile]);

    const zip = await JSZip.loadAsync(res.bytes);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      agreements: Array<{ agreementId: string; fileName: string; sha256: string; valueIdr: number; signatures: Array<{ signer: string; timezone: string }> }>;
      files: Array<{ name: string; sha256: string }>;
    };
    expect(manifest.agreements.map((a) => a.agreementId)).toEqual(SIGNED);
    for (const entry of manifest.agreements) {
      const inZip = await zip.file(entry.fileName)!.async('uint8array');
      expect(sha256(inZip)).toBe(entry.sha256);
      const served = await download(`${server.url}/api/agreements/${entry.agreementId}/document?ceremony=uji-kecil`);
      expect(sha256(served.bytes)).toBe(entry.sha256);
      expect(entry.signatures).toHaveLength(2);
    }
    for (const f of manifest.files) expect(sha256(await zip.file(f.name)!.async('uint8array'))).toBe(f.sha256);
    expect(sha256(await zip.file('berita-acara.pdf')!.async('uint8array'))).toBe(sha256(beritaAcara));
    const csv = await zip.file('manifest.csv')!.async('string');
    expect(csv).toContain('Toko 金 Makmur');
    for (const entry of manifest.agreements) expect(csv).toContain(entry.sha256);

    const auditLog = JSON.parse(await zip.file('audit-chain.json')!.async('string')) as { head: { hash: string }; chain: { ok: boolean } };
    expect(auditLog.chain.ok).toBe(true);
    expect(auditLog.head.hash).toBe((await server.app.store.auditHead('uji-kecil')).hash);
    const withHead = JSON.parse(await zip.file('manifest.json')!.async('string')) as { auditHead?: { hash: string } };
    expect(withHead.auditHead?.hash).toBe(auditLog.head.hash);
  });

  it('is built on demand after a restart, once for concurrent requests', async () => {
    run.close();
    await server.stop();
    const db = new Database(join(tmp, 'data', 'saksi.db'));
    db.prepare('DELETE FROM record_files WHERE ceremony_id = ?').run('uji-kecil');
    db.close();
    server = await startTestServer({ dataDir: join(tmp, 'data') });
    // Count what the builder stores: one build writes exactly two files.
    const store = server.app.store;
    const put = store.putRecordFile.bind(store);
    const puts: string[] = [];
    store.putRecordFile = (ceremonyId, name, ...rest) => {
      puts.push(name);
      return put(ceremonyId, name, ...rest);
    };
    const [a, b, c] = await Promise.all(['berita-acara.pdf', 'berita-acara.pdf', 'record.zip'].map((name) => download(recordUrl(name))));
    expect([a.status, b.status, c.status]).toEqual([200, 200, 200]);
    expect(puts.sort()).toEqual(['berita-acara.pdf', 'record.zip']);
    expect(sha256(a.bytes)).toBe(sha256(b.bytes));
    expect(sha256(a.bytes)).toBe((await server.app.store.getRecordFile('uji-kecil', 'berita-acara.pdf'))!.sha256);
    const zip = await JSZip.loadAsync(c.bytes);
    expect(sha256(await zip.file('berita-acara.pdf')!.async('uint8array'))).toBe(sha256(a.bytes));
    expect(pdfSig(a.bytes)).toContain('Signature is Valid');
  });
});
