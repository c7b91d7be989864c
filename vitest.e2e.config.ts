import { defineConfig } from 'vitest/config';

// End-to-end tests: real Chromium against the web host, one file at a time.
export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    include: ['test/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
