import { defineConfig } from 'tsup';

// One config so that the three entries share one clean step (parallel configs race on `clean`).
export default defineConfig({
  // nats: tidewatch/nats (Node; @nats-io/* are optional peers, external). scan-worker: the worker thread of `tidewatch scan --workers N`, loaded next to the CLI's chunks.
  entry: { index: 'src/index.ts', ingest: 'src/ingest/index.ts', nats: 'src/nats/index.ts', cli: 'src/cli/index.ts', 'scan-worker': 'src/cli/scan-worker.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', ingest: 'src/ingest/index.ts', nats: 'src/nats/index.ts' } },
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
  splitting: true,
  treeshake: true,
  // mathjs (a dependency) is bundled so that only the factories typology formulas use are kept
  // (src/scoring/formula-factories.ts):
  // its package entry builds every function of the library on load (138 MB resident, 1.2 s, per thread).
  noExternal: ['mathjs'],
  // import.meta.url in the CommonJS build (the CLI finds the worker script next to itself).
  shims: true,
  // ...but not tsup's ESM shims (__dirname from 'path' and 'url'): nothing here uses them, and the
  // CommonJS modules bundled with mathjs (tiny-emitter, escape-latex) left `import 'path'` in the core.
  esbuildOptions(options, { format }) {
    if (format === 'esm') options.inject = (options.inject ?? []).filter((file) => !file.endsWith('esm_shims.js'));
  },
});
