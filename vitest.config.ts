import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Two projects: `core` (unit and integration, two files at a time) and `browser` (headless
// Chromium with real WebRTC, one file at a time). `npm test` runs them one after the other:
// on two cores, media decoding next to other heavy tests starves and turns timing into noise.
export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    // Stamping workers make no idle warm-up stamps in tests (server/workers/document-warm-up.ts):
    // every server a test starts would otherwise spend seconds of CPU on them once idle, on the
    // cores the other tests share; tests/unit/workers/document-warm-up.test.ts tests the warm-up.
    // Nor do they lower their priority (STAMP_PRIORITY): beside the suite's other servers and
    // browsers, all at the normal priority, a nice +10 stamping thread gets a tenth of a core and
    // the tests that wait for stamps slow to a crawl; tests/unit/workers/thread-priority.test.ts
    // tests the priority itself.
    env: { STAMP_WARM_UP: '0', STAMP_PRIORITY: 'off' },
    projects: [
      { extends: true, test: { name: 'core', include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts', 'tests/store/**/*.test.ts', 'tests/cluster/**/*.test.ts'] } },
      { extends: true, test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
