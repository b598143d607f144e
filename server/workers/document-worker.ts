// The stamping pool's task module: every PDF operation that reads fonts or the seal key runs
// here, in a worker thread, never on the main event loop. Each worker parses the fonts once (its
// own FontLibrary) and keeps its own sealer, made from the identity the pool is set up with.
import { createPrivateKey } from 'node:crypto';
import type { SealIdentity } from '../documents/certificates';
import { createDocumentService, type SaksiDocumentService } from '../documents/document-service';
import { createFontLibrary } from '../documents/fonts';
import type { AgreementDocumentInput, FinalizeAgreementInput } from '../documents/types';
import { renderBeritaAcara, type BeritaAcaraInput } from '../record/berita-acara';
import type { RecordZipInput } from '../record/record-zip';
import { sha256Hex } from '../security/sha256';
import { PngError } from '../images/png-decode';
import type { SignatureImages } from '../documents/signature-images';
import { serveTasks } from './worker-runtime';
import { startWarmUp, warmUpStampsFromEnv } from './document-warm-up';

export interface HashedDocument {
  pdf: Uint8Array;
  sha256: string;
}

export interface DocumentWorkerSetup {
  seal?: SealIdentity;
  sealLocation?: string;
}

/** Stored inputs that cannot make a document: retrying will not help until they are repaired. */
class StampInputError extends Error {
  override readonly name = 'StampInputError';
}

/**
 * Re-checks what storage handed over before a document is made of it: the original against its
 * recorded SHA-256, and each drawn signature against its hash and through the strict decoder, so
 * an image altered in the database after it was accepted is refused. The decoded pixels are what
 * the stamp draws (decoded once per worker and image: a representative's one adopted signature
 * serves all their agreements); pdf-lib's own PNG reader never sees the bytes.
 */
function checkedInput(input: FinalizeAgreementInput, images: SignatureImages): FinalizeAgreementInput {
  if (sha256Hex(input.original) !== input.originalSha256) {
    throw new StampInputError(`the original of ${input.document.agreement.id} does not match its recorded SHA-256`);
  }
  const signatures = input.signatures.map((s) => {
    if (s.record.kind !== 'drawn') return s;
    if (!s.image) throw new StampInputError(`drawn signature of ${s.party.id} has no image`);
    if (sha256Hex(s.image) !== s.record.imageSha256) throw new StampInputError(`signature image of ${s.party.id} does not match its recorded SHA-256`);
    try {
      images.prepare(s.image);
    } catch (error) {
      if (!(error instanceof PngError)) throw error;
      throw new StampInputError(`signature image of ${s.party.id} does not decode: ${error.message}`);
    }
    return s;
  });
  return { ...input, signatures };
}

// Fonts are read and parsed as the worker starts, before its setup data (the seal) may be known:
// at server start-up that overlaps the seal being made on the main thread.
const fonts = createFontLibrary();
fonts.preload();

// Rendering an original needs no seal: served from the start (the pool's tasksBeforeSetup).
const beforeSetup = createDocumentService({ fonts });

serveTasks((setup: DocumentWorkerSetup) => {
  // The seal's code (signpdf, node-forge: ~60 ms of this thread's CPU) is loaded by the first task
  // that seals (a stamp, the Berita Acara, the idle warm-up's first sample), not when the seal
  // arrives: at start-up that is while this worker renders the demo's originals, which is what
  // the demo's seeding waits for. A key that cannot be read still fails the setup at once.
  if (setup.seal) createPrivateKey(setup.seal.privateKeyPem);
  let sealing: Promise<SaksiDocumentService> | undefined;
  const sealed = () =>
    (sealing ??= (async () => {
      const sealer = setup.seal ? (await import('../documents/seal')).createSealer(setup.seal) : undefined;
      return createDocumentService({ sealer, sealLocation: setup.sealLocation, fonts });
    })());
  const finalizeHashed = async (input: FinalizeAgreementInput): Promise<HashedDocument> => {
    const documents = await sealed();
    const pdf = await documents.finalizeAgreement(checkedInput(input, documents.images));
    return { pdf, sha256: sha256Hex(pdf) };
  };
  // Sample stamps while idle (compiles the stamping code before the first signature); every
  // task waits for at most the one sample in progress, and the first stamp ends the warm-up.
  const warm = startWarmUp({
    stamps: setup.seal ? warmUpStampsFromEnv() : 0,
    render: (input) => beforeSetup.renderAgreement(input),
    finalize: finalizeHashed,
  });
  return {
    // Originals need no seal: the service that rendered them before the setup (same fonts).
    renderAgreement: warm.task((input: AgreementDocumentInput) => beforeSetup.renderAgreement(input)),
    finalizeAgreement: warm.task(async (input: FinalizeAgreementInput) => {
      const documents = await sealed();
      return documents.finalizeAgreement(checkedInput(input, documents.images));
    }, { stamp: true }),
    // The same, with the stamped file's SHA-256 taken here rather than on the main event loop.
    finalizeAgreementHashed: warm.task(finalizeHashed, { stamp: true }),
    renderBeritaAcara: warm.task(async (input: BeritaAcaraInput) => {
      const documents = await sealed();
      return renderBeritaAcara(input, { fonts: documents.fonts, sealer: documents.sealer });
    }),
    // JSZip is loaded for the record, at a ceremony's end, not by every worker at start-up.
    buildRecordZip: warm.task(async (input: RecordZipInput) => (await import('../record/record-zip')).buildRecordZip(input)),
  };
}, { beforeSetup: { renderAgreement: (input: AgreementDocumentInput) => beforeSetup.renderAgreement(input) } });
