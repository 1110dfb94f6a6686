import { defineConfig } from 'tsup';

// One config so that the three entries share one clean step (parallel configs race on `clean`).
export default defineConfig({
  entry: { index: 'src/index.ts', ingest: 'src/ingest/index.ts', cli: 'src/cli/index.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', ingest: 'src/ingest/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  treeshake: true,
});
