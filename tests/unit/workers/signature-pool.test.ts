// The signature pool decodes drawn signatures in a worker thread (issue 11): what it answers must be
// exactly what the in-process decoder answers, refusals included, with the same codes.
import { afterAll, describe, expect, it } from 'vitest';
import { signaturePng } from '../../../server/cli/signature-png';
import { decodeSignatureDataUrl } from '../../../server/realtime/signature-image';
import { createSignaturePool } from '../../../server/workers/signature-pool';

const pool = createSignaturePool();
afterAll(() => pool.close());

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

describe('signature pool', () => {
  it('returns the same clean re-encoding as the in-process decoder', async () => {
    for (const seed of [1, 7, 42]) {
      const url = dataUrl(signaturePng(seed));
      const here = decodeSignatureDataUrl(url);
      const there = await pool.decode(url);
      expect(here.ok && there.ok).toBe(true);
      if (!here.ok || !there.ok) continue;
      expect(there.value.sha256).toBe(here.value.sha256);
      expect(Buffer.from(there.value.png).equals(Buffer.from(here.value.png))).toBe(true);
      expect([there.value.width, there.value.height]).toEqual([here.value.width, here.value.height]);
    }
  });

  it('refuses what the decoder refuses, with its code and details, and keeps serving', async () => {
    const cases = ['data:image/gif;base64,R0lGOD', 'data:image/png;base64,not*base64', dataUrl(signaturePng(3).subarray(0, 60))];
    for (const url of cases) {
      const here = decodeSignatureDataUrl(url);
      const there = await pool.decode(url);
      expect(there.ok, url.slice(0, 40)).toBe(false);
      if (here.ok || there.ok) continue;
      expect(there.error.code).toBe(here.error.code);
      expect(there.error.details).toEqual(here.error.details);
    }
    expect((await pool.decode(dataUrl(signaturePng(5)))).ok).toBe(true);
  });

  it('starts its worker when asked, before the first signature (a server after start-up)', async () => {
    const early = createSignaturePool();
    try {
      expect(early.started).toBe(false);
      early.start();
      early.start(); // once
      expect(early.started).toBe(true);
      expect((await early.decode(dataUrl(signaturePng(9)))).ok).toBe(true);
    } finally {
      await early.close();
    }
    // A closed pool starts nothing.
    const closed = createSignaturePool();
    await closed.close();
    closed.start();
    expect(closed.started).toBe(false);
  });

  it('answers INTERNAL once closed instead of starting a worker', async () => {
    const closed = createSignaturePool();
    await closed.close();
    const r = await closed.decode(dataUrl(signaturePng(1)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTERNAL');
  });
});
