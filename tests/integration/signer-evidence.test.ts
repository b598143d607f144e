// The signer's IP address after a real ceremony: every public place (POST /api/verify, the verify
// page, the stamped PDF, the record ZIP) says only that it was recorded, and carries neither the
// address nor the guessable SHA-256("<ceremony>:<ip>") that used to be published; the organizer's
// audit view shows the address. PUBLIC_URL is set so no link contains 127.0.0.1 by itself.
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrganizerEvidence } from '../../server/ceremony/record-audit';
import type { VerifyReport } from '../../server/http/verify-report';
import { pdfToText } from '../support/pdf-tools';
import { startTestServer, type TestServer } from '../support/test-server';
import { download, runTinyCeremony, type RunCeremony } from './record-run-ceremony';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// Node reports a loopback IPv4 client either way, depending on how the server listens.
const ADDRESSES = ['127.0.0.1', '::ffff:127.0.0.1'];
const FORBIDDEN = [...ADDRESSES, ...ADDRESSES.map((ip) => sha256(`uji-kecil:${ip}`))];

let server: TestServer;
let run: RunCeremony;
let sealed: Uint8Array;

function expectNoAddress(where: string, text: string): void {
  for (const value of FORBIDDEN) expect(text.includes(value), `${where} contains ${value}`).toBe(false);
}

beforeAll(async () => {
  server = await startTestServer({ env: { PUBLIC_URL: 'http://saksi-uji.example' } });
  run = await runTinyCeremony(server, ['K-001'], { close: true });
  sealed = (await download(`${server.url}/api/agreements/K-001/document?ceremony=${server.ceremonyId}`)).bytes;
});

afterAll(async () => {
  run?.close();
  await server?.close();
});

describe('signer address in public evidence', () => {
  it('POST /api/verify and the verify page say "recorded" and carry neither the address nor its old hash', async () => {
    const res = await fetch(`${server.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(sealed) });
    const text = await res.text();
    const report = JSON.parse(text) as VerifyReport;
    expect(report.verdict).toBe('valid');
    expect(report.signers).toHaveLength(2);
    for (const s of report.signers) expect(s.evidence).toMatchObject({ ipRecorded: true });
    expectNoAddress('POST /api/verify', text);

    const page = await (await fetch(`${server.url}/verify/${server.ceremonyId}/K-001`)).text();
    expect(page).toContain('tercatat');
    expectNoAddress('/verify page', page);
  });

  it('the stamped PDF\'s certificate of signing says "recorded" without the address', () => {
    const text = pdfToText(sealed).replace(/\s+/g, ' ');
    expect(text).toContain('Alamat IP / IP address : tercatat, hanya untuk panitia / recorded, for the organizers only');
    expectNoAddress('stamped PDF', text);
  });

  it('no file in the record ZIP carries the address or its old hash', async () => {
    const res = await download(`${server.url}/api/ceremonies/${server.ceremonyId}/record.zip`);
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(res.bytes);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names).toContain('audit-chain.json');
    for (const name of names) {
      const bytes = await zip.file(name)!.async('uint8array');
      expectNoAddress(name, name.endsWith('.pdf') ? pdfToText(bytes) : Buffer.from(bytes).toString('utf8'));
    }
  });

  it('the organizer\'s audit view shows the address, and only to the organizer', async () => {
    const url = `${server.url}/api/ceremonies/${server.ceremonyId}/audit`;
    expect((await fetch(url)).status).toBe(401);
    const body = (await (await fetch(url, { headers: { authorization: `Bearer ${server.organizerToken}` } })).json()) as {
      signatures: OrganizerEvidence[];
    };
    const k001 = body.signatures.filter((s) => s.agreementId === 'K-001');
    expect(k001.map((s) => s.partyId).sort()).toEqual(['pma-01', 'umkm-001']);
    for (const s of k001) {
      expect(s.ipAddress).toBe('127.0.0.1');
      // The correlation value is keyed: not the hash anyone could compute from a guess.
      expect(s.ipHmac).toMatch(/^[0-9a-f]{64}$/);
      expect(FORBIDDEN).not.toContain(s.ipHmac);
    }
    // One room, one address: equal HMACs let the organizer correlate without the address.
    expect(new Set(k001.map((s) => s.ipHmac)).size).toBe(1);
  });
});
