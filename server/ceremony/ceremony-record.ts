// The ceremony's record, produced when the organizer closes it: the sealed Berita Acara and a ZIP
// of every sealed agreement with manifests, both kept in storage (record_files). Closing publishes
// `ceremony.closed`; we wait for the stamping queue to drain so the last signatures are in, then
// build, in the stamping workers. A ceremony closed before a restart is built on first request
// instead. One build per ceremony at a time: concurrent callers share the same promise.
// Both files account for the same agreements: a signed agreement without a sealed document
// (stamping parked, or stored bytes that fail the integrity check) is marked so in the Berita
// Acara and listed under "omitted" in the ZIP's manifest; its bytes are never certified. The record
// is built exactly once (across a cluster too); a later stamp is found in the chain and at /verify.
// When the roster names officials, the record is held after the close until each has signed the
// minutes (or the organizer finished them without), and built then, with their stamps.
import type { CeremonyService } from './ceremony-service';
import type { StampQueue } from './stamp-queue';
import type { CeremonyStore, StoredSignature } from '../persistence/store-contract';
import type { DocumentPool } from '../workers/document-pool';
import type { RecordDocumentState } from '../record/berita-acara-input';
import type { OmittedAgreement, RecordFile } from '../record/record-zip';
import type { DocumentIntegrity } from './document-integrity';
import { checkAudit } from './record-audit';
import { links } from './links';
import { agreementFileName, beritaAcaraInput, closedAtFromAudit, manifestRows, type RecordOfficials } from './record-inputs';
import { sha256Hex as sha256 } from '../security/sha256';
import { isBeritaAcaraReady } from '../../shared/domain/berita-acara-signing';
import { officialImageFileName } from '../persistence/official-images';

export const RECORD_FILES = { beritaAcara: 'berita-acara.pdf', zip: 'record.zip' } as const;
export type RecordFileName = (typeof RECORD_FILES)[keyof typeof RECORD_FILES];

export interface CeremonyRecordDeps {
  service: CeremonyService;
  store: CeremonyStore;
  stampQueue: Pick<StampQueue, 'whenIdle'>;
  documentPool: Pick<DocumentPool, 'renderBeritaAcara' | 'buildRecordZip'>;
  integrity: Pick<DocumentIntegrity, 'check'>;
  baseUrl: () => string;
  now: () => string;
  log: (message: string, error?: unknown) => void;
  officials?: RecordOfficials;
  /**
   * Cluster mode: true for the one node that builds the record of this ceremony at this version;
   * the others wait for its files instead of rendering the same record again.
   */
  claimBuild?: (ceremonyId: string, version: number) => Promise<boolean>;
}

/** How long a node that lost the claim waits for the winner's files before building itself (the winner may have died). */
const CLAIMED_BUILD_WAIT_MS = 120_000;

export interface BuiltRecord {
  beritaAcara: { sha256: string; bytes: number };
  zip: { sha256: string; bytes: number };
  /** Agreements in the ZIP (those with a sealed document that passed the integrity check). */
  agreements: number;
  /** Signed agreements left out of the ZIP, with why. */
  omitted: OmittedAgreement[];
  auditHeadHash: string;
  ms: number;
}

export class CeremonyRecord {
  private readonly building = new Map<string, Promise<BuiltRecord | undefined>>();
  /** Ceremonies whose files are known to be stored (saves reading a large ZIP just to check). */
  private readonly built = new Set<string>();
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly deps: CeremonyRecordDeps) {
    this.unsubscribe = deps.service.subscribe(({ ceremonyId, state, events }) => {
      // Built once (the store keeps the first files stored, whichever node built them): a stamp
      // that lands after the close is in the chain and at /verify, not in the record. With
      // officials named, the build waits for their signatures (or the organizer finishing without).
      const isMinutesEvent = (type: string) => type === 'ceremony.closed' || type.startsWith('beritaAcara.');
      if (events.some((e) => isMinutesEvent(e.type)) && isBeritaAcaraReady(state.ceremony)) {
        this.ensure(ceremonyId).catch((error) => deps.log(`building the record of ${ceremonyId} failed`, error));
      }
    });
  }

  /** True once both files are stored. */
  async isBuilt(ceremonyId: string): Promise<boolean> {
    if (this.built.has(ceremonyId)) return true;
    const files = await Promise.all(Object.values(RECORD_FILES).map((name) => this.deps.store.getRecordFile(ceremonyId, name)));
    const isStored = files.every((file) => !!file);
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
    if (this.closed) return Promise.resolve(undefined);
    const job: Promise<BuiltRecord | undefined> = this.buildUnlessStored(ceremonyId).finally(() => {
      if (this.building.get(ceremonyId) === job) this.building.delete(ceremonyId);
    });
    this.building.set(ceremonyId, job);
    return job;
  }

  private async buildUnlessStored(ceremonyId: string): Promise<BuiltRecord | undefined> {
    return (await this.isBuilt(ceremonyId)) ? undefined : this.build(ceremonyId);
  }

  /** Builds and stores both files (unless stored meanwhile). Waits for pending stamps first. */
  async build(ceremonyId: string): Promise<BuiltRecord | undefined> {
    const started = performance.now();
    await this.deps.stampQueue.whenIdle();
    const state = await this.deps.service.ensure(ceremonyId);
    if (!state || state.ceremony.phase !== 'closed' || this.closed) return undefined;
    // Held until the officials have signed the minutes or the organizer finished them without.
    if (!isBeritaAcaraReady(state.ceremony)) return undefined;
    const { ceremony } = state;
    const { store } = this.deps;

    const audit = await checkAudit(store, ceremonyId);
    // A broken chain does not stop the record (the minutes must still be produced), but it is
    // logged loudly; the head printed is the one storage holds, which audit:verify will dispute.
    if (!audit.report.ok) this.deps.log(`audit chain of ${ceremonyId} is broken: ${JSON.stringify(audit.report.brokenAt)}`);
    const auditHead = await store.auditHead(ceremonyId);
    if (this.deps.claimBuild && !(await this.deps.claimBuild(ceremonyId, auditHead.n))) {
      const deadline = Date.now() + CLAIMED_BUILD_WAIT_MS;
      while (Date.now() < deadline && !this.closed) {
        if (await this.isBuilt(ceremonyId)) return undefined;
        await new Promise((r) => setTimeout(r, 500));
      }
      if (this.closed) return undefined;
      // The winner did not deliver: build here; record files are insert-if-absent, so one copy is kept.
    }
    const signatures = new Map<string, StoredSignature[]>(
      await Promise.all(ceremony.agreements.map(async (a) => [a.id, await store.getSignatures(ceremonyId, a.id)] as const)),
    );

    // Which signed agreements have a sealed document whose bytes are the ones the chain recorded.
    const files: RecordFile[] = [];
    const sealedIds = new Set<string>();
    const omitted: OmittedAgreement[] = [];
    const documents = new Map<string, RecordDocumentState>();
    for (const a of ceremony.agreements) {
      if (a.status === 'stamped') {
        const checked = await this.deps.integrity.check(ceremonyId, a.id);
        if (checked?.ok && checked.doc.final) {
          files.push({ name: agreementFileName(a.id), bytes: checked.doc.pdf });
          sealedIds.add(a.id);
          documents.set(a.id, 'sealed');
        } else {
          const reason = checked && !checked.ok ? checked.problem : 'the sealed document is missing from storage';
          omitted.push({ agreementId: a.id, title: a.title, status: 'integrity-failed', reason });
          documents.set(a.id, 'integrity-failed');
        }
      } else if (a.status === 'signed') {
        const status = a.stampFailure ? 'stamp-failed' : 'awaiting-stamp';
        omitted.push({ agreementId: a.id, title: a.title, status, reason: a.stampFailure?.detail ?? 'stamping has not finished' });
        documents.set(a.id, status);
      }
    }

    const sources = {
      ceremony,
      auditRows: audit.rows,
      auditHead,
      signatures,
      verifyUrl: links.verifyRecord(this.deps.baseUrl(), ceremonyId),
      officials: this.deps.officials,
      documents,
      officialImages: new Map(
        (
          await Promise.all(
            (ceremony.beritaAcara?.signatures ?? []).map(async (s) => {
              const file = s.kind === 'drawn' ? await store.getRecordFile(ceremonyId, officialImageFileName(s.officialId)) : undefined;
              return file ? [[s.officialId, file.bytes] as const] : [];
            }),
          )
        ).flat(),
      ),
    };
    const beritaAcara = await this.deps.documentPool.renderBeritaAcara(beritaAcaraInput(sources));
    if (this.closed) return undefined;
    const beritaAcaraSha = sha256(beritaAcara);

    // The whole audit log rides along, so the archive can be checked without the platform.
    const auditFile = new TextEncoder().encode(JSON.stringify({ ceremonyId, head: auditHead, chain: audit.report, events: audit.rows }, null, 2));
    const closedAt = closedAtFromAudit(audit.rows) ?? this.deps.now();
    const zip = await this.deps.documentPool.buildRecordZip({
      // The Berita Acara goes as a copy: its bytes are stored below, after the ZIP is built.
      files: [...files, { name: RECORD_FILES.beritaAcara, bytes: beritaAcara.slice() }, { name: 'audit-chain.json', bytes: auditFile }],
      manifest: manifestRows(sources, sealedIds),
      omitted,
      date: new Date(closedAt),
      auditHead,
    });
    if (this.closed) return undefined;
    const zipSha = sha256(zip);

    const at = this.deps.now();
    await store.putRecordFile(ceremonyId, RECORD_FILES.beritaAcara, beritaAcara, beritaAcaraSha, at);
    await store.putRecordFile(ceremonyId, RECORD_FILES.zip, zip, zipSha, at);
    this.built.add(ceremonyId);
    return {
      beritaAcara: { sha256: beritaAcaraSha, bytes: beritaAcara.byteLength },
      zip: { sha256: zipSha, bytes: zip.byteLength },
      agreements: sealedIds.size,
      omitted,
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
