import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The panel's own tests run in Node: pure logic, and the browser flow through Debian's Chromium. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: 'silent' },
  },
});
