import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/src/**/*.test.ts', '**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'data/**'],
    pool: 'forks',
    // Much of the test time is waiting (databases, HTTP, timers, Chromium), so two files at once pay off even on two
    // cores (CI: ~1,260 s instead of ~1,400 s); more than four would crowd the shared PostgreSQL.
    maxWorkers: Math.max(2, Math.min(4, availableParallelism())),
    globalSetup: ['./test-support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { LOG_LEVEL: 'silent' },
    reporters: ['default', './test-support/summary-reporter.ts'],
  },
});
