import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The numbered examples import the package by name, as a user would; tests run them on the
  // sources (tsconfig.json maps the same names for tsc and tsx).
  resolve: {
    alias: [
      { find: /^tidewatch\/ingest$/, replacement: fileURLToPath(new URL('./src/ingest/index.ts', import.meta.url)) },
      { find: /^tidewatch$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    testTimeout: 60_000,
    // Every core: vitest 4.1 defaults to one worker fewer than the cores — one on a 2-core machine,
    // which ran every file one after another (clean-clone CI 608 s; here 375 s against 452-468 s).
    maxWorkers: availableParallelism(),
  },
});
