#!/usr/bin/env node
// Monitor state per rule: for each default rule alone (and all of them together), a fresh child
// process pushes the first N rows of a bench file into createMonitor and reports the heap the
// monitor keeps (after full GCs, minus the heap before), its entities and window events. Each
// rule's share is what it keeps beyond the window of the cheapest rule over the same entities.
// Finds which rule's state dominates before touching one (issue 9: 1 KB an entity + 32 B an event).
// Usage: npm run build && node bench/state-by-rule.mjs --file bench/data/tx-1000000.csv [--rows 200000] [--only id,id] [--dist dist]
import { parseArgs } from 'node:util';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const { values } = parseArgs({ options: { file: { type: 'string' }, rows: { type: 'string' }, dist: { type: 'string' }, only: { type: 'string' }, child: { type: 'string' } } });
if (values.file === undefined) throw new Error('--file is required');
const rows = values.rows === undefined ? 200_000 : Number(values.rows);
const dist = resolve(values.dist ?? 'dist');

if (values.child !== undefined) {
  const { firstRows } = await import('./lib/common.mjs');
  const { tw, txs } = await firstRows({ file: values.file, rows, dist });
  const heap = () => {
    for (let i = 0; i < 3; i++) global.gc();
    return process.memoryUsage().heapUsed;
  };
  const rules = values.child === 'all' ? undefined : [tw.RULE_FACTORIES[values.child]()];
  const monitor = tw.createMonitor({ jurisdiction: 'MY', latenessMs: 3_600_000, ...(rules === undefined ? {} : { rules }) });
  // The rows are held by the harness either way: the monitor's windows share them, so they count as neither.
  const before = heap();
  for (let i = 0; i < txs.length; i += 1000) monitor.push(txs.slice(i, i + 1000));
  const after = heap();
  const st = monitor.stats();
  process.stdout.write(JSON.stringify({ rule: values.child, bytes: after - before, entities: st.entities, events: st.windowEvents }));
} else {
  const tw = await import(pathToFileURL(resolve(dist, 'index.js')).href);
  const ids = values.only === undefined ? Object.keys(tw.RULE_FACTORIES) : values.only.split(',');
  const self = fileURLToPath(import.meta.url);
  const run = (id) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', self, '--child', id, '--file', values.file, '--rows', String(rows), '--dist', dist], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  const all = run('all');
  const MB = (b) => (b / 2 ** 20).toFixed(1);
  const results = ids.map(run);
  // Rules over the same entities share the engine's windows and entity records: the cheapest of each
  // such group stands for them, and a rule's own state is what it keeps beyond that.
  const baseOf = new Map();
  for (const r of results) baseOf.set(r.entities, Math.min(baseOf.get(r.entities) ?? Infinity, r.bytes));
  console.log(`first ${rows} rows of ${values.file}; all rules: ${MB(all.bytes)} MB, ${all.entities} entities, ${all.events} window events (${Math.round(all.bytes / all.entities)} B an entity; budget 1 KB + 32 B an event = ${MB(1024 * all.entities + 32 * all.events)} MB)`);
  console.log('engine alone (the cheapest rule over the same entities): ' + [...baseOf].map(([n, b]) => `${MB(b)} MB over ${n}`).join(', '));
  console.log('rule'.padEnd(30) + 'alone MB'.padStart(10) + 'beyond MB'.padStart(11) + 'entities'.padStart(10) + 'events'.padStart(9));
  for (const r of results.sort((a, b) => b.bytes - a.bytes)) {
    const beyond = MB(r.bytes - baseOf.get(r.entities));
    console.log(r.rule.padEnd(30) + MB(r.bytes).padStart(10) + beyond.padStart(11) + String(r.entities).padStart(10) + String(r.events).padStart(9));
  }
}
