#!/usr/bin/env node
// Checks the *published* shape of tidewatch, the way a user meets it (`npm run test:package`,
// the last step of `npm test`, after the build). Plain Node; uses only devDependencies.
//
//   1. dist/ is complete: every file the exports map and bin point at exists; the CLI keeps its
//      shebang; the core entry (and every chunk it loads) imports no Node built-in.
//   2. `npm pack` once; that same tarball is linted by publint (strict) and attw (node16 profile:
//      node16-ESM, node16-CJS and bundler resolution) and installed into a scratch project in
//      os.tmpdir() together with typescript@5.9.3 and @types/node@20.
//   3. In the scratch project: ESM import and CJS require of 'tidewatch', 'tidewatch/ingest' and
//      'tidewatch/package.json' work and expose the same names; `tsc --noEmit` (nodenext) passes
//      on a .ts (ESM) and a .cts (CJS) consumer; the installed `tidewatch --help` exits 0; the
//      installed CLI runs scan, config --print + compare, and share + match (same key matches,
//      another key matches nothing, no plaintext account number in a package). 'tidewatch/nats'
//      resolves and loads (ESM and CJS) with its optional @nats-io peers installed; the core entry
//      never reaches @nats-io, and the CLI reaches it only through a dynamic import.
//
// Options: --keep (or TIDEWATCH_KEEP_SMOKE=1) keeps the scratch project; it is also kept on failure.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SMOKE = path.join(ROOT, 'scripts', 'smoke');
const KEEP = process.argv.includes('--keep') || process.env.TIDEWATCH_KEEP_SMOKE === '1';
const CONSUMER_DEPS = ['typescript@5.9.3', '@types/node@20'];

/** Names each entry must export (on top of "ESM and CJS expose the same non-empty set"). */
const REQUIRED_EXPORTS = {
  tidewatch: ['parseAmount', 'parseInstant', 'parseTransaction', 'compareConfigs', 'shareAlerts', 'matchPackages', 'createShareKey'],
  'tidewatch/ingest': ['readLabels'],
};

/**
 * attw problems we accept, with the reason printed on every run. Empty on purpose: add a rule
 * here only with a reason a reviewer would accept.
 * @type {Record<string, string>}
 */
const ATTW_IGNORED = {};

/** Bare packages that must never be reachable from the core entry (besides Node built-ins). */
const FORBIDDEN_IN_CORE = {
  'fast-csv': 'Node-stream CSV reader; belongs to tidewatch/ingest only',
  '@nats-io': 'NATS client (optional peer dependency); belongs to tidewatch/nats only',
};

/** The optional peers of tidewatch/nats, installed in the scratch project at the devDependency versions. */
const NATS_PEERS = ['@nats-io/transport-node', '@nats-io/jetstream', '@nats-io/kv'];
/** Names tidewatch/nats must export (functions). */
const NATS_EXPORTS = ['connectBroker', 'openPipeline', 'pipelineNames', 'publishTransactions', 'runPartitionWorker', 'runNetworkStage', 'collectAlerts', 'createRouter', 'createPartitionMonitor'];

// ---------------------------------------------------------------------------------------------
// Small harness: each check prints one line; failures are collected and summarized at the end.

const results = [];
const started = performance.now();

class CheckError extends Error {}
const fail = (message) => {
  throw new CheckError(message);
};
const assert = (cond, message) => {
  if (!cond) fail(message);
};

async function check(name, fn) {
  const t0 = performance.now();
  try {
    const note = await fn();
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    results.push({ name, ok: true });
    console.log(`  ok    ${name.padEnd(40)} ${secs.padStart(5)}s${note ? `  ${note}` : ''}`);
    return true;
  } catch (error) {
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    const detail = error instanceof CheckError ? error.message : (error?.stack ?? String(error));
    results.push({ name, ok: false, detail });
    console.log(`  FAIL  ${name.padEnd(40)} ${secs.padStart(5)}s`);
    console.log(indent(detail, '        '));
    return false;
  }
}

function skip(name, why) {
  results.push({ name, ok: false, detail: `skipped: ${why}` });
  console.log(`  skip  ${name}  (${why})`);
}

const indent = (text, pad) =>
  String(text).trimEnd().split('\n').map((l) => pad + l).join('\n');

/** Env for child processes: drop what `npm run` injects about *this* package (npm_package_*,
 *  lifecycle, local prefix) so the scratch project's npm, node and tsc see a plain consumer. */
function childEnv() {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', NODE_NO_WARNINGS: '1' };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$)/i.test(key) || key === 'INIT_CWD') delete env[key];
  }
  return env;
}

/** Runs a command without a shell; never rejects. stdin is closed (CI has none). */
function run(cmd, args, { cwd = ROOT, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[check-package] timed out after ${timeoutMs / 1000}s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
  });
}

const tail = (text, lines = 25) => String(text).trimEnd().split('\n').slice(-lines).join('\n');
const describe = (r, cmd) => `\`${cmd}\` exited ${r.code}\n${tail(`${r.stdout}\n${r.stderr}`)}`;

// ---------------------------------------------------------------------------------------------

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const DIST = path.join(ROOT, 'dist');

/** Every file path (relative, "./dist/…") the exports map points at. */
function exportTargets(node, out = new Set()) {
  if (typeof node === 'string') out.add(node);
  else if (Array.isArray(node)) node.forEach((n) => exportTargets(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => exportTargets(n, out));
  return out;
}
const binTargets = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
const declaredFiles = [...new Set([...exportTargets(pkg.exports), ...binTargets, pkg.main, pkg.module, pkg.types])]
  .filter(Boolean)
  .map((p) => p.replace(/^\.\//, ''));

console.log(`check-package: ${pkg.name}@${pkg.version} (node ${process.version})`);

// 0. dist must exist; nothing else makes sense without it.
{
  const missing = declaredFiles.filter((f) => !fs.existsSync(path.join(ROOT, f)));
  if (!fs.existsSync(DIST) || missing.length > 0) {
    console.error(
      `\ncheck-package: FAIL: ${fs.existsSync(DIST) ? 'dist/ is incomplete' : 'dist/ does not exist'}.` +
        (missing.length ? `\n  missing: ${missing.join(', ')}` : '') +
        '\n  Build first: `npm run build` (`npm test` builds before running this check).' +
        '\ncheck-package: 0 passed, 1 failed',
    );
    process.exit(1);
  }
  const newestSrc = newestMtime(path.join(ROOT, 'src'));
  const built = fs.statSync(path.join(DIST, 'index.js')).mtimeMs;
  if (newestSrc > built) console.log('  warn  dist/ is older than src/: these checks test the last build, not your working tree');
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

await check('dist: CLI keeps its shebang', () => {
  for (const f of binTargets) {
    const first = fs.readFileSync(path.join(ROOT, f), 'utf8').split('\n', 1)[0];
    assert(first === '#!/usr/bin/env node', `${f} starts with ${JSON.stringify(first)}, expected "#!/usr/bin/env node"`);
  }
  return binTargets.join(', ');
});

await check('dist: core entry imports no Node built-in', () => {
  const notes = [];
  for (const entry of ['dist/index.js', 'dist/index.cjs']) {
    const { files, bare } = moduleGraph(path.join(ROOT, entry));
    const bad = [...bare].filter(
      ([spec]) => spec.startsWith('node:') || builtinModules.includes(spec) || spec.split('/')[0] in FORBIDDEN_IN_CORE,
    );
    assert(
      bad.length === 0,
      `${entry} reaches forbidden imports (the core must stay pure):\n` +
        bad.map(([spec, from]) => `  ${spec}  (imported by ${from.join(', ')})${FORBIDDEN_IN_CORE[spec] ? ` — ${FORBIDDEN_IN_CORE[spec]}` : ''}`).join('\n'),
    );
    notes.push(`${path.basename(entry)}: ${files.size} file(s)`);
    if (entry.endsWith('.js')) notes.push(`deps: ${[...bare.keys()].sort().join(', ') || 'none'}`);
  }
  return notes.join('; ');
});

await check('dist: CLI loads @nats-io only on demand', () => {
  // Static imports only: the NATS commands import dist/nats.js dynamically, so the CLI runs without the optional peers.
  const { files, bare } = moduleGraph(path.join(ROOT, 'dist/cli.js'), { staticOnly: true });
  const nats = [...bare].filter(([spec]) => spec.startsWith('@nats-io/'));
  assert(nats.length === 0, `dist/cli.js loads ${nats.map(([spec, from]) => `${spec} (from ${from.join(', ')})`).join(', ')} at start-up; a user without the optional NATS peers could not run scan`);
  const { bare: all } = moduleGraph(path.join(ROOT, 'dist/cli.js'));
  assert([...all.keys()].some((spec) => spec.startsWith('@nats-io/')), 'dist/cli.js never reaches @nats-io: the NATS commands lost their dynamic import');
  return `${files.size} file(s) at start-up, @nats-io reached only through import()`;
});

/**
 * Follows relative imports/requires (static, re-exports, dynamic with a string literal) from a
 * built file. Returns the files visited and the bare specifiers reached (→ importing files).
 * esbuild output is regular enough for a lexical scan; a false hit is loud, not silent.
 */
function moduleGraph(start, { staticOnly = false } = {}) {
  const patterns = [
    /(?:^|[\s;}])(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["']([^"'\n]+)["']/g,
    ...(staticOnly ? [] : [/\bimport\s*\(\s*["']([^"'\n]+)["']\s*[,)]/g]),
    /\brequire\s*\(\s*["']([^"'\n]+)["']\s*\)/g,
  ];
  const files = new Set();
  const bare = new Map();
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop();
    if (files.has(file)) continue;
    files.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const re of patterns) {
      for (const m of text.matchAll(re)) {
        const spec = m[1];
        const rel = path.relative(ROOT, file);
        if (spec.startsWith('.')) {
          const target = path.resolve(path.dirname(file), spec);
          assert(fs.existsSync(target), `${rel} imports ${spec}, which does not exist`);
          queue.push(target);
        } else {
          bare.set(spec, [...(bare.get(spec) ?? []), rel]);
        }
      }
    }
  }
  return { files, bare };
}

// 1. Pack once; lint, type-analyse and install that same tarball.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tidewatch-check-'));
const scratch = path.join(work, 'consumer');
let tarball;

const packed = await check('npm pack', async () => {
  const r = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work]);
  assert(r.code === 0, describe(r, 'npm pack'));
  const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
  tarball = path.join(work, info.filename);
  const inTarball = new Set(info.files.map((f) => f.path));
  const missing = declaredFiles.filter((f) => !inTarball.has(f));
  assert(missing.length === 0, `files referenced by package.json are not in the tarball: ${missing.join(', ')}`);
  const stray = [...inTarball].filter((f) => !/^(dist\/|package\.json$|README|LICEN[CS]E|CHANGELOG)/i.test(f));
  assert(stray.length === 0, `unexpected files in the tarball: ${stray.join(', ')}`);
  return `${info.filename}, ${info.files.length} files, ${kb(info.size)} packed / ${kb(info.unpackedSize)} unpacked`;
});

if (!packed) {
  finish();
} else {
  // attw and the scratch install are the slow parts and independent: start them together.
  const attwRun = run(path.join(ROOT, 'node_modules', '.bin', 'attw'), [
    tarball, '--profile', 'node16', '--format', 'json', '--no-definitely-typed', '--no-color',
  ]);
  fs.mkdirSync(scratch);
  fs.writeFileSync(
    path.join(scratch, 'package.json'),
    `${JSON.stringify({ name: 'tidewatch-consumer-smoke', private: true, type: 'module' }, null, 2)}\n`,
  );
  for (const f of fs.readdirSync(SMOKE)) fs.copyFileSync(path.join(SMOKE, f), path.join(scratch, f));
  const installRun = run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, ...CONSUMER_DEPS, ...NATS_PEERS.map((p) => `${p}@${pkg.devDependencies[p]}`)],
    { cwd: scratch, timeoutMs: 300_000 },
  );

  await check('publint --strict (tarball)', async () => {
    const { publint } = await import('publint');
    const { formatMessage } = await import('publint/utils');
    const { messages, pkg: packedPkg } = await publint({
      level: 'suggestion',
      strict: true,
      pack: { tarball: toArrayBuffer(fs.readFileSync(tarball)) },
    });
    assert(
      messages.length === 0,
      `publint reported ${messages.length} message(s) (strict: all fail):\n` +
        messages.map((m) => `  [${m.type}] ${m.code}: ${stripAnsi(formatMessage(m, packedPkg) ?? '')}`).join('\n'),
    );
    return 'no messages';
  });

  await check('attw --profile node16 (tarball)', async () => {
    const r = await attwRun;
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      // attw 0.18.2 + fflate 0.8.3 cannot read any tarball (attw#262); its default table output
      // even exits 0 then, which is why this script reads the JSON report instead of the exit code.
      const known = /reading 'filename'/.test(r.stdout + r.stderr)
        ? '\nThis is attw#262 (@arethetypeswrong/core 0.18.2 with fflate 0.8.3 unpacks no file); ' +
          'fixed in @arethetypeswrong/cli 0.18.3+: `npm install -D -E @arethetypeswrong/cli@0.18.5`.'
        : '';
      fail(`attw produced no report: ${describe(r, 'attw <tarball> --profile node16 --format json')}${known}`);
    }
    const analysis = report.analysis;
    assert(analysis?.types?.kind === 'included', `attw: expected bundled types, got ${JSON.stringify(analysis?.types)}`);
    const all = analysis.problems ?? [];
    // Profile node16 = all resolution kinds except node10 (TS "moduleResolution": "node"), which
    // predates "exports" and cannot see subpaths like tidewatch/ingest. engines.node is >=20.
    const byProfile = all.filter((p) => p.resolutionKind === 'node10');
    const rule = (p) => p.kind.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
    const considered = all.filter((p) => p.resolutionKind !== 'node10');
    const ignored = considered.filter((p) => rule(p) in ATTW_IGNORED);
    const real = considered.filter((p) => !(rule(p) in ATTW_IGNORED));
    for (const p of ignored) console.log(`        ignoring attw ${rule(p)} at ${p.entrypoint ?? ''}: ${ATTW_IGNORED[rule(p)]}`);
    const where = (p) => [p.entrypoint, p.resolutionKind, p.fileName ?? p.typesFileName].filter(Boolean).join(' ');
    assert(
      real.length === 0 && r.code === 0,
      `attw found ${real.length} problem(s) (exit ${r.code}):\n${real.map((p) => `  ${rule(p)}: ${where(p)}`).join('\n')}`,
    );
    const entrypoints = Object.keys(analysis.entrypoints ?? {}).join(' ');
    const outside = [...new Set(byProfile.map((p) => `${rule(p)} ${p.entrypoint}`))].join(', ');
    return `${entrypoints}: no problems${outside ? ` (not checked, node10 predates "exports": ${outside})` : ''}`;
  });

  const installed = await check('scratch project: npm install <tarball>', async () => {
    const r = await installRun;
    assert(r.code === 0, describe(r, 'npm install <tarball>'));
    const peer = readJsonIfExists(path.join(scratch, 'node_modules', 'zod', 'package.json'));
    return `+ ${CONSUMER_DEPS.join(' ')}; peer zod ${peer?.version ?? 'NOT installed'}`;
  });

  if (!installed) {
    for (const n of ['runtime: ESM import', 'runtime: CJS require', 'runtime: ESM and CJS agree', 'types: tsc nodenext (.ts + .cts)', 'runtime: tidewatch/nats (ESM + CJS)', 'bin: tidewatch --help', 'bin: config --print + compare (packed)', 'bin: share + match (packed)']) {
      skip(n, 'scratch install failed');
    }
  } else {
    let esm;
    let cjs;
    await check('runtime: ESM import', async () => {
      esm = await consumer('esm.mjs', 'dist/index.js', 'dist/ingest.js');
      return `. ${Object.keys(esm.core).length} names, ./ingest ${Object.keys(esm.ingest).length} names, package.json ok`;
    });
    await check('runtime: CJS require', async () => {
      cjs = await consumer('cjs.cjs', 'dist/index.cjs', 'dist/ingest.cjs');
      return `. ${Object.keys(cjs.core).length} names, ./ingest ${Object.keys(cjs.ingest).length} names, package.json ok`;
    });
    if (esm && cjs) {
      await check('runtime: ESM and CJS agree', () => {
        for (const entry of ['core', 'ingest']) {
          const a = JSON.stringify(esm[entry]);
          const b = JSON.stringify(cjs[entry]);
          if (a !== b) {
            const keys = new Set([...Object.keys(esm[entry]), ...Object.keys(cjs[entry])]);
            const diff = [...keys].filter((k) => esm[entry][k] !== cjs[entry][k]);
            fail(`${entry}: ESM and CJS differ on ${diff.map((k) => `${k} (esm ${esm[entry][k] ?? '-'}, cjs ${cjs[entry][k] ?? '-'})`).join(', ')}`);
          }
        }
        assert(JSON.stringify(esm.sample) === JSON.stringify(cjs.sample), 'ESM and CJS builds compute different results');
        return 'same names, same typeof, same results';
      });
    } else skip('runtime: ESM and CJS agree', 'a runtime check failed');

    await check('types: tsc nodenext (.ts + .cts)', async () => {
      const tsc = path.join(scratch, 'node_modules', 'typescript', 'bin', 'tsc');
      const r = await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFiles', '--pretty', 'false'], { cwd: scratch });
      const lines = r.stdout.split('\n').map((l) => l.trim());
      const listed = new Set(lines.filter((l) => l.startsWith('/') && fs.existsSync(l)));
      if (r.code !== 0) {
        const diagnostics = lines.filter((l) => l !== '' && !listed.has(l)).join('\n');
        fail(`\`tsc --noEmit -p tsconfig.json\` (nodenext) exited ${r.code}\n${tail(`${diagnostics}\n${r.stderr}`, 40)}`);
      }
      const want = ['index.d.ts', 'index.d.cts', 'ingest.d.ts', 'ingest.d.cts'].map((f) =>
        path.join(fs.realpathSync(scratch), 'node_modules', 'tidewatch', 'dist', f),
      );
      const notUsed = want.filter((f) => !listed.has(f));
      assert(notUsed.length === 0, `tsc passed but never loaded ${notUsed.map((f) => path.basename(f)).join(', ')} — conditions resolve elsewhere`);
      return 'ESM→.d.ts, CJS→.d.cts, skipLibCheck off';
    });

    await check('runtime: tidewatch/nats (ESM + CJS)', async () => {
      const esmCode = `const m = await import('tidewatch/nats'); console.log(JSON.stringify({ resolved: import.meta.resolve('tidewatch/nats'), names: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v])) }));`;
      const cjsCode = `const m = require('tidewatch/nats'); console.log(JSON.stringify({ resolved: require.resolve('tidewatch/nats'), names: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, typeof v])) }));`;
      const out = [];
      for (const [kind, args, target] of [['ESM', ['--input-type=module', '-e', esmCode], 'dist/nats.js'], ['CJS', ['--input-type=commonjs', '-e', cjsCode], 'dist/nats.cjs']]) {
        const r = await run(process.execPath, args, { cwd: scratch, timeoutMs: 30_000 });
        assert(r.code === 0, describe(r, `node (${kind}) import tidewatch/nats`));
        const got = JSON.parse(r.stdout.trim().split('\n').pop());
        assert(got.resolved.replace(/^file:\/\//, '').split(path.sep).join('/').endsWith(`/tidewatch/${target}`), `${kind}: 'tidewatch/nats' resolved to ${got.resolved}, expected ${target}`);
        const missing = NATS_EXPORTS.filter((n) => got.names[n] !== 'function');
        assert(missing.length === 0, `${kind}: 'tidewatch/nats' lacks function export(s): ${missing.join(', ')}`);
        out.push(`${kind} ${Object.keys(got.names).length} names`);
      }
      return `${out.join(', ')}; peers ${NATS_PEERS.map((p) => `${p.split('/')[1]}@${pkg.devDependencies[p]}`).join(' ')}`;
    });

    await check('bin: tidewatch --help', async () => {
      const bin = path.join(scratch, 'node_modules', '.bin', 'tidewatch');
      assert(fs.existsSync(bin), 'node_modules/.bin/tidewatch was not installed');
      const r = await run(bin, ['--help'], { cwd: scratch, timeoutMs: 30_000 });
      assert(r.code === 0, describe(r, 'tidewatch --help'));
      assert(r.stdout.trim() !== '', '`tidewatch --help` printed nothing on stdout');
      return JSON.stringify(r.stdout.trim().split('\n', 1)[0].slice(0, 60));
    });
    await check('bin: npx tidewatch scan (packed install)', async () => {
      const data = path.join(ROOT, 'examples', 'data');
      const args = ['tidewatch', 'scan', path.join(data, 'transactions.csv'), '--accounts', path.join(data, 'accounts.csv'),
        '--parties', path.join(data, 'parties.csv'), '--jurisdiction', 'MY', '--format', 'ndjson'];
      const r = await run('npx', ['--no-install', ...args], { cwd: scratch, timeoutMs: 120_000 });
      assert(r.code === 0, describe(r, 'npx tidewatch scan'));
      const alerts = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
      assert(alerts.length > 0 && alerts.every((a) => a.schema === 'tidewatch/alert@1'), 'scan printed no tidewatch/alert@1 alerts');
      fs.writeFileSync(path.join(scratch, 'all-alerts.ndjson'), r.stdout); // reused by the share + match check
      return `${alerts.length} alerts; ${r.stderr.trim().split('\n').pop().slice(0, 70)}`;
    });
    await check('bin: scan --workers 2 = --workers 1 (packed, real worker threads)', async () => {
      const data = path.join(ROOT, 'examples', 'data');
      const args = (workers) => ['--no-install', 'tidewatch', 'scan', path.join(data, 'transactions.csv'), '--accounts', path.join(data, 'accounts.csv'),
        '--parties', path.join(data, 'parties.csv'), '--jurisdiction', 'MY', '--format', 'ndjson', '--min-score', '0', '--workers', String(workers)];
      const one = await run('npx', args(1), { cwd: scratch, timeoutMs: 120_000 });
      const two = await run('npx', args(2), { cwd: scratch, timeoutMs: 120_000 });
      assert(one.code === 0 && two.code === 0, describe(one.code === 0 ? two : one, 'npx tidewatch scan --workers'));
      assert(one.stdout.length > 0 && one.stdout === two.stdout, 'scan --workers 2 printed other alerts than --workers 1');
      return `${one.stdout.trim().split('\n').length} alerts byte-identical`;
    });
    await check('bin: config --print + compare (packed)', async () => {
      const data = path.join(ROOT, 'examples', 'data');
      const printed = await run('npx', ['--no-install', 'tidewatch', 'config', '--print'], { cwd: scratch, timeoutMs: 30_000 });
      assert(printed.code === 0, describe(printed, 'npx tidewatch config --print'));
      const config = JSON.parse(printed.stdout);
      fs.writeFileSync(path.join(scratch, 'a.json'), printed.stdout);
      fs.writeFileSync(path.join(scratch, 'b.json'), JSON.stringify({ ...config, rules: { ...config.rules, round_amounts: false } }));
      const r = await run('npx', ['--no-install', 'tidewatch', 'compare', path.join(data, 'transactions.csv'), '--config', 'a.json', '--config', 'b.json',
        '--accounts', path.join(data, 'accounts.csv'), '--parties', path.join(data, 'parties.csv'), '--labels', path.join(data, 'labels.csv'),
        '--jurisdiction', 'MY', '--format', 'json'], { cwd: scratch, timeoutMs: 120_000 });
      assert(r.code === 0, describe(r, 'npx tidewatch compare'));
      const c = JSON.parse(r.stdout);
      assert(Array.isArray(c.onlyA) && Array.isArray(c.onlyB) && c.changed.length > 0, 'compare --format json has no onlyA/onlyB/changed');
      assert(c.a.metrics !== undefined && c.differences.join() === 'round_amounts: disabled in B', 'compare lost the labels or the difference');
      return `A ${c.a.alerts} / B ${c.b.alerts} alerts, ${c.changed.length} changed; ${r.stderr.trim().split('; ').pop().slice(0, 60)}`;
    });
    await check('bin: share + match (packed)', async () => {
      const data = path.join(ROOT, 'examples', 'data');
      const tidewatch = (args, timeoutMs = 120_000) => run('npx', ['--no-install', 'tidewatch', ...args], { cwd: scratch, timeoutMs });
      const lines = fs.readFileSync(path.join(data, 'transactions.csv'), 'utf8').trimEnd().split('\n');
      fs.writeFileSync(path.join(scratch, 'first-half.csv'), `${lines.slice(0, Math.ceil(lines.length / 2)).join('\n')}\n`);
      for (const k of ['k1.key', 'k2.key']) {
        const r = await tidewatch(['share', '--new-key', k], 30_000);
        assert(r.code === 0, describe(r, `tidewatch share --new-key ${k}`));
      }
      const ref = ['--accounts', path.join(data, 'accounts.csv'), '--parties', path.join(data, 'parties.csv')];
      // Two periods of the demo bank as two packages under one key (p1: the whole period, alerts of the
      // scan check as NDJSON; p2: its first half), and p2's alerts again under another key (p3).
      if (!fs.existsSync(path.join(scratch, 'all-alerts.ndjson'))) fail('the scan check left no alerts to share');
      const scanned = await tidewatch(['scan', 'first-half.csv', ...ref, '--jurisdiction', 'MY', '--format', 'ndjson', '--out', 'half-alerts.ndjson']);
      assert(scanned.code === 0, describe(scanned, 'tidewatch scan first-half.csv'));
      for (const [name, alerts, key] of [['p1', 'all', 'k1.key'], ['p2', 'half', 'k1.key'], ['p3', 'half', 'k2.key']]) {
        const shared = await tidewatch(['share', `${alerts}-alerts.ndjson`, '--key-file', key, ...ref, '--out', `${name}.json`]);
        assert(shared.code === 0, describe(shared, 'tidewatch share'));
        const text = fs.readFileSync(path.join(scratch, `${name}.json`), 'utf8');
        assert(JSON.parse(text).schema === 'tidewatch/shared-alert@1', 'share wrote no tidewatch/shared-alert@1 package');
        const plain = fs.readFileSync(path.join(scratch, `${alerts}-alerts.ndjson`), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
          .filter((a) => a.entity.kind === 'account').map((a) => a.entity.id);
        assert(plain.length > 0 && plain.every((id) => !text.includes(id)), 'a plaintext account number reached the package');
      }
      const same = await tidewatch(['match', 'p1.json', 'p2.json', '--format', 'json'], 30_000);
      assert(same.code === 0, describe(same, 'tidewatch match p1 p2'));
      const other = await tidewatch(['match', 'p1.json', 'p3.json', '--format', 'json'], 30_000);
      assert(other.code === 0, describe(other, 'tidewatch match p1 p3'));
      const m1 = JSON.parse(same.stdout).matches;
      const m2 = JSON.parse(other.stdout).matches;
      assert(m1.length > 0, 'the same key matched nothing');
      assert(Array.isArray(m2) && m2.length === 0, 'different keys matched');
      return `same key ${m1.length} matches, other key 0`;
    });
  }
  finish();
}

/** Runs a consumer fixture and checks what it reports. */
async function consumer(file, coreTarget, ingestTarget) {
  const r = await run(process.execPath, [file], { cwd: scratch, timeoutMs: 30_000 });
  assert(r.code === 0, describe(r, `node ${file}`));
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  const resolvedTo = (p) => p.replace(/^file:\/\//, '').split(path.sep).join('/');
  assert(resolvedTo(out.resolved.core).endsWith(`/tidewatch/${coreTarget}`), `'tidewatch' resolved to ${out.resolved.core}, expected ${coreTarget}`);
  assert(resolvedTo(out.resolved.ingest).endsWith(`/tidewatch/${ingestTarget}`), `'tidewatch/ingest' resolved to ${out.resolved.ingest}, expected ${ingestTarget}`);
  for (const [entry, key] of [['tidewatch', 'core'], ['tidewatch/ingest', 'ingest']]) {
    const names = Object.keys(out[key]);
    assert(names.length > 0, `'${entry}' exports nothing`);
    const missing = REQUIRED_EXPORTS[entry].filter((n) => out[key][n] !== 'function');
    assert(missing.length === 0, `'${entry}' lacks function export(s): ${missing.join(', ')}`);
  }
  assert(out.named.every((t) => t === 'function'), `named imports resolved to ${out.named.join(', ')}`);
  assert(out.pkg.name === pkg.name && out.pkg.version === pkg.version, `package.json import gave ${JSON.stringify(out.pkg)}`);
  const { amount, instant, transaction } = out.sample;
  assert(amount?.ok === true && amount.minor === 950010, `parseAmount('9500.10','USD') gave ${JSON.stringify(amount)}`);
  assert(instant?.ok === true && instant.ms === 1740792600000, `parseInstant(...) gave ${JSON.stringify(instant)}`);
  assert(transaction === true, 'parseTransaction rejected a valid record');
  return out;
}

function kb(n) {
  return `${(n / 1024).toFixed(1)} kB`;
}

function toArrayBuffer(buf) {
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
}

function readJsonIfExists(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

function finish() {
  const failed = results.filter((r) => !r.ok);
  const passed = results.length - failed.length;
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  if (failed.length === 0 && !KEEP) fs.rmSync(work, { recursive: true, force: true });
  else console.log(`  scratch project kept at ${scratch}`);
  if (failed.length > 0) console.log(`\ncheck-package: FAILED ${failed.map((f) => f.name).join('; ')}`);
  console.log(`check-package: done in ${secs}s`);
  // Last line in the plain "N passed, N failed" form that CI logs are read for.
  console.log(`check-package: ${passed} passed, ${failed.length} failed`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}
