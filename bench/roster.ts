// Prints how long roster work takes: building the demo, validating it, the CSV round trip, and
// validating a roster at the schema's size limits (10 000 parties and agreements); then importing
// the demo and the generated 1,000-agreement roster, originals rendered (bench/roster-import.ts).
// Run: npx tsx bench/roster.ts [--runs 3] [--root DIR]
import { performance } from 'node:perf_hooks';
import { buildDemoRoster } from '../server/seed/demo-roster';
import { validateRoster } from '../server/roster/validate-roster';
import { formatCsvRoster } from '../server/roster/format-csv-roster';
import { parseCsvRoster } from '../server/roster/parse-csv-roster';
import type { TRoster } from '../shared/protocol/schemas';
import { numberFlag, parseArgs } from '../server/cli/args';
import { printRosterImport } from './roster-import';

function time<T>(label: string, runs: number, work: () => T): T {
  let result = work(); // warm-up
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = work();
  const ms = (performance.now() - start) / runs;
  console.log(`${label.padEnd(44)} ${ms.toFixed(2).padStart(9)} ms`);
  return result;
}

function largeRoster(): TRoster {
  const rooms = Array.from({ length: 100 }, (_, i) => ({
    id: `R-${i}`,
    name: `Ruang Rapat ${i}`,
    province: 'Jawa Barat',
    regency: 'Kota Bandung',
    timezone: 'WIB' as const,
  }));
  const party = (id: string, kind: 'PMA' | 'PMDN' | 'UMKM', i: number) => ({
    id,
    kind,
    name: `${kind === 'UMKM' ? 'UD' : 'PT'} Usaha ${i}`,
    sector: 'Kopi',
    province: 'Jawa Barat',
    room: `R-${i % 100}`,
    representative: { name: `Wakil ${i}`, title: 'Direktur' },
  });
  const companies = Array.from({ length: 200 }, (_, i) => party(`C-${i}`, i % 2 ? 'PMA' : 'PMDN', i));
  const umkm = Array.from({ length: 9800 }, (_, i) => party(`U-${i}`, 'UMKM', i));
  const agreements = umkm.map((u, i) => ({ id: `K-${i}`, title: `Perjanjian ${i}`, parties: [`C-${i % 200}`, u.id], valueIdr: 1_000_000_000 }));
  return { title: 'Besar', startsAt: '2021-01-18T09:00:00+07:00', rooms, parties: [...companies, ...umkm], agreements };
}

const demo = time('buildDemoRoster (252 parties, 196 agreements)', 20, buildDemoRoster);
time('validateRoster(demo)', 20, () => validateRoster(demo));
const texts = time('formatCsvRoster(demo)', 20, () => formatCsvRoster(demo));
const bytes = Buffer.byteLength(texts.rooms + texts.parties + texts.agreements);
time(`parseCsvRoster(demo, ${(bytes / 1024).toFixed(0)} KiB)`, 20, () =>
  parseCsvRoster(texts, { title: demo.title, startsAt: demo.startsAt }),
);
const large = largeRoster();
const checked = time('validateRoster(10 000 parties, 9 800 agreements)', 5, () => validateRoster(large));
if (!checked.ok) throw new Error('the large bench roster should be valid');
const largeTexts = formatCsvRoster(large);
const largeBytes = Buffer.byteLength(largeTexts.rooms + largeTexts.parties + largeTexts.agreements);
const imported = time(`parseCsvRoster(large, ${(largeBytes / 1024).toFixed(0)} KiB)`, 5, () =>
  parseCsvRoster(largeTexts, { title: large.title, startsAt: large.startsAt }),
);
if (!imported.ok) throw new Error('the large bench roster should import');
console.log(`heap used ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1)} MiB`);

const { flags } = parseArgs(process.argv.slice(2));
await printRosterImport({ runs: numberFlag(flags, 'runs', 3), otherRoot: typeof flags.root === 'string' ? flags.root : undefined });
