import { describe, expect, test } from 'vitest';
import { createMonitor } from '../../src/engine/monitor.js';
import { scan } from '../../src/engine/scan.js';
import { splitSum } from '../../src/rules/structuring/split-sum.js';
import { nearThresholdCash } from '../../src/rules/structuring/near-threshold-cash.js';
import type { Rule } from '../../src/rules/types.js';
import { AU_LIKE, deposit } from '../helpers/builders.js';

const opts = (latenessMs: number) => ({ jurisdiction: AU_LIKE, rules: [splitSum()], minScore: 0, latenessMs });
// In time order the reportable A$12,000 deposit sits between the two pieces, so nothing was avoided.
const a = deposit('A', 600_000, 0, { id: 'a' });
const big = deposit('A', 1_200_000, 0.5, { id: 'big' });
const b = deposit('A', 600_000, 1, { id: 'b' });

describe('createMonitor', () => {
  test('an out-of-order arrival within the lateness bound is placed in time order exactly', () => {
    const m = createMonitor(opts(2 * 3_600_000));
    const updates = [m.push(a), m.push(b), m.push(big), m.flush()];
    expect(updates.flatMap((u) => u.late)).toEqual([]);
    expect(updates.flatMap((u) => u.alerts)).toEqual([]);
    expect(scan([a, b, big], opts(0)).alerts).toEqual([]);
  });

  test('a later arrival is reported as late_arrival, never silently dropped', () => {
    const m = createMonitor(opts(10 * 60_000));
    const u1 = m.push([a, b]);
    const u2 = m.push(big);
    expect(u2.late).toEqual([expect.objectContaining({ id: 'big', code: 'late_arrival' })]);
    const all = [u1, u2, m.flush()].flatMap((u) => u.alerts);
    expect(all.flatMap((x) => x.hits.map((h) => h.transactionIds))).toEqual([['a', 'b']]);
    expect(m.stats()).toMatchObject({ received: 3, late: 1, processed: 2 });
  });

  test('nothing is evaluated before the watermark passes it; flush evaluates the rest', () => {
    const m = createMonitor(opts(3_600_000));
    expect(m.push([a, b]).alerts).toEqual([]);
    expect(m.stats().pending).toBeGreaterThan(0);
    expect(m.flush().alerts).toHaveLength(1);
  });

  test('a duplicate id is counted once and reported', () => {
    const m = createMonitor(opts(0));
    const u = m.push([a, { ...a }, b]);
    expect(u.duplicates).toEqual(['a']);
    expect(m.stats().duplicates).toBe(1);
  });

  test('overlapping hits of one rule merge into one episode with the union of evidence', () => {
    const txs = [0, 1, 2].map((h, i) => deposit('E', 950_000, h, { id: `e${i}` }));
    const { alerts } = scan(txs, { jurisdiction: AU_LIKE, rules: [nearThresholdCash()], minScore: 0 });
    const hits = alerts.filter((x) => x.entity.kind === 'account').flatMap((x) => x.hits);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.transactionIds).toEqual(['e0', 'e1', 'e2']);
    expect(hits[0]?.transactionCount).toBe(3);
  });

  test('a checkpoint from another configuration is refused', () => {
    const cp = createMonitor(opts(0)).checkpoint();
    expect(() => createMonitor({ ...opts(0), rules: [nearThresholdCash()], checkpoint: cp })).toThrow(/different configuration/);
  });

  test('alert ids are stable while an alert grows', () => {
    const m = createMonitor({ jurisdiction: AU_LIKE, rules: [nearThresholdCash()], minScore: 0, latenessMs: 0 });
    const first = m.push([deposit('G', 950_000, 0, { id: 'g0' }), deposit('G', 950_000, 1, { id: 'g1' }), deposit('G', 950_000, 1.5, { id: 'g1b' })]).alerts;
    const second = m.push(deposit('G', 960_000, 2, { id: 'g2' })).alerts;
    const id = first.find((x) => x.entity.id === 'G')?.id;
    expect(id).toBeDefined();
    expect(second.find((x) => x.entity.id === 'G')?.id).toBe(id);
  });
});

describe('expiredTs: the gap before an event survives ageing out and eviction', () => {
  // A probe rule with a one-day window: it records the time of the event before the newest one —
  // in the window if still there, else expiredTs — and never hits.
  const seen: (number | undefined)[] = [];
  const probe: Rule<'probe'> = {
    id: 'probe', indicators: ['TEST'], family: 'context', entities: ['account'], windowMs: 86_400_000, options: {}, description: 'Probe.',
    evaluate: (w) => {
      const n = w.events.length;
      seen.push(n - 2 >= w.start ? w.events[n - 2]!.ts : w.expiredTs);
      return [];
    },
  };
  const DAY = 24;
  // The account is active, idles 200 days (evicted long before), then re-awakens; a second account keeps time moving.
  const txs = [
    deposit('A', 1_000, 0, { id: 'a1' }), deposit('A', 1_000, 2, { id: 'a2' }),
    ...Array.from({ length: 20 }, (_, i) => deposit('B', 1_000, (i + 1) * 10 * DAY, { id: `b${i}` })),
    deposit('A', 1_000, 200 * DAY, { id: 'a3' }),
  ];

  test('scan: undefined at first sight, then the previous event time, even after an eviction', () => {
    seen.length = 0;
    scan(txs, { jurisdiction: AU_LIKE, rules: [probe], minScore: 0 });
    const order = [...txs].sort((x, y) => x.timestamp - y.timestamp || (x.id < y.id ? -1 : 1));
    const expected = order.map((t, i) => {
      const prev = order.slice(0, i).filter((p) => p.toAccount === t.toAccount).at(-1);
      return prev?.timestamp;
    });
    expect(seen).toEqual(expected);
    // a3, 198 days after a2 and long after A was evicted, still sees a2's time.
    expect(seen[order.findIndex((t) => t.id === 'a3')]).toBe(txs[1]!.timestamp);
  });

  test('a monitor checkpointed while the account is evicted gives the same gaps', () => {
    seen.length = 0;
    scan(txs, { jurisdiction: AU_LIKE, rules: [probe], minScore: 0 });
    const batch = [...seen];
    seen.length = 0;
    const opts = { jurisdiction: AU_LIKE, rules: [probe], minScore: 0 };
    const m = createMonitor(opts);
    m.push(txs.slice(0, 12));
    const resumed = createMonitor({ ...opts, checkpoint: JSON.parse(JSON.stringify(m.checkpoint())) });
    resumed.push(txs.slice(12));
    resumed.flush();
    expect(seen).toEqual(batch);
  });
});

test('expiredTs: an event aged out of the window (not evicted) is remembered', () => {
  const expired: [string, number | undefined][] = [];
  const probe: Rule<'probe2'> = {
    id: 'probe2', indicators: ['TEST'], family: 'context', entities: ['account'], windowMs: 86_400_000, options: {}, description: 'Probe.',
    evaluate: (w) => {
      expired.push([w.events[w.events.length - 1]!.id, w.expiredTs]);
      return [];
    },
  };
  const c = [deposit('C', 1_000, 0, { id: 'c0' }), deposit('C', 1_000, 20, { id: 'c20' }), deposit('C', 1_000, 30, { id: 'c30' })];
  scan(c, { jurisdiction: AU_LIKE, rules: [probe], minScore: 0 });
  // At 30 h the one-day window drops c0 (30 h old) but keeps c20.
  expect(expired).toEqual([['c0', undefined], ['c20', undefined], ['c30', c[0]!.timestamp]]);
});
