// The ceremony's record, produced when the organizer closes it: the sealed Berita Acara and a ZIP
// of every sealed agreement with manifests, both kept in storage (record_files). Closing publishes
// `ceremony.closed`; we wait for the stamping queue to drain so the last signatures are in, then
// build. A ceremony closed before a restart is built on first request instead. One build per
// ceremony at a time: concurrent callers share the same promise.
import type { CeremonyService } from './ceremony-service';
import type { StampQueue } from './stamp-queue';
import type { CeremonyStore, StoredSignature } from '../persistence/store';
import type { SealIdentity } from '../documents/certificates';
import { createSealer, type Sealer } from '../documents/seal';
import { createFontLibrary, type FontLibrary } from '../documents/fonts';
import { renderBeritaAcara } from '../record/berita-acara';
import { buildRecordZip, type RecordFile } from '../record/record-zip';
import { checkAudit } from './record-audit';
import { links } from './links';
import { agreementFileName, beritaAcaraInput, closedAtFromAudit, manifestRows, type RecordOfficials } from './record-inputs';
import { sha256Hex as sha256 } from '../security/sha256';

export const RECORD_FILES = { beritaAcara: 'berita-acara.pdf', zip: 'record.zip' } as const;
export type RecordFileName = (typeof RECORD_FILES)[keyof typeof RECORD_FILES];

export interface CeremonyRecordDeps {
  service: CeremonyService;
  store: CeremonyStore;
  stampQueue: Pick<StampQueue, 'whenIdle'>;
  baseUrl: () => string;
  now: () => string;
  log: (message: string, error?: unknown) => void;
  seal: SealIdentity;
  officials?: RecordOfficials;
  fonts?: FontLibrary;
}

export interface BuiltRecord {
  beritaAcara: { sha256: string; bytes: number };
  zip: { sha256: string; bytes: number };
  /** Agreements in the ZIP (those with a sealed document). */
  agreements: number;
  auditHeadHash: string;
  ms: number;
}


export class CeremonyRecord {
  private readonly building = new Map<string, Promise<BuiltRecord | undefined>>();
  /** Ceremonies whose files are known to be stored (saves reading a large ZIP just to check). */
  private readonly built = new Set<string>();
  private readonly unsubscribe: () => void;
  private readonly sealer: Sealer;
  private fonts?: FontLibrary;
  private closed = false;

  constructor(private readonly deps: CeremonyRecordDeps) {
    this.sealer = createSealer(deps.seal);
    this.fonts = deps.fonts;
    this.unsubscribe = deps.service.subscribe(({ ceremonyId, events }) => {
      if (!events.some((e) => e.type === 'ceremony.closed')) return;
      this.ensure(ceremonyId).catch((error) => deps.log(`building the record of ${ceremonyId} failed`, error));
    });
  }

  /** True once both files are stored. */
  isBuilt(ceremonyId: string): boolean {
    if (this.built.has(ceremonyId)) return true;
    const isStored = Object.values(RECORD_FILES).every((name) => !!this.deps.store.getRecordFile(ceremonyId, name));
    if (isStored) this.built.add(ceremonyId);
    return isStored;
  }

  /**
   * Builds the record of a closed ceremony unless it is already stored; resolves to undefined if
   * it was already there (or the ceremony is not closed). Concurrent calls share one build.
   */
  ensure(ceremonyId: string): Promise<BuiltRecord | undefined> {
    const running = this.building.get(ceremonyId);
    if (running) return running;
    if (this.closed || this.isBuilt(ceremonyId)) return Promise.resolve(undefined);
    const job = this.build(ceremonyId).finally(() => this.building.delete(ceremonyId));
    this.building.set(ceremonyId, job);
    return job;
  }

  /** Builds (again) and stores both files. Waits for pending stamps first. */
  async build(ceremonyId: string): Promise<BuiltRecord | undefined> {
    const started = performance.now();
    await this.deps.stampQueue.whenIdle();
    const state = this.deps.service.get(ceremonyId);
    if (!state || state.ceremony.phase !== 'closed' || this.closed) return undefined;
    const { ceremony } = state;
    const { store } = this.deps;

    const audit = checkAudit(store, ceremonyId);
    // A broken chain does not stop the record (the minutes must still be produced), but it is
    // logged loudly; the head printed is the one storage holds, which audit:verify will dispute.
    if (!audit.report.ok) this.deps.log(`audit chain of ${ceremonyId} is broken: ${JSON.stringify(audit.report.brokenAt)}`);
    const auditHead = store.auditHead(ceremonyId);
    const signatures = new Map<string, StoredSignature[]>(
      ceremony.agreements.map((a) => [a.id, store.getSignatures(ceremonyId, a.id)]),
    );
    const sources = {
      ceremony,
      auditRows: audit.rows,
      auditHead,
      signatures,
      verifyUrl: links.verifyRecord(this.deps.baseUrl(), ceremonyId),
      officials: this.deps.officials,
    };

    this.fonts ??= createFontLibrary();
    const beritaAcara = await renderBeritaAcara(beritaAcaraInput(sources), { fonts: this.fonts, sealer: this.sealer });
    if (this.closed) return undefined;
    const beritaAcaraSha = sha256(beritaAcara);

    const files: RecordFile[] = [];
    const sealedIds = new Set<string>();
    for (const a of ceremony.agreements) {
      const doc = store.getDocument(ceremonyId, a.id);
      if (!doc?.final) continue;
      files.push({ name: agreementFileName(a.id), bytes: doc.pdf });
      sealedIds.add(a.id);
    }
    files.push({ name: RECORD_FILES.beritaAcara, bytes: beritaAcara });
    // The whole audit log rides along, so the archive can be checked without the platform.
    files.push({
      name: 'audit-chain.json',
      bytes: new TextEncoder().encode(
        JSON.stringify({ ceremonyId, head: auditHead, chain: audit.report, events: audit.rows }, null, 2),
      ),
    });
    const closedAt = closedAtFromAudit(audit.rows) ?? this.deps.now();
    const zip = await buildRecordZip({ files, manifest: manifestRows(sources, sealedIds), date: new Date(closedAt), auditHead });
    if (this.closed) return undefined;
    const zipSha = sha256(zip);

    const at = this.deps.now();
    store.putRecordFile(ceremonyId, RECORD_FILES.beritaAcara, beritaAcara, beritaAcaraSha, at);
    store.putRecordFile(ceremonyId, RECORD_FILES.zip, zip, zipSha, at);
    this.built.add(ceremonyId);
    return {
      beritaAcara: { sha256: beritaAcaraSha, bytes: beritaAcara.byteLength },
      zip: { sha256: zipSha, bytes: zip.byteLength },
      agreements: sealedIds.size,
      auditHeadHash: auditHead.hash,
      ms: performance.now() - started,
    };
  }

  /** Stops listening and waits for builds in flight (they store nothing once closed). */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await Promise.allSettled([...this.building.values()]);
  }
}

export function createCeremonyRecord(deps: CeremonyRecordDeps): CeremonyRecord {
  return new CeremonyRecord(deps);
}
