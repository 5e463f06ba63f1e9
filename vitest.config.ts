import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Crawls against the local fixture web and PDF/LibreOffice work take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // CI must not pass with a test left out.
    allowOnly: !process.env.CI,
  },
});
