#!/usr/bin/env node
// Allocation per row: runs scan() over the first N rows of a bench file (one thread, the default
// rules) under V8's sampling heap profiler with the objects already collected included, and prints
// the megabytes allocated in all, per row, and by the functions that allocated most (self, with the
// bundle chunk and line). Allocation is what the scavenges cost follows, and unlike time it does not
// move with the machine's load, so it compares two builds on a busy machine.
// Usage: npm run build && node bench/alloc.mjs --file bench/data/tx-1000000.csv [--rows 100000] [--top 25] [--dist dist] [--out profile.heapprofile]
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { firstRows } from './lib/common.mjs';

const { values } = parseArgs({ options: { file: { type: 'string' }, rows: { type: 'string' }, dist: { type: 'string' }, top: { type: 'string' }, out: { type: 'string' } } });
if (values.file === undefined) throw new Error('--file is required');
const { tw, txs } = await firstRows({ file: values.file, rows: values.rows === undefined ? 100_000 : Number(values.rows), dist: values.dist });

const session = new Session();
session.connect();
await session.post('HeapProfiler.enable');
await session.post('HeapProfiler.startSampling', { samplingInterval: 32_768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
const started = performance.now();
await tw.scan(txs, { jurisdiction: 'MY' });
const seconds = (performance.now() - started) / 1000;
const { profile } = await session.post('HeapProfiler.stopSampling');
if (values.out !== undefined) writeFileSync(values.out, JSON.stringify(profile));

const self = new Map();
let total = 0;
const walk = (node) => {
  const f = node.callFrame;
  const where = f.url === '' ? '(V8 builtin)' : `${f.url.split('/').pop()}:${f.lineNumber + 1}`;
  const key = `${f.functionName || '(anonymous)'} ${where}`;
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const c of node.children) walk(c);
};
walk(profile.head);
const mb = (b) => (b / 2 ** 20).toFixed(0);
console.log(`${txs.length} rows in ${seconds.toFixed(1)} s under the profiler: ${mb(total)} MB allocated, ${(total / txs.length / 1024).toFixed(1)} KB per row (sampled every 32 KB)`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top ?? 25))) console.log(`${mb(v).padStart(7)} MB  ${k}`);
