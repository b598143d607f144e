// npm run audit:verify -- [--ceremony <id>] [--data-dir <dir>] [--json]   (DATABASE_URL set: the cluster's PostgreSQL)
// Walks the hash chain of every ceremony (or one) in DATA_DIR/saksi.db, opened read-only so it
// can run beside a live server, and prints OK or the first broken link. Exit code 0 only if every
// chain holds; 1 if one is broken; 2 if the database or the ceremony cannot be found.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkAudit, describeChainReport } from '../ceremony/record-audit';
import type { ChainReport } from '../persistence/audit-chain';
import { DATABASE_FILE, openAuditStore, type AuditReader } from '../persistence/open-store';
import { openPostgresStore } from '../persistence/postgres/postgres-store';
import type { CeremonyStore } from '../persistence/store-contract';

function postgresAuditReader(store: CeremonyStore): AuditReader {
  return {
    auditedCeremonyIds: async () => (await store.listCeremonies()).map((c) => c.id),
    listAudit: (id) => store.listAudit(id),
    auditHead: (id) => store.auditHead(id),
    close: () => store.close(),
  };
}

export async function runAuditVerify(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ceremony: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const dataDir = resolve(values['data-dir'] ?? env.DATA_DIR ?? './data');
  const file = join(dataDir, DATABASE_FILE);
  if (!env.DATABASE_URL && !existsSync(file)) {
    out(`Basis data tidak ditemukan / database not found: ${file}`);
    return 2;
  }
  // Cluster mode: the chains in PostgreSQL (every ceremony the store holds).
  const source: AuditReader = env.DATABASE_URL ? postgresAuditReader(await openPostgresStore(env.DATABASE_URL)) : openAuditStore(dataDir);
  try {
    const known = await source.auditedCeremonyIds();
    const ids = values.ceremony ? [values.ceremony] : known;
    if (values.ceremony && !known.includes(values.ceremony)) {
      out(`Upacara tidak ditemukan / ceremony not found: ${values.ceremony}`);
      return 2;
    }
    const reports: ChainReport[] = [];
    for (const id of ids) reports.push((await checkAudit(source, id)).report);
    if (values.json) out(JSON.stringify({ ok: reports.every((r) => r.ok), ceremonies: reports }, null, 2));
    else {
      for (const report of reports) out(describeChainReport(report));
      if (reports.length === 0) out('Tidak ada upacara / no ceremonies.');
    }
    return reports.every((r) => r.ok) ? 0 : 1;
  } finally {
    await source.close();
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  runAuditVerify(process.argv.slice(2), process.env, (line) => console.log(line)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(`audit:verify: ${(error as Error).message}`);
      process.exitCode = 2;
    },
  );
}
