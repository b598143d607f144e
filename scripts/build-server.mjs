// `npm start` runs the server prebuilt: server/main.ts and every worker task module
// (server/workers/*-worker.ts) bundled by esbuild into dist/server/*.mjs, npm packages left as
// imports. Starting from it skips transpiling ~200 TypeScript files through tsx's loader in the
// main thread and again in every worker thread (about a second of CPU each). Development and the
// tests run the TypeScript directly; the code works both ways (see server/workers/worker-pool.ts
// and DEFAULT_CLIENT_DIR in server/start-server.ts). Plain .mjs so it runs without tsx.
// Run: node scripts/build-server.mjs
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { lazyBrotliDictionary } from './fontkit-lazy-dictionary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/server`;
const workers = readdirSync(`${root}server/workers`).filter((f) => f.endsWith('-worker.ts'));

/**
 * CommonJS packages the document workers load, loaded with require() instead of `import`. Node
 * imports a CommonJS module by first scanning its source (and every file it re-exports, each of
 * pdf-lib's ~200) for export names with cjs-module-lexer, then loading it with require() anyway:
 * the scan was ~0.3 s of CPU in every stamping worker at start-up. The names are read here, at
 * build time, so `import { PDFDocument } from 'pdf-lib'` keeps working unchanged in the sources.
 */
const REQUIRED_PACKAGES = ['pdf-lib', '@pdf-lib/fontkit', 'qrcode', 'node-forge', '@signpdf/signpdf', '@signpdf/placeholder-pdf-lib', 'jszip'];
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const requireFromRoot = createRequire(`${root}package.json`);
const viaRequire = {
  name: 'commonjs-via-require',
  setup(b) {
    const names = new Set(REQUIRED_PACKAGES);
    b.onResolve({ filter: /^[@a-z]/ }, (args) => (names.has(args.path) && args.namespace === 'file' ? { path: args.path, namespace: 'via-require' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'via-require' }, ({ path }) => {
      const exported = Object.keys(requireFromRoot(path)).filter((name) => IDENTIFIER.test(name) && name !== 'default');
      const contents = [
        "import { createRequire } from 'node:module';",
        `const m = createRequire(import.meta.url)(${JSON.stringify(replaced.get(path) ?? path)});`,
        'export default m;',
        ...exported.map((name) => `export const ${name} = m[${JSON.stringify(name)}];`),
      ].join('\n');
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

/** Packages the bundle loads from a changed copy beside it (package → './copy.cjs'). */
const replaced = new Map();
{
  // fontkit with its WOFF2 dictionary decompressed on first use (scripts/fontkit-lazy-dictionary.mjs).
  // The copy resolves its own imports (pako, …) from dist/server/: only used if they resolve to the
  // same files as from the package's own folder.
  const main = requireFromRoot.resolve('@pdf-lib/fontkit');
  const lazy = lazyBrotliDictionary(readFileSync(main, 'utf8'));
  const fromPackage = createRequire(main);
  const fromCopy = createRequire(`${outdir}/fontkit.cjs`);
  const sameImports = ['pako', 'events'].every((name) => fromPackage.resolve(name) === fromCopy.resolve(name));
  if (lazy && sameImports) {
    writeFileSync(`${outdir}/fontkit.cjs`, lazy);
    replaced.set('@pdf-lib/fontkit', './fontkit.cjs');
  } else {
    console.warn('build-server: @pdf-lib/fontkit is not the build fontkit-lazy-dictionary.mjs knows; using it unchanged');
  }
}
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries([['main', 'server/main.ts'], ...workers.map((f) => [f.replace(/\.ts$/, ''), `server/workers/${f}`])]),
  outdir,
  // Flat: a task module's `new URL('./x-worker.ts', import.meta.url)` then names dist/server/x-worker.ts,
  // which the worker pool runs as the bundled x-worker.mjs.
  entryNames: '[name]',
  chunkNames: '[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [viaRequire],
});
// PostgreSQL migrations are read from beside the code that applies them.
cpSync(`${root}server/persistence/postgres/migrations`, `${outdir}/migrations`, { recursive: true });
