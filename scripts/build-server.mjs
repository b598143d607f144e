// `npm start` runs the server prebuilt: server/main.ts and every worker task module
// (server/workers/*-worker.ts) bundled by esbuild into dist/server/*.mjs, npm packages left as
// imports. Starting from it skips transpiling ~200 TypeScript files through tsx's loader in the
// main thread and again in every worker thread (about a second of CPU each). Development and the
// tests run the TypeScript directly; the code works both ways (see server/workers/worker-pool.ts
// and DEFAULT_CLIENT_DIR in server/start-server.ts). Plain .mjs so it runs without tsx.
// Run: node scripts/build-server.mjs
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/server`;
const workers = readdirSync(`${root}server/workers`).filter((f) => f.endsWith('-worker.ts'));

rmSync(outdir, { recursive: true, force: true });
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
});
// PostgreSQL migrations are read from beside the code that applies them.
cpSync(`${root}server/persistence/postgres/migrations`, `${outdir}/migrations`, { recursive: true });
