// Before an agreement's PDF is served, verified or put into the record, its bytes are checked
// against the SHA-256 the audit chain recorded for it: the original's from `ceremony.created`,
// the sealed copy's from `agreement.stamped`. The expected hashes are read once per ceremony from
// the part of the chain that verifies (links after a break are not trusted) and kept in memory,
// updated as the platform stamps. A mismatch is logged once per document and altered bytes, and
// the document is reported, never served or certified as good.
import type { CeremonyStore, StoredDocument } from '../persistence/store-contract';
import type { CeremonyService } from './ceremony-service';
import { checkAudit } from './record-audit';
import { sha256Hex } from '../security/sha256';

export type IntegrityCheck =
  | { ok: true; doc: StoredDocument }
  | { ok: false; doc: StoredDocument; problem: string; recordedSha256?: string };

interface RecordedHashes {
  originals: Map<string, string>;
  finals: Map<string, string>;
}

export class DocumentIntegrity {
  private readonly recorded = new Map<string, Promise<RecordedHashes>>();
  private readonly reported = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: { store: CeremonyStore; service: CeremonyService; log: (message: string, error?: unknown) => void }) {
    // Stamps made by this process are recorded as they are committed.
    this.unsubscribe = deps.service.subscribe(({ ceremonyId, events }) => {
      const hashes = this.recorded.get(ceremonyId);
      if (!hashes) return;
      const stamped = events.filter((e) => e.type === 'agreement.stamped');
      if (stamped.length) {
        void hashes.then(
          (h) => stamped.forEach((e) => h.finals.set(e.agreementId, e.documentSha256)),
          () => undefined,
        );
      }
    });
  }

  /** The SHA-256 the audit chain holds for the agreement's current document (sealed, else original). */
  async recordedSha256(ceremonyId: string, agreementId: string, final: boolean): Promise<string | undefined> {
    const recorded = (final ? (await this.hashes(ceremonyId)).finals : (await this.hashes(ceremonyId)).originals).get(agreementId);
    if (recorded || !final) return recorded;
    // Stamped by another node (or process) since the chain was read: read it again.
    this.recorded.delete(ceremonyId);
    return (await this.hashes(ceremonyId)).finals.get(agreementId);
  }

  /** The agreement's stored document and whether its bytes are the ones the audit chain recorded. */
  async check(ceremonyId: string, agreementId: string): Promise<IntegrityCheck | undefined> {
    const doc = await this.deps.store.getDocument(ceremonyId, agreementId);
    if (!doc) return undefined;
    const recorded = await this.recordedSha256(ceremonyId, agreementId, doc.final);
    const actual = sha256Hex(doc.pdf);
    const kind = doc.final ? 'sealed document' : 'original';
    let problem: string | undefined;
    if (!recorded) problem = `no SHA-256 for the ${kind} in the verified audit chain`;
    else if (actual !== recorded) problem = `the ${kind}'s bytes hash to ${actual}, the audit chain recorded ${recorded}`;
    else if (doc.sha256 !== recorded) problem = `the ${kind}'s stored SHA-256 ${doc.sha256} differs from the audit chain's ${recorded}`;
    if (!problem) return { ok: true, doc };
    const key = `${ceremonyId}/${agreementId}/${kind}/${actual}/${doc.sha256}`;
    if (!this.reported.has(key)) {
      this.reported.add(key);
      this.deps.log(`DOCUMENT_INTEGRITY ${ceremonyId}/${agreementId}: ${problem}`);
    }
    return { ok: false, doc, problem, ...(recorded ? { recordedSha256: recorded } : {}) };
  }

  close(): void {
    this.unsubscribe();
  }

  private hashes(ceremonyId: string): Promise<RecordedHashes> {
    let hashes = this.recorded.get(ceremonyId);
    if (!hashes) {
      hashes = this.readHashes(ceremonyId);
      this.recorded.set(ceremonyId, hashes);
      // A failed read is not kept: the next check reads again.
      hashes.catch(() => this.recorded.delete(ceremonyId));
    }
    return hashes;
  }

  private async readHashes(ceremonyId: string): Promise<RecordedHashes> {
    const hashes: RecordedHashes = { originals: new Map(), finals: new Map() };
    const { report, rows } = await checkAudit(this.deps.store, ceremonyId);
    const trustedUpTo = report.ok ? Infinity : report.brokenAt!.n;
    if (!report.ok) this.deps.log(`audit chain of ${ceremonyId} is broken at event ${trustedUpTo}: document hashes after it are not trusted`);
    for (const row of rows) {
      if (row.n >= trustedUpTo) break;
      if (row.type !== 'ceremony.created' && row.type !== 'agreement.stamped') continue;
      const payload = JSON.parse(row.payload) as { documents?: Record<string, string>; agreementId?: string; documentSha256?: string };
      if (row.type === 'ceremony.created') {
        for (const [id, sha] of Object.entries(payload.documents ?? {})) hashes.originals.set(id, sha);
      } else if (payload.agreementId && payload.documentSha256) {
        hashes.finals.set(payload.agreementId, payload.documentSha256);
      }
    }
    return hashes;
  }
}
