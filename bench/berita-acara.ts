// Berita Acara build time for a demo-sized ceremony (196 agreements, 16 rooms' worth of table):
// the minutes as built at close (sealed), and with the officials' three stamps before the seal.
// Raw baseline in the same run: the same minutes rendered unsealed. Prints figures; asserts nothing.
// Run: npx tsx bench/berita-acara.ts [runs=5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateSealIdentity } from '../server/documents/certificates';
import { createFontLibrary } from '../server/documents/fonts';
import { createSealer } from '../server/documents/seal';
import { renderBeritaAcara, type BeritaAcaraInput } from '../server/record';
import { beritaAcaraInput, signaturePng } from '../tests/unit/documents/fixtures';

const runs = Number(process.argv[2] ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(label: string, make: () => Promise<Uint8Array>): Promise<void> {
  await make(); // warm-up: fonts parsed, code compiled
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    bytes = (await make()).byteLength;
    ms.push(performance.now() - t);
  }
  console.log(`${label.padEnd(52)} ${median(ms).toFixed(0).padStart(6)} ms median of ${runs}  (${(bytes / 1024).toFixed(0)} KB)`);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'saksi-bench-ba-'));
  try {
    const fonts = createFontLibrary();
    const sealer = createSealer(await loadOrCreateSealIdentity({ dataDir: dir }));
    const input = beritaAcaraInput(196);
    const signed: BeritaAcaraInput = {
      ...input,
      officialSignatures: [
        { official: 0, signedAt: '2021-01-18T05:40:00.000Z', image: signaturePng() },
        { official: 1, signedAt: '2021-01-18T05:42:00.000Z', typedText: 'Kepala BKPM' },
        { official: 2, signedAt: '2021-01-18T05:45:00.000Z', image: signaturePng() },
      ],
    };
    await time('baseline: minutes, 196 agreements, unsealed', () => renderBeritaAcara(input, { fonts }));
    await time('minutes, 196 agreements, sealed (as at close)', () => renderBeritaAcara(input, { fonts, sealer }));
    await time('minutes + 3 officials\' stamps, sealed once', () => renderBeritaAcara(signed, { fonts, sealer }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
