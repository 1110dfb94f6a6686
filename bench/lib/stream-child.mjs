#!/usr/bin/env node
// Streaming benchmark: `createMonitor` fed one pre-parsed Transaction at a time (latenessMs 0), with
// process.hrtime.bigint() around each push. The transactions are read with tidewatch/ingest and sorted
// by (time, id) first, so none is late and every push releases exactly the one before it.
// Usage: node bench/lib/stream-child.mjs --file F --rules full|l4l [--rows N] [--dist DIR]
// Prints one JSON line with pushes/s, latency percentiles (µs) and the monitor's stats.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { likeForLikeRules, percentile } from './common.mjs';

const { values } = parseArgs({ options: { file: { type: 'string' }, rules: { type: 'string' }, rows: { type: 'string' }, dist: { type: 'string' } } });
const dist = pathToFileURL(resolve(values.dist ?? 'dist')).href;
const tw = await import(`${dist}/index.js`);
const { ingestTransactions } = await import(`${dist}/ingest.js`);

const limit = values.rows === undefined ? Number.POSITIVE_INFINITY : Number(values.rows);
const txs = [];
await ingestTransactions(values.file, {}, (b) => {
  for (const t of b.transactions) if (txs.length < limit) txs.push(t);
});
const byTime = (a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
txs.sort(byTime);

let rules;
if (values.rules === 'l4l') {
  const sel = likeForLikeRules(tw.RULE_FACTORIES);
  rules = sel.ids.map((id) => tw.RULE_FACTORIES[id](sel.options[id]));
}
const monitor = tw.createMonitor({ jurisdiction: 'MY', latenessMs: 0, ...(rules === undefined ? {} : { rules }) });

const n = txs.length;
const ns = new Float64Array(n);
let alerts = 0;
global.gc?.();
const t0 = process.hrtime.bigint();
for (let i = 0; i < n; i++) {
  const a = process.hrtime.bigint();
  const u = monitor.push(txs[i]);
  ns[i] = Number(process.hrtime.bigint() - a);
  alerts += u.alerts.length;
}
const pushSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const f0 = process.hrtime.bigint();
const flushed = monitor.flush();
const flushSeconds = Number(process.hrtime.bigint() - f0) / 1e9;
const sorted = ns.slice().sort();
const us = (x) => +(x / 1000).toFixed(2);
// Latency over time: p99 of each tenth of the stream (does it degrade as state grows?).
const deciles = [];
for (let d = 0; d < 10; d++) {
  const part = ns.slice(Math.floor((d * n) / 10), Math.floor(((d + 1) * n) / 10)).sort();
  deciles.push(us(percentile(part, 99)));
}
const stats = monitor.stats();
process.stdout.write(
  `${JSON.stringify({
    rules: values.rules ?? 'full',
    ruleIds: (rules ?? tw.defaultRules()).map((r) => r.id),
    transactions: n,
    pushSeconds,
    txPerSecond: Math.round(n / pushSeconds),
    latencyUs: { p50: us(percentile(sorted, 50)), p90: us(percentile(sorted, 90)), p99: us(percentile(sorted, 99)), p999: us(percentile(sorted, 99.9)), max: us(sorted[n - 1]), mean: us(pushSeconds * 1e9 / n) },
    p99ByTenth: deciles,
    flushSeconds,
    alertUpdates: alerts,
    flushAlerts: flushed.alerts.length,
    stats,
  })}\n`,
);
