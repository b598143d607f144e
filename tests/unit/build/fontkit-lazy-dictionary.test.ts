// The bundle loads fontkit with its WOFF2 Brotli dictionary decompressed on first use
// (scripts/fontkit-lazy-dictionary.mjs). The changed copy must still be fontkit: it loads from
// beside the bundle and lays out text exactly as the package does.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyBrotliDictionary } from '../../../scripts/fontkit-lazy-dictionary.mjs';
import { FONT_FILES } from '../../../server/documents/fonts';

const require = createRequire(import.meta.url);
const FONTKIT = require.resolve('@pdf-lib/fontkit');
const SOURCE = readFileSync(FONTKIT, 'utf8');

interface Layout {
  glyphs: Array<{ id: number }>;
  positions: Array<{ xAdvance: number }>;
}
type Fontkit = { create(bytes: Uint8Array): { layout(text: string): Layout; unitsPerEm: number } };

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('fontkit with a lazy Brotli dictionary', () => {
  it('changes only the statement that decompresses the dictionary at load', () => {
    const lazy = lazyBrotliDictionary(SOURCE);
    expect(lazy).toBeDefined();
    const eager = 'dictionary.init(BrotliDecompressBuffer);';
    const at = SOURCE.indexOf(eager);
    expect(lazy!.slice(0, at)).toBe(SOURCE.slice(0, at));
    expect(lazy!.endsWith(SOURCE.slice(at + eager.length))).toBe(true);
    expect(lazy).not.toContain(eager);
    expect(lazy).toContain("Object.defineProperty(dictionary, 'dictionary'");
  });

  it('leaves a build it does not know alone', () => {
    expect(lazyBrotliDictionary(SOURCE.replace('dictionary.init(BrotliDecompressBuffer);', ''))).toBeUndefined();
    expect(lazyBrotliDictionary(`${SOURCE}\ndictionary.init(BrotliDecompressBuffer);`)).toBeUndefined();
  });

  it('loads from beside the bundle and lays out text as the package does', () => {
    // Inside the project, as dist/server/ is, so its own imports resolve the same way.
    mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
    const dir = mkdtempSync(join(process.cwd(), 'test-output', 'fontkit-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'fontkit.cjs'), lazyBrotliDictionary(SOURCE)!);
    const copy = createRequire(join(dir, 'x.cjs'))('./fontkit.cjs') as Fontkit;
    const original = require('@pdf-lib/fontkit') as Fontkit;
    expect(copy).not.toBe(original);
    const text = 'Bengkel Las Ẓainal & Putra — Rp1.500.000.000, 18 Januari 2021 10.00 WIB';
    for (const file of [FONT_FILES.regular, FONT_FILES.bold, FONT_FILES.cjk]) {
      const bytes = readFileSync(require.resolve(file));
      const [a, b] = [copy, original].map((fontkit) => fontkit.create(new Uint8Array(bytes)).layout(file === FONT_FILES.cjk ? '托克金马克穆尔 Makmur' : text));
      expect(a.glyphs.map((g) => g.id)).toEqual(b.glyphs.map((g) => g.id));
      expect(a.positions.map((p) => p.xAdvance)).toEqual(b.positions.map((p) => p.xAdvance));
      expect(a.glyphs.length).toBeGreaterThan(10);
    }
  });
});
