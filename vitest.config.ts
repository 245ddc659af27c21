import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/src/**/*.test.ts', '**/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'data/**'],
    pool: 'forks',
    // Most test time is spent waiting (databases, HTTP, timers, Chromium), so two files at once pay off even on two
    // cores (CI: ~1,100 s of tests instead of ~1,550 s); more than four would crowd the shared PostgreSQL.
    maxWorkers: Math.max(2, Math.min(4, availableParallelism())),
    globalSetup: ['./test-support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { LOG_LEVEL: 'silent' },
    reporters: ['default', './test-support/summary-reporter.ts'],
  },
});
