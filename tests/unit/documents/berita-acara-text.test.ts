// Issue 9: the Berita Acara states the days the signing actually took place (from the recorded
// signatures, in the ceremony's zone), names the schedule only as such when it differs, and
// numbers every page with the real count. Checked with pdftotext.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFontLibrary, type FontLibrary } from '../../../server/documents/fonts';
import { renderBeritaAcara } from '../../../server/record/berita-acara';
import type { BeritaAcaraInput } from '../../../server/record/berita-acara-input';
import { beritaAcaraInput } from './fixtures';
import { createTempDir, pdfToFlatText, pdfToText, type TempDir } from './pdf-tools';

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
