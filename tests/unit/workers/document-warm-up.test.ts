// A stamping worker's idle warm-up (server/workers/document-warm-up.ts): it makes its sample
// stamps only while no task runs, a task waits for at most the sample in progress, the first real
// stamp ends it, and the samples are real sealed agreements made on the real stamping path.
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateSealIdentity } from '../../../server/documents/certificates';
import { createDocumentService, sha256Hex } from '../../../server/documents/document-service';
import { createSealer } from '../../../server/documents/seal';
import { verifySealedPdf } from '../../../server/documents/verify';
import { WARM_UP_DOCUMENT, warmUpInput } from '../../../server/documents/warm-up';
import { DEFAULT_WARM_UP_STAMPS, startWarmUp, warmUpStampsFromEnv } from '../../../server/workers/document-warm-up';
import type { FinalizeAgreementInput } from '../../../server/documents/types';
import { createTempDir } from '../documents/pdf-tools';

const tmp = createTempDir();
afterAll(() => tmp.dispose());

/** A stand-in document path that records what ran, in order; each step yields once like real async work. */
function recorder() {
  const log: string[] = [];
  let inFlight = 0;
  let overlapped = false;
  const step = async <T>(label: string, value: T): Promise<T> => {
    inFlight += 1;
    if (inFlight > 1) overlapped = true;
    log.push(`${label}:start`);
    await new Promise((r) => setImmediate(r));
    log.push(`${label}:end`);
    inFlight -= 1;
    return value;
  };
  return {
    log,
    overlapped: () => overlapped,
    render: () => step('render', new Uint8Array([1])),
    finalize: (input: FinalizeAgreementInput) => step(`sample${input.verifyUrl.replace(/^.*n=/, '')}`, undefined),
  };
}

describe('stamping worker warm-up', () => {
  it('renders one sample original, then stamps the asked number of samples while idle', async () => {
    const r = recorder();
    const warm = startWarmUp({ stamps: 3, idleMs: 0, render: r.render, finalize: r.finalize });
    expect(await warm.finished).toBe(3);
    expect(r.log).toEqual(['render:start', 'render:end', 'sample0:start', 'sample0:end', 'sample1:start', 'sample1:end', 'sample2:start', 'sample2:end']);
  });

  it('lets a task wait only for the sample in progress, and ends at the first real stamp', async () => {
    const r = recorder();
    const warm = startWarmUp({ stamps: 50, idleMs: 0, render: r.render, finalize: r.finalize });
    const render = warm.task((n: number) => r.log.push(`task-render${n}`));
    const stamp = warm.task(async (n: number) => {
      r.log.push(`task-stamp${n}:start`);
      await new Promise((done) => setImmediate(done));
      r.log.push(`task-stamp${n}:end`);
    }, { stamp: true });
    // Wait until a sample is in progress, then ask for work.
    await expect.poll(() => r.log.includes('sample1:start')).toBe(true);
    await Promise.all([render(1), stamp(2)]);
    const made = await warm.finished;
    expect(made).toBeLessThan(50);
    const firstTask = r.log.findIndex((l) => l.startsWith('task-'));
    // Before the first task: the sample then in progress finished; after it: no sample started.
    expect(r.log[firstTask - 1]).toMatch(/^sample\d+:end$/);
    expect(r.log.slice(firstTask).some((l) => l.startsWith('sample'))).toBe(false);
    expect(r.overlapped()).toBe(false);
  });

  it('makes no sample while tasks keep arriving within the idle time', async () => {
    const r = recorder();
    const warm = startWarmUp({ stamps: 5, idleMs: 60_000, render: r.render, finalize: r.finalize });
    const render = warm.task(async (n: number) => r.log.push(`task${n}`));
    for (let i = 0; i < 5; i++) await render(i);
    // A stamp ends the warm-up before the quiet minute is over.
    await warm.task(async () => undefined, { stamp: true })(0);
    expect(await warm.finished).toBe(0);
    expect(r.log).toEqual(['task0', 'task1', 'task2', 'task3', 'task4']);
  });

  it('reads STAMP_WARM_UP: a count, 0 for none, the default when unset or not a count', () => {
    expect(warmUpStampsFromEnv({ STAMP_WARM_UP: '0' })).toBe(0);
    expect(warmUpStampsFromEnv({ STAMP_WARM_UP: ' 12 ' })).toBe(12);
    expect(warmUpStampsFromEnv({})).toBe(DEFAULT_WARM_UP_STAMPS);
    expect(warmUpStampsFromEnv({ STAMP_WARM_UP: 'toString' })).toBe(DEFAULT_WARM_UP_STAMPS);
    expect(warmUpStampsFromEnv({ STAMP_WARM_UP: '-3' })).toBe(DEFAULT_WARM_UP_STAMPS);
    expect(warmUpStampsFromEnv({ STAMP_WARM_UP: '99999999' })).toBe(500);
  });

  it('stamps samples that are real sealed agreements (drawn and typed, non-Latin names)', async () => {
    const seal = await loadOrCreateSealIdentity({ dataDir: tmp.path });
    const documents = createDocumentService({ sealer: createSealer(seal) });
    const original = await documents.renderAgreement(WARM_UP_DOCUMENT);
    for (const n of [0, 1]) {
      const input = warmUpInput(original, n);
      expect(input.signatures.map((s) => s.record.kind)).toEqual(n === 0 ? ['drawn', 'drawn'] : ['drawn', 'typed']);
      for (const s of input.signatures) if (s.image) expect(sha256Hex(s.image)).toBe(s.record.imageSha256);
      const sealed = await documents.finalizeAgreement(input);
      const check = await verifySealedPdf(sealed, seal);
      expect([check.sealValid, check.coversWholeDocument, check.signedByPlatform]).toEqual([true, true, true]);
      expect(check.agreementId).toBe('WARM-001');
    }
  });
});
