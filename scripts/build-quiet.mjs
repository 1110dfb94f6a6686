// `npm run build` without its log: runs tsup and prints its output only if the build fails
// (used by `npm run demo`, so the demo's answer is the first thing on the screen).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const manifest = createRequire(import.meta.url).resolve('tsup/package.json');
const tsup = join(dirname(manifest), 'dist', 'cli-default.js');
const run = spawnSync(process.execPath, [tsup], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
if (run.status !== 0) {
  process.stderr.write(run.stdout ?? '');
  process.stderr.write(run.stderr ?? '');
  process.stderr.write(`build failed (tsup exit ${run.status ?? run.signal})\n`);
  process.exit(run.status ?? 1);
}
