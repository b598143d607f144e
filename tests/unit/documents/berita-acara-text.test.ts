// Issue 9: the Berita Acara states the days the signing actually took place (from the recorded
// signatures, in the ceremony's zone), names the schedule only as such when it differs, and
// numbers every page with the real count. Checked with pdftotext.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFontLibrary, type FontLibrary } from '../../../server/documents/fonts';
import { renderBeritaAcara } from '../../../server/record/berita-acara';
import type { BeritaAcaraInput } from '../../../server/record/berita-acara-input';
import { spawnSync } from 'node:child_process';
import { loadOrCreateSealIdentity, type SealIdentity } from '../../../server/documents/certificates';
import { createSealer } from '../../../server/documents/seal';
import { beritaAcaraInput, signaturePng } from './fixtures';
import { createTempDir, pdfsig, pdfToFlatText, pdfToText, type TempDir } from './pdf-tools';

/** Images drawn in the file, as poppler's pdfimages lists them (not their alpha masks). */
function pdfImageCount(file: string): number {
  const rows = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' }).stdout.trim().split('\n').slice(2);
  return rows.filter((row) => row.trim().split(/\s+/)[2] === 'image').length;
}

/** The fixture's agreements, signed at the given instants instead (scheduled 18 Jan 10.00 WIB). */
function signedAt(times: string[], closedAt: string): BeritaAcaraInput {
  const input = beritaAcaraInput(times.length);
  return {
    ...input,
    ceremony: { ...input.ceremony, closedAt },
    agreements: input.agreements.map((a, i) => ({ ...a, signedAt: times[i] })),
    signatureTimes: times,
  };
}

describe('Berita Acara text', () => {
  let tmp: TempDir;
  let fonts: FontLibrary;
  beforeAll(() => {
    tmp = createTempDir();
    fonts = createFontLibrary();
  });
  afterAll(() => tmp.dispose());

  it('states the actual signing day and hours, and the scheduled date only as the schedule', async () => {
    // Scheduled Monday 18 January 10.00 WIB; signed on Tuesday 19 January 09.05–11.40 WIB.
    const input = signedAt(['2021-01-19T02:05:00.000Z', '2021-01-19T03:00:00.000Z', '2021-01-19T04:40:00.000Z'], '2021-01-19T05:00:00.000Z');
    const flat = pdfToFlatText(tmp.write('late.pdf', await renderBeritaAcara(input, { fonts })));
    expect(flat).toContain('Pada hari ini Selasa, tanggal sembilan belas, bulan Januari, tahun dua ribu dua puluh satu (19-01-2021), pukul 09.05 sampai dengan 11.40 WIB');
    expect(flat).toContain('Upacara ini semula dijadwalkan pada Senin, 18 Januari 2021 pukul 10.00 WIB.');
    expect(flat).toContain('On Tuesday, 19 January 2021, from 09.05 to 11.40 WIB');
    expect(flat).toContain('The ceremony had been scheduled for Monday, 18 January 2021 at 10.00 WIB.');
    expect(flat).toContain('Jakarta, 19 Januari 2021');
    expect(flat).not.toContain('Pada hari ini Senin');
  });

  it('names every day when the signing ran past midnight in the ceremony zone, and no schedule when it matches', async () => {
    // 18 Jan 23.50 WIB to 19 Jan 00.20 WIB.
    const input = signedAt(['2021-01-18T03:00:00.000Z', '2021-01-18T16:50:00.000Z', '2021-01-18T17:20:00.000Z'], '2021-01-18T17:30:00.000Z');
    const flat = pdfToFlatText(tmp.write('midnight.pdf', await renderBeritaAcara(input, { fonts })));
    expect(flat).toContain('Pada hari Senin, 18 Januari 2021 dan Selasa, 19 Januari 2021, mulai 18 Januari 2021 pukul 10.00 WIB sampai dengan 19 Januari 2021 pukul 00.20 WIB');
    expect(flat).toContain('On Monday, 18 January 2021 and Tuesday, 19 January 2021');
    expect(flat).not.toContain('dijadwalkan');
    expect(flat).not.toContain('had been scheduled');
  });

  it('numbers every page "Halaman N dari M" with the real count', async () => {
    const bytes = await renderBeritaAcara(beritaAcaraInput(60), { fonts });
    const pages = pdfToText(tmp.write('pages.pdf', bytes)).split('\f').slice(0, -1);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((text, i) => {
      expect([...text.matchAll(/Halaman (\d+) dari (\d+)/g)].map((m) => `${m[1]}/${m[2]}`), `page ${i + 1}`).toEqual([`${i + 1}/${pages.length}`]);
    });
  });
});

describe('Berita Acara signed by the officials', () => {
  let tmp: TempDir;
  let fonts: FontLibrary;
  let identity: SealIdentity;
  beforeAll(async () => {
    tmp = createTempDir();
    fonts = createFontLibrary();
    identity = await loadOrCreateSealIdentity({ dataDir: tmp.path });
  });
  afterAll(() => tmp.dispose());

  it('carries the officials\' stamps under one valid seal over the whole document', async () => {
    const input: BeritaAcaraInput = {
      ...beritaAcaraInput(4),
      officialSignatures: [
        { official: 0, signedAt: '2021-01-18T05:40:00.000Z', image: signaturePng() },
        { official: 1, signedAt: '2021-01-18T05:42:30.000Z', typedText: 'Kepala BKPM' },
        { official: 2, signedAt: '2021-01-18T05:45:00.000Z', image: signaturePng() },
      ],
    };
    const bytes = await renderBeritaAcara(input, { fonts, sealer: createSealer(identity) });
    const file = tmp.write('officials.pdf', bytes);
    const sig = pdfsig(file);
    expect(sig.match(/Signature #\d+/g)).toEqual(['Signature #1']);
    expect(sig).toContain('Signature is Valid');
    expect(sig).toContain('Total document signed');
    const flat = pdfToFlatText(file);
    for (const time of ['12.40', '12.42', '12.45']) {
      expect(flat).toContain(`Ditandatangani secara elektronik 18 Januari 2021 ${time} WIB`);
      expect(flat).toContain(`Signed electronically 18 Januari 2021 ${time} WIB`);
    }
    expect(flat).not.toContain('tanpa tanda tangan elektronik');
    // The two drawn signatures are images in both the Indonesian and the English block.
    expect(pdfImageCount(file)).toBe(4);
  });

  it('says so when the organizer finished it without an official\'s signature', async () => {
    const input: BeritaAcaraInput = {
      ...beritaAcaraInput(4),
      officialSignatures: [{ official: 0, signedAt: '2021-01-18T05:40:00.000Z', typedText: 'Pratikno' }],
      finishedWithoutOfficials: true,
    };
    const flat = pdfToFlatText(tmp.write('without.pdf', await renderBeritaAcara(input, { fonts })));
    expect(flat).toContain('Berita acara ini diselesaikan oleh panitia tanpa tanda tangan elektronik dari: Kepala BKPM, Kepala Badan; Presiden Republik Indonesia, Presiden.');
    expect(flat).toContain('The organizers completed these minutes without the electronic signatures of: Kepala BKPM, Kepala Badan;');
    expect(flat).toContain('Tidak ditandatangani');
    expect(flat).toContain('Ditandatangani secara elektronik 18 Januari 2021 12.40 WIB');
  });
});
