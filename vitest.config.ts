import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Browser and media tests start servers and Chromium; two cores do not like many at once.
    maxWorkers: 2,
    outputFile: { junit: 'test-output/junit.xml' },
  },
});
