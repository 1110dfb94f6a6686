#!/usr/bin/env node
// tidewatch benchmarks: end to end vs DuckDB, streaming latency, state memory, flat memory.
// `npm run bench` builds dist/ and runs this with the defaults (1M rows: e2e + stream + memory).
//
//   node bench/run.mjs [--rows 1000000] [--runs 3] [--parts e2e,stream,memory] [--flat]
//                      [--stream-rows N] [--duck-sample 2000] [--dist dist] [--seed 1] [--tag name] [--one-worker]
//
// --one-worker adds a full-rules e2e scan with --workers 1 beside the default (one worker per core).
// --parts   any of e2e, stream, memory (comma-separated); --flat adds the 3M-row flat-memory run
//           (3M rows over 540 days against 1M over 180: same accounts, same density, 3x the history).
// Data is generated deterministically under bench/data/ (git-ignored) when missing; results go to
// bench/results/<tag or rows>.json and a Markdown summary is printed.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';
import { child, fmt, likeForLikeRules, machine, measured, median, writeRuleConfig } from './lib/common.mjs';

const { values } = parseArgs({
  options: {
    rows: { type: 'string' }, runs: { type: 'string' }, parts: { type: 'string' }, flat: { type: 'boolean' },
    'stream-rows': { type: 'string' }, 'duck-sample': { type: 'string' }, dist: { type: 'string' }, seed: { type: 'string' },
    tag: { type: 'string' }, 'one-worker': { type: 'boolean' },
  },
});
const rows = Number(values.rows ?? 1_000_000);
const runs = Number(values.runs ?? 3);
const parts = new Set((values.parts ?? 'e2e,stream,memory').split(',').map((s) => s.trim()));
const dist = values.dist ?? 'dist';
const seed = Number(values.seed ?? 1);
const streamRows = values['stream-rows'] === undefined ? rows : Number(values['stream-rows']);
const duckSample = Number(values['duck-sample'] ?? 2000);
const tw = await import(`${pathToFileURL(resolve(dist)).href}/index.js`);

async function dataFile(n, days = 180) {
  const file = days === 180 ? `bench/data/tx-${n}.csv` : `bench/data/tx-${n}-${days}d.csv`;
  if (!existsSync(file)) {
    console.error(`generating ${file} …`);
    await generate({ rows: n, out: file, seed, days });
  }
  return file;
}

const file = await dataFile(rows);
const fileMB = statSync(file).size / 1e6;
const l4l = likeForLikeRules(tw.RULE_FACTORIES);
const l4lConfig = writeRuleConfig('bench/data/like-for-like.config.json', tw.RULE_FACTORIES, l4l);
const results = { machine: machine(), rows, file, fileMB: +fileMB.toFixed(1), runs, seed, dist, ruleSets: { full: tw.defaultRules().map((r) => r.id), likeForLike: l4l } };
const log = (s) => console.error(s);

async function cliScan(extra) {
  const r = await measured(process.execPath, [`${dist}/cli.js`, 'scan', file, '--jurisdiction', 'MY', '--format', 'ndjson', '--out', '/dev/null', ...extra]);
  if (r.code !== 0) throw new Error(`tidewatch scan failed: ${r.stderr.slice(-2000)}`);
  const alerts = Number(/; (\d+) alerts/.exec(r.stderr)?.[1]);
  return { seconds: r.seconds, cpuSeconds: r.userSeconds + r.systemSeconds, peakRssMB: r.peakRssMB, alerts, rssMethod: r.rssMethod };
}
const duck = (method, threads) =>
  child('bench/lib/duckdb-batch.mjs', ['--file', file, '--fanin', method, ...(threads ? ['--threads', String(threads)] : [])]).then((r) => ({ ...r, cpuSeconds: r.userSeconds + r.systemSeconds }));

function summarise(samples) {
  const seconds = median(samples.map((s) => s.seconds));
  return {
    seconds: +seconds.toFixed(2),
    rowsPerSecond: Math.round(rows / seconds),
    mbPerSecond: +(fileMB / seconds).toFixed(1),
    cpuSeconds: +median(samples.map((s) => s.cpuSeconds)).toFixed(2),
    peakRssMB: Math.max(...samples.map((s) => s.peakRssMB)),
    samples: samples.map((s) => +s.seconds.toFixed(2)),
  };
}

if (parts.has('e2e')) {
  // Interleaved rounds, so background load on the shared machine falls on every contestant alike.
  const s = { full: [], full1: [], l4l: [], duck: [] };
  const extras = {};
  for (let i = 0; i < runs; i++) {
    log(`e2e round ${i + 1}/${runs}: tidewatch (full rules) …`);
    s.full.push(await cliScan([]));
    if (values['one-worker']) {
      log(`e2e round ${i + 1}/${runs}: tidewatch (full rules, one worker thread) …`);
      s.full1.push(await cliScan(['--workers', '1']));
    }
    log(`e2e round ${i + 1}/${runs}: tidewatch (like-for-like rules) …`);
    s.l4l.push(await cliScan(['--config', l4lConfig]));
    log(`e2e round ${i + 1}/${runs}: DuckDB …`);
    const d = await duck('window');
    s.duck.push({ ...d, seconds: d.wallSeconds });
  }
  log('e2e: DuckDB alternatives (self-join, list aggregation, one thread) …');
  for (const [name, method, threads] of [['selfJoin', 'selfjoin'], ['listAggregation', 'list'], ['windowDistinctOneThread', 'window', 1]]) {
    const d = await duck(method, threads);
    extras[name] = { seconds: +d.wallSeconds.toFixed(2), inProcessSeconds: +d.seconds.toFixed(2), cpuSeconds: +d.cpuSeconds.toFixed(2), peakRssMB: d.peakRssMB, faninSeconds: +d.rules.fanin7d.seconds.toFixed(2), threads: d.threads };
  }
  const full = summarise(s.full);
  const like = summarise(s.l4l);
  const dk = summarise(s.duck);
  results.e2e = {
    command: `node ${dist}/cli.js scan ${file} --jurisdiction MY --format ndjson --out /dev/null`,
    rssMethod: s.full[0].rssMethod,
    tidewatchFull: { ...full, alerts: s.full[0].alerts, workers: 'default (available cores)' },
    ...(s.full1.length > 0 ? { tidewatchFullOneWorker: { ...summarise(s.full1), alerts: s.full1[0].alerts } } : {}),
    tidewatchLikeForLike: { ...like, alerts: s.l4l[0].alerts, config: l4lConfig },
    duckdb: {
      ...dk,
      method: "count(DISTINCT from_account) OVER (PARTITION BY to_account ORDER BY ts RANGE …) for fan-in (DuckDB 1.5 accepts DISTINCT in window frames); RANGE-window sum/count for structuring; wall time of a child process including the CSV read",
      threads: s.duck[0].threads,
      loadSeconds: +median(s.duck.map((d) => d.loadSeconds)).toFixed(2),
      rules: s.duck[0].rules,
      alternatives: extras,
    },
    ratios: {
      fullOverDuckdb: +(full.seconds / dk.seconds).toFixed(2),
      likeForLikeOverDuckdb: +(like.seconds / dk.seconds).toFixed(2),
      fullOverDuckdbSelfJoin: +(full.seconds / extras.selfJoin.seconds).toFixed(2),
      likeForLikeOverDuckdbSelfJoin: +(like.seconds / extras.selfJoin.seconds).toFixed(2),
    },
    // Issue 9's "must reach": full rules within 10x DuckDB, like-for-like within 2.5x, 400 MB.
    targets: {
      fullTimeRatioMax: 10,
      likeForLikeTimeRatioMax: 2.5,
      fullTimeMet: full.seconds / dk.seconds <= 10,
      likeForLikeTimeMet: like.seconds / dk.seconds <= 2.5,
      peakRssMaxMB: 400,
      fullRssMet: full.peakRssMB <= 400,
      likeForLikeRssMet: like.peakRssMB <= 400,
    },
  };
}

if (parts.has('stream')) {
  results.stream = {};
  for (const set of ['l4l', 'full']) {
    log(`stream: tidewatch monitor, ${set} rules, ${fmt(streamRows)} pushes …`);
    const r = await child('bench/lib/stream-child.mjs', ['--file', file, '--rules', set, '--rows', String(streamRows), '--dist', dist]);
    results.stream[set === 'l4l' ? 'tidewatchLikeForLike' : 'tidewatchFull'] = { ...r, targets: { txPerSecondMin: 50_000, p99UsMax: 100, throughputMet: r.txPerSecond >= 50_000, p99Met: r.latencyUs.p99 <= 100 } }; // issue 9's must-reach (aim: 100k, 50 µs)
  }
  log(`stream: DuckDB insert + query per transaction, ${duckSample} transactions after ${fmt(rows - duckSample)} rows of history …`);
  results.stream.duckdb = await child('bench/lib/duckdb-stream.mjs', ['--file', file, '--sample', String(duckSample)]);
}

const memory = (f, set) => child('bench/lib/memory-child.mjs', ['--file', f, '--rules', set, '--dist', dist], ['--expose-gc']);
if (parts.has('memory') || values.flat) {
  results.memory = {};
  for (const set of ['full', 'l4l']) {
    log(`memory: monitor state after ${fmt(rows)} rows, ${set} rules …`);
    const r = await memory(file, set);
    results.memory[set === 'l4l' ? 'likeForLike' : 'full'] = { ...r, targets: { bytesPerEntityMax: 1024, bytesPerEventMax: 32, met: r.stateOverBudget !== null && r.stateOverBudget <= 1 } };
  }
}
if (values.flat) {
  const big = rows * 3;
  const bigFile = await dataFile(big, 540);
  log(`flat: monitor state after ${fmt(big)} rows over 540 days (full rules) …`);
  const r = await memory(bigFile, 'full');
  const base = results.memory.full;
  results.flat = {
    small: { rows, days: 180, stateMB: base.stateMB, entities: base.entities, windowEvents: base.windowEvents },
    large: { rows: big, days: 540, file: bigFile, stateMB: r.stateMB, entities: r.entities, windowEvents: r.windowEvents, stats: r.stats },
    ratio: +(r.stateMB / base.stateMB).toFixed(2),
    met: r.stateMB <= base.stateMB * 1.05,
  };
}

mkdirSync('bench/results', { recursive: true });
const out = `bench/results/${values.tag ?? `run-${rows}`}.json`;
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);

// Summary
const lines = [`tidewatch benchmarks — ${results.machine.cpu} (${results.machine.cores} cores), Node ${results.machine.node}, ${results.machine.date.slice(0, 10)}, ${fmt(rows)} rows (${fmt(fileMB, 1)} MB)${results.machine.mallocArenaMax === null ? '' : `, MALLOC_ARENA_MAX=${results.machine.mallocArenaMax}`}`, ''];
lines.push('| measure | result | target | met |', '|---|---|---|---|');
const yes = (b) => (b ? 'yes' : '**no**');
if (results.e2e) {
  const e = results.e2e;
  lines.push(`| e2e tidewatch, full default rules (${results.ruleSets.full.length}) | ${e.tidewatchFull.seconds} s · ${fmt(e.tidewatchFull.rowsPerSecond)} rows/s · ${e.tidewatchFull.mbPerSecond} MB/s · peak RSS ${e.tidewatchFull.peakRssMB} MB | | |`);
  if (e.tidewatchFullOneWorker) lines.push(`| e2e tidewatch, full rules, one worker thread | ${e.tidewatchFullOneWorker.seconds} s · ${fmt(e.tidewatchFullOneWorker.rowsPerSecond)} rows/s · peak RSS ${e.tidewatchFullOneWorker.peakRssMB} MB | | |`);
  lines.push(`| e2e tidewatch, like-for-like (${l4l.ids.join(' + ')}) | ${e.tidewatchLikeForLike.seconds} s · ${fmt(e.tidewatchLikeForLike.rowsPerSecond)} rows/s · ${e.tidewatchLikeForLike.mbPerSecond} MB/s · peak RSS ${e.tidewatchLikeForLike.peakRssMB} MB | | |`);
  lines.push(`| e2e DuckDB, 3 reference rules (${e.duckdb.threads} threads) | ${e.duckdb.seconds} s · ${fmt(e.duckdb.rowsPerSecond)} rows/s · peak RSS ${e.duckdb.peakRssMB} MB (self-join fan-in: ${e.duckdb.alternatives.selfJoin.seconds} s) | | |`);
  lines.push(`| ratio full / DuckDB | ${e.ratios.fullOverDuckdb}× (vs self-join ${e.ratios.fullOverDuckdbSelfJoin}×) | ≤ 10× | ${yes(e.targets.fullTimeMet)} |`);
  lines.push(`| ratio like-for-like / DuckDB | ${e.ratios.likeForLikeOverDuckdb}× (vs self-join ${e.ratios.likeForLikeOverDuckdbSelfJoin}×) | ≤ 2.5× | ${yes(e.targets.likeForLikeTimeMet)} |`);
  lines.push(`| peak RSS full / like-for-like | ${e.tidewatchFull.peakRssMB} / ${e.tidewatchLikeForLike.peakRssMB} MB | ≤ 400 MB | ${yes(e.targets.fullRssMet)} / ${yes(e.targets.likeForLikeRssMet)} |`);
}
if (results.stream) {
  for (const [k, label] of [['tidewatchLikeForLike', 'like-for-like'], ['tidewatchFull', 'full rules']]) {
    const s = results.stream[k];
    lines.push(`| stream ${label}: tx/s | ${fmt(s.txPerSecond)} | ≥ 50,000 | ${yes(s.targets.throughputMet)} |`);
    lines.push(`| stream ${label}: p50 / p99 per push | ${s.latencyUs.p50} / ${s.latencyUs.p99} µs | p99 ≤ 100 µs | ${yes(s.targets.p99Met)} |`);
  }
  const d = results.stream.duckdb;
  lines.push(`| stream DuckDB insert + query | ${fmt(d.txPerSecond)} tx/s · p50 ${d.latencyUs.p50} µs · p99 ${d.latencyUs.p99} µs (${d.sample} tx) | contrast | |`);
}
if (results.memory) {
  for (const [k, label] of [['full', 'full rules'], ['likeForLike', 'like-for-like']]) {
    const m = results.memory[k];
    lines.push(`| state, ${label}: ${fmt(m.entities)} entities, ${fmt(m.windowEvents)} window events | ${m.stateMB} MB = ${fmt(m.bytesPerEntityAll)} B/entity all-in; ${fmt(m.bytesPerEventAfter1KBPerEntity)} B/event after 1 KB/entity | 1 KB/entity + 32 B/event (${m.budgetMB} MB) | ${yes(m.targets.met)} (${m.stateOverBudget}× budget) |`);
  }
}
if (results.flat) {
  lines.push(`| flat: state after ${fmt(results.flat.large.rows)} rows (540 d) vs ${fmt(rows)} (180 d) | ${results.flat.large.stateMB} MB vs ${results.flat.small.stateMB} MB (${results.flat.ratio}×) | ≤ 1× | ${yes(results.flat.met)} |`);
}
lines.push('', `results: ${out}`);
console.log(lines.join('\n'));
