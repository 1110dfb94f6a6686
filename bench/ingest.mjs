#!/usr/bin/env node
// Ingest + validation throughput on a generated canonical CSV: rows/s, MB/s and peak RSS for the
// built-in reader with the fast validator, the zod validator, and fast-csv.
// Usage: npm run build && node bench/ingest.mjs [--rows 1000000] [--runs 3]
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';
import { machine } from './lib/common.mjs';

const { values } = parseArgs({ options: { rows: { type: 'string' }, runs: { type: 'string' }, child: { type: 'string' }, file: { type: 'string' }, days: { type: 'string' } } });

if (values.child !== undefined) {
  // One measured run in a fresh process, so peak RSS belongs to this configuration alone.
  const { ingestTransactions } = await import('../dist/ingest.js');
  const [parser, validator] = values.child.split(':');
  const t0 = performance.now();
  let accepted = 0;
  const s = await ingestTransactions(values.file, { parser, validator }, (b) => { accepted += b.transactions.length; });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, read: s.read, accepted, rejected: s.rejected, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const rows = Number(values.rows ?? 1_000_000);
const runs = Number(values.runs ?? 3);
const days = Number(values.days ?? 180);
const file = days === 180 ? `bench/data/tx-${rows}.csv` : `bench/data/tx-${rows}-${days}d.csv`;
if (!existsSync(file)) await generate({ rows, out: file, days });
const mb = statSync(file).size / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {};
for (const config of ['fast:fast', 'fast:zod', 'fast-csv:fast']) {
  const samples = [];
  for (let i = 0; i < (config === 'fast:fast' ? runs : 1); i++) {
    samples.push(JSON.parse(execFileSync(process.execPath, ['bench/ingest.mjs', '--child', config, '--file', file], { encoding: 'utf8', maxBuffer: 1 << 20 })));
  }
  const seconds = median(samples.map((s) => s.seconds));
  results[config] = { seconds, rowsPerSecond: Math.round(rows / seconds), mbPerSecond: +(mb / seconds).toFixed(1), peakRssMB: Math.round(Math.max(...samples.map((s) => s.maxRssMB))), accepted: samples[0].accepted, runs: samples.length };
  console.log(`${config.padEnd(14)} ${results[config].rowsPerSecond.toLocaleString('en')} rows/s  ${results[config].mbPerSecond} MB/s  peak RSS ${results[config].peakRssMB} MB  (median of ${samples.length}, ${rows.toLocaleString('en')} rows, ${mb.toFixed(1)} MB)`);
}
mkdirSync('bench/results', { recursive: true });
const out = `bench/results/ingest-${rows}.json`;
writeFileSync(out, `${JSON.stringify({ machine: machine(), rows, days, file, fileMB: +mb.toFixed(1), results }, null, 2)}\n`);
console.log(`results: ${out}`);
export default results;
