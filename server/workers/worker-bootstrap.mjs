// Entry point of every worker thread. Workers start with no inherited flags (the pool passes an
// empty execArgv), so a TypeScript task module loads the same way under `npm start` (tsx),
// `node --import tsx`, vitest, or a fresh clone: tsx's loader is registered here, in the worker,
// then the module named by the pool is imported. Plain .mjs so Node can run it without tsx.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
