// The officials named in the roster sign the Berita Acara live, through real Socket.IO clients:
// the record is held after the close until they have signed (each from the room the roster seats
// them in), then sealed once with their stamps (pdfsig, pdftotext); others are refused, ids like
// `toString` included. The organizer can instead finish it without them, with a reason that the
// document prints. Both survive a restart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TRoster } from '../../shared/protocol/schemas';
import type { CeremonyLinks } from '../../shared/protocol/views';
import { pdfSig, pdfToText } from '../support/pdf-tools';
import { connect, must, request, signaturePngDataUrl, waitFor, type Connected } from '../support/ceremony-driver';
import { startTestServer, tokenFromLink, TEST_ORGANIZER_TOKEN, type TestServer } from '../support/test-server';
import { tinyRoster } from '../support/tiny-roster';
import { download, runTinyCeremony, type RunCeremony } from './record-run-ceremony';

const OFFICIALS: NonNullable<TRoster['officials']> = [
  // No room: signs from the stage room (istana).
  { id: 'mensesneg', name: 'Pratikno', title: 'Menteri Sekretaris Negara', institution: 'Kementerian Sekretariat Negara' },
  { id: 'kepala-bkpm', name: 'Bahlil Lahadalia', title: 'Kepala BKPM', institution: 'Badan Koordinasi Penanaman Modal', room: 'pandeglang' },
];

const withOfficials = (id: string): TRoster => ({ ...tinyRoster(id), officials: OFFICIALS });
const pdfImageCount = (bytes: Uint8Array): number => {
  const dir = mkdtempSync(join(tmpdir(), 'saksi-ba-'));
  try {
    writeFileSync(join(dir, 'ba.pdf'), bytes);
    // `pdfimages -list` prints two header lines, then one line per image.
    return execFileSync('pdfimages', ['-list', join(dir, 'ba.pdf')], { encoding: 'utf8' }).trim().split('\n').length - 2;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
const squash = (text: string) => text.replace(/\s+/g, ' ');

let server: TestServer;
let run: RunCeremony;
const extra: Connected[] = [];

beforeAll(async () => {
  server = await startTestServer({ roster: withOfficials('uji-pejabat') });
});

afterAll(async () => {
  run?.close();
  for (const c of extra) c.socket.close();
  await server?.close();
  rmSync(server.dataDir, { recursive: true, force: true });
});

const recordUrl = (ceremonyId: string, name: string) => `${server.url}/api/ceremonies/${ceremonyId}/${name}`;
const refusal = async (c: Connected, event: 'beritaAcara:sign' | 'beritaAcara:finishWithoutOfficials', payload: unknown) => {
  const r = await request(c.socket, event as 'beritaAcara:sign', payload as never);
  return r.ok ? 'accepted' : r.error.code;
};

describe('officials sign the Berita Acara', () => {
  it('holds the record after the close until every official has signed, then seals it with their stamps', async () => {
    run = await runTinyCeremony(server, ['K-001']);
    const istana = run.rooms.get('istana')!;
    const pandeglang = run.rooms.get('pandeglang')!;
    const typed = { kind: 'typed' as const, text: 'Bahlil Lahadalia' };
    // Before the close nobody signs the minutes.
    expect(await refusal(istana, 'beritaAcara:sign', { officialId: 'mensesneg', signature: typed })).toBe('INVALID_PHASE');
    await must(run.organizer.socket, 'ceremony:close', {});
    expect(run.organizer.snapshot.ceremony.officials?.map((o) => [o.id, o.room])).toEqual([
      ['mensesneg', 'istana'],
      ['kepala-bkpm', 'pandeglang'],
    ]);

    // Waiting: the record is not built, and says why.
    const waiting = await fetch(recordUrl('uji-pejabat', 'berita-acara.pdf'));
    expect(waiting.status).toBe(409);
    expect(JSON.stringify(await waiting.json())).toContain('waiting for the officials');

    // Only the official's own room signs for them; unknown and prototype-named ids are unknown.
    const observer = await connect(server.url, 'uji-pejabat');
    extra.push(observer);
    expect(await refusal(pandeglang, 'beritaAcara:sign', { officialId: 'mensesneg', signature: typed })).toBe('OFFICIAL_WRONG_ROOM');
    expect(await refusal(run.rooms.get('makassar')!, 'beritaAcara:sign', { officialId: 'kepala-bkpm', signature: typed })).toBe('OFFICIAL_WRONG_ROOM');
    expect(await refusal(run.organizer, 'beritaAcara:sign', { officialId: 'mensesneg', signature: typed })).toBe('FORBIDDEN');
    expect(await refusal(observer, 'beritaAcara:sign', { officialId: 'mensesneg', signature: typed })).toBe('FORBIDDEN');
    for (const officialId of ['toString', 'constructor', 'hasOwnProperty', 'pejabat-1']) {
      expect(await refusal(istana, 'beritaAcara:sign', { officialId, signature: typed })).toBe('OFFICIAL_NOT_FOUND');
    }
    expect(await refusal(istana, 'beritaAcara:sign', { officialId: '__proto__', signature: typed })).toBe('INVALID_PAYLOAD');
    expect(await refusal(istana, 'beritaAcara:sign', { officialId: 'mensesneg', signature: { kind: 'typed', text: '\u200b\u200b' } })).toBe('SIGNATURE_NOT_VISIBLE');
    expect(await refusal(istana, 'beritaAcara:finishWithoutOfficials', { reason: 'Menteri berhalangan hadir' })).toBe('FORBIDDEN');

    // The organizer sees each signature as it lands.
    const firstSigned = waitFor(run.organizer.socket, 'beritaAcara:updated', (s) => s.signatures.length === 1);
    const drawn = await must(istana.socket, 'beritaAcara:sign', { officialId: 'mensesneg', signature: { kind: 'drawn', dataUrl: signaturePngDataUrl(7) } });
    expect(drawn.signatures).toMatchObject([{ officialId: 'mensesneg', kind: 'drawn', roomId: 'istana', timezone: 'WIB' }]);
    await firstSigned;
    // Idempotent: signing again changes nothing.
    const again = await must(istana.socket, 'beritaAcara:sign', { officialId: 'mensesneg', signature: typed });
    expect(again.signatures).toHaveLength(1);
    expect((await fetch(recordUrl('uji-pejabat', 'berita-acara.pdf'))).status).toBe(409);

    await must(pandeglang.socket, 'beritaAcara:sign', { officialId: 'kepala-bkpm', signature: typed });
    const ba = await download(recordUrl('uji-pejabat', 'berita-acara.pdf'));
    expect(ba.status).toBe(200);
    const sig = pdfSig(ba.bytes);
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig.match(/Signature #\d/g)).toHaveLength(1);
    const text = squash(pdfToText(ba.bytes));
    for (const expected of ['Pratikno', 'Bahlil Lahadalia', 'Menteri Sekretaris Negara', 'Kepala BKPM']) expect(text).toContain(expected);
    // One stamp per official in each language, with the local time in the stage's zone.
    expect(text.match(/Ditandatangani secara elektronik/g)).toHaveLength(2);
    expect(text).toMatch(/Ditandatangani secara elektronik \d{1,2} \S+ \d{4} \d{2}\.\d{2} WIB/);
    // The drawn signature is in the file as an image (the typed one is text, checked above).
    expect(pdfImageCount(ba.bytes)).toBeGreaterThan(0);
    expect(text.match(/Signed electronically/g)).toHaveLength(2);
    expect(text).not.toContain('Tidak ditandatangani');
    expect(text).not.toContain('tanpa tanda tangan elektronik');

    // Audited, and refused once complete.
    const audit = (await (await fetch(recordUrl('uji-pejabat', 'audit'), { headers: { authorization: `Bearer ${TEST_ORGANIZER_TOKEN}` } })).json()) as {
      report: { ok: boolean };
      events: { type: string }[];
    };
    expect(audit.report.ok).toBe(true);
    expect(audit.events.filter((e) => e.type === 'beritaAcara.officialSigned')).toHaveLength(2);
    expect(await refusal(run.organizer, 'beritaAcara:finishWithoutOfficials', { reason: 'Sudah lengkap' })).toBe('BERITA_ACARA_COMPLETE');
  });

  it('lets the organizer finish without the missing officials, with a reason the document prints; kept across a restart', async () => {
    const roster = withOfficials('uji-pejabat-2');
    const res = await fetch(`${server.url}/api/ceremonies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ORGANIZER_TOKEN}` },
      body: JSON.stringify(roster),
    });
    expect(res.status).toBe(201);
    const links = ((await res.json()) as { links: CeremonyLinks }).links;
    const organizer = await connect(server.url, 'uji-pejabat-2', TEST_ORGANIZER_TOKEN);
    const istana = await connect(server.url, 'uji-pejabat-2', tokenFromLink(links.rooms.find((r) => r.roomId === 'istana')!.url));
    extra.push(organizer, istana);
    expect(await refusal(organizer, 'beritaAcara:finishWithoutOfficials', { reason: 'Terlalu dini' })).toBe('INVALID_PHASE');
    for (const step of ['ceremony:openLobby', 'ceremony:startSigning', 'ceremony:close'] as const) await must(organizer.socket, step, {});

    await must(istana.socket, 'beritaAcara:sign', { officialId: 'mensesneg', signature: { kind: 'typed', text: 'Pratikno' } });
    expect(await refusal(organizer, 'beritaAcara:finishWithoutOfficials', { reason: ' ' })).toBe('INVALID_PAYLOAD');
    const finished = await must(organizer.socket, 'beritaAcara:finishWithoutOfficials', { reason: 'Kepala BKPM berhalangan hadir' });
    expect(finished.finishedWithoutOfficials).toMatchObject({ reason: 'Kepala BKPM berhalangan hadir', unsigned: ['kepala-bkpm'] });
    expect(await refusal(organizer, 'beritaAcara:finishWithoutOfficials', { reason: 'Sekali lagi' })).toBe('BERITA_ACARA_COMPLETE');

    const ba = await download(recordUrl('uji-pejabat-2', 'berita-acara.pdf'));
    expect(ba.status).toBe(200);
    expect(pdfSig(ba.bytes)).toContain('Signature Validation: Signature is Valid.');
    const text = squash(pdfToText(ba.bytes));
    expect(text).toContain('tanpa tanda tangan elektronik dari: Bahlil Lahadalia, Kepala BKPM. Alasan: Kepala BKPM berhalangan hadir');
    expect(text).toContain('without the electronic signatures of: Bahlil Lahadalia, Kepala BKPM. Reason: Kepala BKPM berhalangan hadir');
    expect(text.match(/Ditandatangani secara elektronik/g)).toHaveLength(1);
    expect(text).toContain('Tidak ditandatangani');
    expect(pdfImageCount(ba.bytes)).toBe(0);

    // Too late for the missing official.
    const pandeglang = await connect(server.url, 'uji-pejabat-2', tokenFromLink(links.rooms.find((r) => r.roomId === 'pandeglang')!.url));
    extra.push(pandeglang);
    expect(await refusal(pandeglang, 'beritaAcara:sign', { officialId: 'kepala-bkpm', signature: { kind: 'typed', text: 'Bahlil' } })).toBe('BERITA_ACARA_COMPLETE');

    // Folded back from the audit chain after a restart.
    for (const c of extra) c.socket.close();
    extra.length = 0;
    run?.close();
    const dataDir = server.dataDir;
    await server.stop();
    server = await startTestServer({ dataDir, roster: null });
    const again = await connect(server.url, 'uji-pejabat-2', TEST_ORGANIZER_TOKEN);
    extra.push(again);
    expect(again.snapshot.ceremony.beritaAcara).toEqual(finished);
    const first = await connect(server.url, 'uji-pejabat', TEST_ORGANIZER_TOKEN);
    extra.push(first);
    expect(first.snapshot.ceremony.beritaAcara?.signatures.map((s) => [s.officialId, s.kind])).toEqual([
      ['mensesneg', 'drawn'],
      ['kepala-bkpm', 'typed'],
    ]);
  });
});
