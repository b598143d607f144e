// npm run import -- <roster.json | rooms.csv parties.csv agreements.csv>
//   [--title "…"] [--starts-at 2021-01-18T09:00:00+07:00] [--id ceremony-id]
//   [--contact-name "…" --contact-phone "…" --contact-email "…"]   (CSV: the organizers' help line)
//   [--url http://localhost:3000 --token T]   (import through a running server instead of DATA_DIR)
// Without --url the roster is imported straight into the database in DATA_DIR (default ./data),
// or into the cluster's PostgreSQL when DATABASE_URL (and SECRETS_KEY) are set.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config';
import { importValidated } from '../ceremony/import-ceremony';
import { loadOrCreateSealIdentity } from '../documents/certificates';
import { createDocumentService } from '../documents/document-service';
import { createSealer } from '../documents/seal';
import { DATABASE_FILE, openStore } from '../persistence/open-store';
import { openClusterParts } from '../cluster/cluster-start';
import { prepareDataDir, tightenDataDir } from '../security/data-dir';
import { readCsvRosterFiles } from '../roster/read-csv-roster-files';
import { formatRosterProblem, type RosterResult } from '../roster/roster-problem';
import { validateRoster } from '../roster/validate-roster';
import { parseArgs } from './args';

const DEFAULT_TITLE = 'Penandatanganan Kemitraan PMA/PMDN dengan UMKM';

async function readRoster(files: string[], flags: Record<string, string | true>): Promise<RosterResult> {
  if (files.length === 1 && files[0].toLowerCase().endsWith('.json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(files[0], 'utf8'));
    } catch (error) {
      return { ok: false, problems: [{ path: files[0], message: `bukan JSON yang valid: ${(error as Error).message}`, messageEn: 'not valid JSON' }] };
    }
    if (typeof flags.id === 'string' && parsed && typeof parsed === 'object') (parsed as Record<string, unknown>).id = flags.id;
    return validateRoster(parsed);
  }
  // Three CSV files, or four with the officials who sign the Berita Acara.
  if ((files.length === 3 || files.length === 4) && files.every((f) => f.toLowerCase().endsWith('.csv'))) {
    const text = (name: string) => (typeof flags[name] === 'string' ? (flags[name] as string) : undefined);
    const contact = { name: text('contact-name'), phone: text('contact-phone'), email: text('contact-email') };
    return readCsvRosterFiles(files, {
      title: text('title') ?? DEFAULT_TITLE,
      startsAt: text('starts-at') ?? new Date().toISOString(),
      ...(typeof flags.id === 'string' ? { id: flags.id } : {}),
      // Only the flags given: a half-given contact is then reported by the schema, not dropped.
      ...(Object.values(contact).some((v) => v !== undefined)
        ? { contact: Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined)) }
        : {}),
    });
  }
  throw new Error('berikan satu berkas .json atau tiga (empat) berkas .csv / give one .json file or three (four) .csv files');
}

async function main() {
  const { flags, positional } = parseArgs(process.argv.slice(2));
  const roster = await readRoster(positional, flags);
  if (!roster.ok) {
    console.error(`Daftar peserta ditolak / roster refused (${roster.problems.length} masalah / problems):`);
    for (const p of roster.problems) console.error(`  - ${formatRosterProblem(p)}${p.messageEn ? ` (${p.messageEn})` : ''}`);
    process.exit(1);
  }
  if (typeof flags.url === 'string') {
    const token = typeof flags.token === 'string' ? flags.token : process.env.ORGANIZER_TOKEN;
    const res = await fetch(`${flags.url.replace(/\/+$/, '')}/api/ceremonies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
      body: JSON.stringify(roster.roster),
    });
    const body = (await res.json()) as { id?: string; error?: { code: string; message: string; details?: string[] } };
    if (!res.ok) {
      console.error(`Impor ditolak / import refused: ${body.error?.code} ${body.error?.message}`);
      for (const d of body.error?.details ?? []) console.error(`  - ${d}`);
      process.exit(1);
    }
    console.log(`Upacara diimpor / ceremony imported: ${body.id}`);
    return;
  }
  const config = parseConfig(process.env);
  // Cluster mode (DATABASE_URL): straight into PostgreSQL, with the cluster's shared seal.
  const cluster = config.cluster
    ? await openClusterParts({ ...config.cluster, redisUrl: undefined }, { ...config, log: (m, e) => console.error(m, e ?? '') })
    : undefined;
  if (!cluster) prepareDataDir(config.dataDir, join(config.dataDir, DATABASE_FILE), (m) => console.warn(m));
  const store = cluster?.store ?? openStore(config.dataDir);
  try {
    const seal = cluster?.seal ?? (await loadOrCreateSealIdentity({ dataDir: config.dataDir, p12Path: config.sealP12Path, p12Passphrase: config.sealP12Passphrase }));
    if (!cluster) tightenDataDir(config.dataDir);
    const documents = createDocumentService({ sealer: createSealer(seal) });
    const result = await importValidated({ store, documents, now: () => new Date().toISOString() }, roster);
    if (!result.ok) {
      console.error(`Impor ditolak / import refused: ${result.error.code} ${result.error.message}`);
      process.exit(1);
    }
    const c = result.value;
    console.log(`Upacara diimpor / ceremony imported: ${c.id} — ${c.rooms.length} ruang, ${c.parties.length} pihak, ${c.agreements.length} perjanjian`);
    console.log(`Tautan / links: GET /api/ceremonies/${c.id}/links (Authorization: Bearer <credential>)`);
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  console.error(`Impor gagal / import failed: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
});
