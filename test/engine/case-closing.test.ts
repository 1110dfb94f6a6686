import { describe, expect, test } from 'vitest';
import { createMonitor } from '../../src/engine/monitor.js';
import { scan } from '../../src/engine/scan.js';
import type { Alert } from '../../src/scoring/alert.js';
import { splitSum } from '../../src/rules/structuring/split-sum.js';
import { AU_LIKE, deposit, transfer } from '../helpers/builders.js';

// split_sum alone: every window (and so the longest retention, the case horizon) is 30 days.
const options = { jurisdiction: AU_LIKE, rules: [splitSum()], minScore: 0 };
const DAY = 24;

/** Account A structures twice (A$5,000 + A$5,000 reach the A$10,000 threshold) `gapDays` apart and stays active in between. */
function world(gapDays: number) {
  const txs = [deposit('A', 500_000, 0, { id: 'a1' }), deposit('A', 500_000, 2, { id: 'a2' })];
  for (let d = 10; d < gapDays; d += 10) txs.push(transfer('X', 'A', 10_000, d * DAY, { id: `keep${d}` }));
  txs.push(deposit('A', 500_000, gapDays * DAY, { id: 'b1' }), deposit('A', 500_000, gapDays * DAY + 2, { id: 'b2' }));
  return txs;
}

const accountAlerts = (alerts: readonly Alert[]) => alerts.filter((a) => a.entity.kind === 'account' && a.entity.id === 'A');

describe('an active entity\'s case closes once part of it lies beyond the longest retention', () => {
  test('structuring 100 days apart on a never-idle account: two cases, two alert ids, each with its own evidence', () => {
    const alerts = accountAlerts(scan(world(100), options).alerts);
    expect(alerts).toHaveLength(2);
    expect(new Set(alerts.map((a) => a.id)).size).toBe(2);
    const evidence = alerts.map((a) => a.hits.flatMap((h) => h.transactionIds)).sort((x, y) => (x[0] as string).localeCompare(y[0] as string));
    expect(evidence).toEqual([['a1', 'a2'], ['b1', 'b2']]);
  });

  test('structuring 20 days apart (inside the 30-day horizon) stays one case', () => {
    const alerts = accountAlerts(scan(world(20), options).alerts);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.hits.flatMap((h) => h.transactionIds).sort()).toEqual(['a1', 'a2', 'b1', 'b2']);
  });

  test('streaming gives the batch answer: the closed case is emitted once, final, before the new one', () => {
    const txs = world(100);
    const monitor = createMonitor({ ...options, latenessMs: 0 });
    const latest = new Map<string, Alert>();
    for (const tx of txs) for (const a of monitor.push(tx).alerts) latest.set(a.id, a);
    for (const a of monitor.flush().alerts) latest.set(a.id, a);
    const streamed = accountAlerts([...latest.values()]).sort((a, b) => a.id.localeCompare(b.id));
    const batch = accountAlerts(scan(txs, options).alerts).sort((a, b) => a.id.localeCompare(b.id));
    expect(streamed).toEqual(batch);
  });
});
