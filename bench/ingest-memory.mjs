#!/usr/bin/env node
// Memory of the reading phase alone: ingestTransactions over one file with a consumer that only
// counts, sampling process.memoryUsage() every 100 ms. Prints one JSON line: peak RSS (sampled and
// the kernel's max RSS), peak heap used, peak external/array-buffer bytes, heap used after the
// read (after a GC when run with --expose-gc), rows/s.
// Usage: npm run build && node --expose-gc bench/ingest-memory.mjs --file /tmp/tx-10m-1800d.csv [--dist .tmp/dist-before]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { file: { type: 'string' }, dist: { type: 'string' }, every: { type: 'string' } } });
if (values.file === undefined) throw new Error('--file is required');
const dist = resolve(values.dist ?? 'dist');
const { ingestTransactions } = await import(pathToFileURL(`${dist}/ingest.js`).href);

const MB = 1024 * 1024;
const peak = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0, arrayBuffers: 0 };
const sample = () => {
  const m = process.memoryUsage();
  for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k]);
};
const timer = setInterval(sample, Number(values.every ?? 100));
const t0 = performance.now();
const c0 = process.cpuUsage();
let accepted = 0;
const summary = await ingestTransactions(values.file, {}, (b) => { accepted += b.transactions.length; });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
sample();
clearInterval(timer);
const before = process.memoryUsage();
globalThis.gc?.();
const after = process.memoryUsage();
const round = (x) => Math.round(x / MB);
process.stdout.write(`${JSON.stringify({
  file: values.file,
  dist,
  read: summary.read,
  accepted,
  duplicates: summary.duplicates,
  rejected: summary.rejected,
  seconds: +seconds.toFixed(1),
  cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(1),
  rowsPerSecond: Math.round(summary.read / seconds),
  peakRssMB: round(peak.rss),
  maxRssMB: round(process.resourceUsage().maxRSS * 1024),
  peakHeapUsedMB: round(peak.heapUsed),
  peakHeapTotalMB: round(peak.heapTotal),
  peakExternalMB: round(peak.external),
  peakArrayBuffersMB: round(peak.arrayBuffers),
  endHeapUsedMB: round(before.heapUsed),
  endHeapUsedAfterGcMB: globalThis.gc === undefined ? null : round(after.heapUsed),
  endExternalAfterGcMB: globalThis.gc === undefined ? null : round(after.external),
})}\n`);
