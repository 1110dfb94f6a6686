// The duplicate-id check alone: N ids (`T0`..`T<N-1>`, as the bench files have, shuffled in blocks
// so that the set sees them out of order) added to the in-memory set of sessions ≤ 40
// (createIdSet) or to the bounded set (createBoundedIdSet), in a fresh process each. Prints one
// JSON line: peak RSS (sampled every 50 ms and the kernel's max), the set's own bytes, seconds.
// Usage: npx tsx bench/id-check.ts --set bounded|memory [--ids 10000000] [--memory-mb 32] [--repeats 0.001]
import { parseArgs } from 'node:util';
import { resourceUsage } from 'node:process';
import { createIdSet } from '../src/_internal/id-set.js';
import { createBoundedIdSet } from '../src/_internal/bounded-id-set.js';

const { values } = parseArgs({ options: { set: { type: 'string' }, ids: { type: 'string' }, 'memory-mb': { type: 'string' }, repeats: { type: 'string' } } });
const n = Number(values.ids ?? 10_000_000);
const kind = values.set ?? 'bounded';
const repeatShare = Number(values.repeats ?? 0.001);
const MB = 2 ** 20;
let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage.rss());
};
const timer = setInterval(sample, 50);
const base = process.memoryUsage.rss();
const set = kind === 'memory' ? createIdSet() : createBoundedIdSet({ memoryBytes: Number(values['memory-mb'] ?? 32) * MB });
const t0 = performance.now();
const c0 = process.cpuUsage();
let fresh = 0;
let repeats = 0;
// Every 1/repeatShare-th row repeats an id seen a while ago (a re-sent row).
const every = repeatShare > 0 ? Math.round(1 / repeatShare) : 0;
for (let i = 0; i < n; i++) {
  // ids in blocks of 1,000 written in reverse: out of order, as a merged export would be
  const j = i - (i % 1000) + (999 - (i % 1000));
  if (set.add(`T${j < n ? j : i}`)) fresh++;
  if (every > 0 && i % every === every - 1 && !set.add(`T${Math.floor(i / 2)}`)) repeats++;
  if ((i & 0xffff) === 0) await new Promise((r) => setImmediate(r)); // let the sampler run
}
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(c0);
sample();
clearInterval(timer);
const stats = set.stats();
'dispose' in set && set.dispose();
process.stdout.write(`${JSON.stringify({
  set: kind, ids: n, fresh, repeats, baseRssMB: Math.round(base / MB), peakRssMB: Math.round(peak / MB), maxRssMB: Math.round(resourceUsage().maxRSS / 1024),
  stats, seconds: Math.round(seconds * 10) / 10, cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
})}\n`);
