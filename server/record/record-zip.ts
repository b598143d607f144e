// The ceremony record: every sealed agreement (and the Berita Acara) with a manifest in CSV and
// JSON giving each file's SHA-256, so the archive can be checked without the platform.
import JSZip from 'jszip';
import type { PartyKind, TimeZoneName } from '../../shared/domain/types';
import { sha256Hex as sha256 } from '../security/sha256';

export interface RecordFile {
  name: string;
  bytes: Uint8Array;
}

export interface ManifestSignature {
  party: string;
  signer: string;
  signedAt: string;
  timezone: TimeZoneName;
}

export interface ManifestRow {
  agreementId: string;
  title: string;
  /** Name of the sealed PDF in `files`. */
  fileName: string;
  parties: { name: string; kind: PartyKind; province: string }[];
  valueIdr: number;
  signatures: ManifestSignature[];
}

/** A signed agreement whose sealed document is not in the archive, and why. */
export interface OmittedAgreement {
  agreementId: string;
  title: string;
  status: 'stamp-failed' | 'integrity-failed' | 'awaiting-stamp';
  reason: string;
}

export interface RecordZipInput {
  files: RecordFile[];
  manifest: ManifestRow[];
  /** Listed in manifest.json so the archive and the Berita Acara account for the same agreements. */
  omitted?: OmittedAgreement[];
  /**
   * Date written on every entry (e.g. the ceremony's close), so the ZIP is reproducible. Defaults
   * to the latest signing time in the manifest, never the clock.
   */
  date?: Date;
  /** The audit chain's head when the record was made, written into manifest.json. */
  auditHead?: { n: number; hash: string };
}

export interface ManifestEntry extends ManifestRow {
  sha256: string;
  bytes: number;
}


export function buildManifest(input: Pick<RecordZipInput, 'files' | 'manifest'>): ManifestEntry[] {
  const byName = new Map(input.files.map((f) => [f.name, f]));
  return input.manifest.map((row) => {
    const file = byName.get(row.fileName);
    if (!file) throw new Error(`buildRecordZip: manifest row ${row.agreementId} names missing file ${row.fileName}`);
    return { ...row, sha256: sha256(file.bytes), bytes: file.bytes.length };
  });
}

/** RFC 4180 quoting; a leading =,+,-,@ is prefixed so spreadsheets do not run it as a formula. */
function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function manifestCsv(entries: ManifestEntry[]): string {
  const header = ['agreement_id', 'title', 'file', 'sha256', 'bytes', 'value_idr', 'parties', 'signatures'];
  const lines = entries.map((e) => [
    e.agreementId, e.title, e.fileName, e.sha256, e.bytes, e.valueIdr,
    e.parties.map((p) => `${p.name} (${p.kind}, ${p.province})`).join(' | '),
    e.signatures.map((s) => `${s.party}: ${s.signer} @ ${s.signedAt} ${s.timezone}`).join(' | '),
  ].map(csvCell).join(','));
  // A BOM so spreadsheet programs read the UTF-8 names (金, Ẓ) correctly.
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

export async function buildRecordZip(input: RecordZipInput): Promise<Uint8Array> {
  const entries = buildManifest(input);
  const date = input.date ?? latestSigning(input.manifest);
  const zip = new JSZip();
  // PDF streams are already Flate-compressed, so they are stored; the manifests are deflated.
  const stored = { date, createFolders: false, compression: 'STORE' as const };
  const options = { date, createFolders: false, compression: 'DEFLATE' as const };
  for (const file of [...input.files].sort((a, b) => a.name.localeCompare(b.name))) zip.file(file.name, file.bytes, stored);
  const files = input.files.map((f) => ({ name: f.name, sha256: sha256(f.bytes), bytes: f.bytes.length })).sort((a, b) => a.name.localeCompare(b.name));
  const omitted = input.omitted?.length ? { omitted: input.omitted } : {};
  zip.file('manifest.json', JSON.stringify({ generatedAt: date.toISOString(), ...(input.auditHead ? { auditHead: input.auditHead } : {}), agreements: entries, ...omitted, files }, null, 2), options);
  zip.file('manifest.csv', manifestCsv(entries), options);
  return zip.generateAsync({ type: 'uint8array', compressionOptions: { level: 6 } });
}

/** ZIP (DOS) dates cannot go below 1980, the fallback when nothing was signed. */
function latestSigning(rows: ManifestRow[]): Date {
  const latest = rows.flatMap((r) => r.signatures.map((s) => s.signedAt)).sort().at(-1);
  return new Date(latest ?? '1980-01-01T00:00:00.000Z');
}
