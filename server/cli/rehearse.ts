// npm run rehearse -- --url http://localhost:3000[,http://localhost:3002,…] --ceremony demo-2021-01-18 [--token T]
//   [--wave-size 25] [--concurrency 8] [--pace-ms 0] [--drawn-ratio 0.5] [--timeout-s 900] [--no-close]
import { formatRupiah } from '../../shared/format/rupiah';
import { numberFlag, parseArgs } from './args';
import { runRehearsal } from './rehearsal';

async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  // A cluster: every node's URL, comma-separated; rooms are spread over them and fail over.
  const urls = String(flags.url ?? 'http://localhost:3000').split(',').map((u) => u.trim().replace(/\/+$/, '')).filter(Boolean);
  const url = urls[0];
  const token = typeof flags.token === 'string' ? flags.token : process.env.ORGANIZER_TOKEN;
  if (!token) throw new Error('kredensial panitia diperlukan: --token atau ORGANIZER_TOKEN / organizer credential required');
  let ceremonyId = typeof flags.ceremony === 'string' ? flags.ceremony : undefined;
  if (!ceremonyId) {
    const list = (await (await fetch(`${url}/api/ceremonies`)).json()) as { ceremonies: Array<{ id: string }> };
    ceremonyId = list.ceremonies.at(-1)?.id;
    if (!ceremonyId) throw new Error('tidak ada upacara / no ceremony on the server');
  }
  console.log(`Gladi bersih / dress rehearsal: ${ceremonyId} @ ${url}`);
  const summary = await runRehearsal({
    url,
    urls,
    ceremonyId,
    token,
    waveSize: Math.max(1, numberFlag(flags, 'wave-size', 25)),
    concurrency: Math.max(1, numberFlag(flags, 'concurrency', 8)),
    paceMs: numberFlag(flags, 'pace-ms', 0),
    drawnRatio: Math.min(1, numberFlag(flags, 'drawn-ratio', 0.5)),
    timeoutMs: numberFlag(flags, 'timeout-s', 900) * 1000,
    close: flags['no-close'] !== true,
    log: (line) => console.log(line),
  });
  const tally = (await (await fetch(`${url}/api/ceremonies/${ceremonyId}/tally`)).json()) as { valueSignedIdr: number };
  console.log('\nRingkasan / summary');
  console.log(`  perjanjian ditandatangani / agreements signed: ${summary.agreementsSigned}/${summary.agreementsTotal}`);
  console.log(`  perjanjian distempel / agreements stamped:    ${summary.agreementsStamped}/${summary.agreementsTotal}`);
  console.log(`  nilai / value signed: ${formatRupiah(tally.valueSignedIdr)}`);
  console.log(`  tanda tangan dikirim / signatures sent: ${summary.signaturesSent} (duplikat ${summary.duplicates}, ditolak ${summary.refused})`);
  console.log(`  waktu / elapsed: ${(summary.elapsedMs / 1000).toFixed(1)} s; panggilan pertama → stempel terakhir / first call → last stamp: ${(summary.callToLastStampMs / 1000).toFixed(1)} s`);
  console.log(summary.ok ? 'BERHASIL / OK' : 'GAGAL / FAILED: not every agreement is signed and stamped');
  process.exit(summary.ok ? 0 : 1);
}

main().catch((error) => {
  console.error(`Gladi gagal / rehearsal failed: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
});
