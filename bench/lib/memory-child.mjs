#!/usr/bin/env node
// State memory of a streaming monitor after a whole file (run with --expose-gc): the file is read with
// tidewatch/ingest and pushed batch by batch into createMonitor (lateness 1 h, so the generator's
// seconds of jitter are put in order); nothing else keeps the transactions. Heap after full GCs,
// before (monitor created) and after (every row pushed; ingest finished, so its duplicate-id set is
// gone), is divided by the live entities and the live window events (monitor.stats()).
// Usage: node --expose-gc bench/lib/memory-child.mjs --file F [--rules full|l4l] [--dist DIR] [--snapshot FILE]
// --snapshot writes a V8 heap snapshot of the measured state (open it in Chrome DevTools → Memory).
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { likeForLikeRules } from './common.mjs';

const { values } = parseArgs({ options: { file: { type: 'string' }, rules: { type: 'string' }, dist: { type: 'string' }, snapshot: { type: 'string' } } });
if (typeof global.gc !== 'function') throw new Error('run with node --expose-gc');
const dist = pathToFileURL(resolve(values.dist ?? 'dist')).href;
const tw = await import(`${dist}/index.js`);
const { ingestTransactions } = await import(`${dist}/ingest.js`);
const heap = () => {
  for (let i = 0; i < 3; i++) global.gc();
  return process.memoryUsage().heapUsed;
};

let rules;
if (values.rules === 'l4l') {
  const sel = likeForLikeRules(tw.RULE_FACTORIES);
  rules = sel.ids.map((id) => tw.RULE_FACTORIES[id](sel.options[id]));
}
const monitor = tw.createMonitor({ jurisdiction: 'MY', latenessMs: 3_600_000, ...(rules === undefined ? {} : { rules }) });
const before = heap();
const t0 = performance.now();
let alerts = 0;
const summary = await ingestTransactions(values.file, {}, (b) => {
  alerts += monitor.push(b.transactions).alerts.length;
});
const seconds = (performance.now() - t0) / 1000;
const after = heap();
const stats = monitor.stats();
const bytes = after - before;
const entities = stats.entities;
const events = stats.windowEvents;
const out = {
  rules: values.rules ?? 'full',
  rows: summary.read,
  seconds,
  stateMB: +(bytes / 2 ** 20).toFixed(1),
  entities,
  windowEvents: events ?? null,
  bytesPerEntityAll: Math.round(bytes / entities),
  // With the target's own split: what is left per entity once each window event is charged 32 B,
  // and per event once each entity is charged 1 KB; budget = 1 KB x entities + 32 B x events.
  bytesPerEntityAfter32BPerEvent: events === undefined ? null : Math.round((bytes - 32 * events) / entities),
  bytesPerEventAfter1KBPerEntity: events === undefined ? null : Math.round((bytes - 1024 * entities) / events),
  budgetMB: events === undefined ? null : +((1024 * entities + 32 * events) / 2 ** 20).toFixed(1),
  stateOverBudget: events === undefined ? null : +(bytes / (1024 * entities + 32 * events)).toFixed(2),
  heapBeforeMB: +(before / 2 ** 20).toFixed(1),
  heapAfterMB: +(after / 2 ** 20).toFixed(1),
  alertUpdates: alerts,
  stats,
};
if (values.snapshot !== undefined) (await import('node:v8')).writeHeapSnapshot(values.snapshot);
// Keep the monitor reachable until after the measurement.
if (monitor.stats().processed < 0) console.log('unreachable');
process.stdout.write(`${JSON.stringify(out)}\n`);
