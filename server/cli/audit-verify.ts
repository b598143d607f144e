// npm run audit:verify -- [--ceremony <id>] [--data-dir <dir>] [--json]
// Walks the hash chain of every ceremony (or one) in DATA_DIR/saksi.db, opened read-only so it
// can run beside a live server, and prints OK or the first broken link. Exit code 0 only if every
// chain holds; 1 if one is broken; 2 if the database or the ceremony cannot be found.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readAuditHead, readAuditRows } from '../persistence/audit-rows';
import { checkAudit, describeChainReport, type AuditSource } from '../ceremony/record-audit';

type Row = Record<string, any>;

interface ReadOnlyAudit extends AuditSource {
  ceremonyIds(): string[];
  close(): void;
}

function openReadOnly(file: string): ReadOnlyAudit {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  return {
    // Ceremonies that have a row or any audit event: events left behind by a deleted ceremony row
    // are checked too (their head is then missing, which the walk reports).
    ceremonyIds: () =>
      (db.prepare('SELECT id FROM ceremonies UNION SELECT DISTINCT ceremony_id FROM audit_events ORDER BY 1').all() as Row[]).map(
        (r) => r.id as string,
      ),
    listAudit: (ceremonyId) => readAuditRows(db, ceremonyId),
    auditHead: (ceremonyId) => readAuditHead(db, ceremonyId),
    close: () => db.close(),
  };
}

export function runAuditVerify(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): number {
  const { values } = parseArgs({
    args: argv,
    options: { ceremony: { type: 'string' }, 'data-dir': { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const dataDir = resolve(values['data-dir'] ?? env.DATA_DIR ?? './data');
  const file = join(dataDir, 'saksi.db');
  if (!existsSync(file)) {
    out(`Basis data tidak ditemukan / database not found: ${file}`);
    return 2;
  }
  const source = openReadOnly(file);
  try {
    const ids = values.ceremony ? [values.ceremony] : source.ceremonyIds();
    if (values.ceremony && !source.ceremonyIds().includes(values.ceremony)) {
      out(`Upacara tidak ditemukan / ceremony not found: ${values.ceremony}`);
      return 2;
    }
    const reports = ids.map((id) => checkAudit(source, id).report);
    if (values.json) out(JSON.stringify({ ok: reports.every((r) => r.ok), ceremonies: reports }, null, 2));
    else {
      for (const report of reports) out(describeChainReport(report));
      if (reports.length === 0) out('Tidak ada upacara / no ceremonies.');
    }
    return reports.every((r) => r.ok) ? 0 : 1;
  } finally {
    source.close();
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (isMain) {
  try {
    process.exitCode = runAuditVerify(process.argv.slice(2), process.env, (line) => console.log(line));
  } catch (error) {
    console.error(`audit:verify: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
