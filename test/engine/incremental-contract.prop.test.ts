import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createMonitor } from '../../src/engine/monitor.js';
import { scan } from '../../src/engine/scan.js';
import type { EntityWindow, Rule, RuleHit, RuleIncremental, WindowEvent } from '../../src/rules/types.js';
import type { Transaction } from '../../src/schema/transaction.js';
import type { Alert } from '../../src/scoring/alert.js';
import { defineTypology } from '../../src/scoring/typology.js';
import { AU_LIKE } from '../helpers/builders.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2025, 0, 6);

/** Cash deposits per horizon: count and sum of those with ts ≥ newest − h, kept with subtract-on-leave. */
interface Counts {
  n: number[];
  sum: number[];
  entered: number;
  left: number;
}

const HORIZONS = [0, 2 * DAY, 3 * DAY - 1, 5 * DAY];
const counted = (e: WindowEvent): boolean => e.kind === 'cash_deposit';

const incremental: RuleIncremental<Counts> = {
  horizonsMs: HORIZONS,
  init: () => ({ n: HORIZONS.map(() => 0), sum: HORIZONS.map(() => 0), entered: 0, left: 0 }),
  enter(s, e) {
    if (!counted(e)) return;
    s.entered++;
    for (let h = 0; h < HORIZONS.length; h++) {
      s.n[h] = (s.n[h] ?? 0) + 1;
      s.sum[h] = (s.sum[h] ?? 0) + e.amount;
    }
  },
  leave(s, e, h) {
    if (!counted(e)) return;
    s.left++;
    s.n[h] = (s.n[h] ?? 0) - 1;
    s.sum[h] = (s.sum[h] ?? 0) - e.amount;
  },
};

/** What the state must equal: a brute-force pass over the live window. */
function bruteForce(window: EntityWindow): { n: number[]; sum: number[] } {
  const newest = window.events[window.events.length - 1] as WindowEvent;
  const n = HORIZONS.map(() => 0);
  const sum = HORIZONS.map(() => 0);
  for (let i = window.start; i < window.events.length; i++) {
    const e = window.events[i] as WindowEvent;
    if (!counted(e)) continue;
    HORIZONS.forEach((h, k) => {
      if (e.ts >= newest.ts - h) {
        n[k] = (n[k] ?? 0) + 1;
        sum[k] = (sum[k] ?? 0) + e.amount;
      }
    });
  }
  return { n, sum };
}

/**
 * A rule whose hits carry its incremental counts; it records every evaluation where the state and
 * the brute force disagree, and fires whenever two deposits sit inside its 3-day horizon, so the
 * alerts of two runs can be compared.
 */
function countingRule(mismatches: string[]): Rule<'deposit_counts', Counts> {
  const rule: Rule<'deposit_counts', Counts> = {
    id: 'deposit_counts',
    indicators: ['TEST-01'],
    family: 'threshold_avoidance',
    entities: ['account', 'party'],
    windowMs: 5 * DAY,
    options: {},
    description: 'Test: deposits counted incrementally.',
    incremental,
    evaluate(window, _context, state): RuleHit[] {
      const expected = bruteForce(window);
      if (JSON.stringify(expected) !== JSON.stringify({ n: state.n, sum: state.sum })) {
        mismatches.push(`${window.kind}:${window.id} expected ${JSON.stringify(expected)} got ${JSON.stringify({ n: state.n, sum: state.sum })}`);
      }
      const n3 = state.n[2] as number;
      if (n3 < 2) return [];
      const newest = window.events[window.events.length - 1] as WindowEvent;
      return [{
        rule: rule.id, indicators: rule.indicators, entity: { kind: window.kind, id: window.id }, strength: Math.min(1, 0.3 + n3 / 10),
        window: { from: newest.ts - (3 * DAY - 1), to: newest.ts }, transactionIds: [newest.id], reason: 'test', facts: { n3, sum3: state.sum[2] as number },
      }];
    },
  };
  return rule;
}

/** Folds monitor updates: the latest version of each alert id wins, in id order. */
function collect(updates: readonly { alerts: readonly Alert[] }[]): Alert[] {
  const byId = new Map<string, Alert>();
  for (const u of updates) for (const a of u.alerts) byId.set(a.id, a);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

const typology = defineTypology({ id: 'test', name: 'Test', weights: { deposit_counts: 100 }, threshold: 1 });

/** Worlds of three accounts over ~40 days with idle gaps longer than the retention (eviction, re-awakening). */
const arbWorld = fc
  .array(
    fc.record({
      kind: fc.constantFrom('cash_deposit', 'cash_deposit', 'cash_withdrawal', 'transfer') as fc.Arbitrary<Transaction['kind']>,
      a: fc.constantFrom('A', 'B', 'C'),
      b: fc.constantFrom('A', 'B', 'C'),
      conductor: fc.option(fc.constantFrom('P1', 'P2'), { nil: undefined }),
      amount: fc.integer({ min: 1, max: 1_000_000 }),
      gapHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 12 }), weight: 8 }, { arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: 5 * 24, max: 12 * 24 }), weight: 1 }),
    }),
    { minLength: 1, maxLength: 80 },
  )
  .map((rows) => {
    let t = T0;
    return rows.map((r, i): Transaction => {
      t += r.gapHours * HOUR;
      const base = { id: `T${String(i).padStart(3, '0')}`, timestamp: t, amount: r.amount, currency: 'AUD', kind: r.kind };
      if (r.kind === 'cash_deposit') return { ...base, toAccount: r.a, ...(r.conductor ? { conductor: r.conductor } : {}) };
      if (r.kind === 'cash_withdrawal') return { ...base, fromAccount: r.a };
      return { ...base, fromAccount: r.a, toAccount: r.b };
    });
  });

describe('rule contract v2: incremental state', () => {
  test('the state equals a brute-force recomputation over the window at every evaluation (leaves at every horizon, evictions included)', () => {
    let leftAtSomeHorizon = 0;
    let fired = 0;
    fc.assert(
      fc.property(arbWorld, (txs) => {
        const mismatches: string[] = [];
        const rule = countingRule(mismatches);
        let left = false;
        const spy: Rule<'deposit_counts', Counts> = {
          ...rule,
          evaluate: (w, c, s) => {
            if (s.left > 0) left = true;
            return rule.evaluate(w, c, s);
          },
        };
        const { alerts } = scan(txs, { jurisdiction: AU_LIKE, rules: [spy], typologies: [typology], minScore: 0 });
        if (left) leftAtSomeHorizon++;
        if (alerts.length > 0) fired++;
        expect(mismatches).toEqual([]);
      }),
      { numRuns: 300 },
    );
    // The property is about leaving: most generated worlds must exercise it, and many must alert.
    expect(leftAtSomeHorizon).toBeGreaterThan(150);
    expect(fired).toBeGreaterThan(100);
  });

  test('checkpoint and restore at any point rebuild the state exactly (same alerts as uninterrupted)', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(arbWorld, fc.nat(), (txs, cut) => {
        const mismatches: string[] = [];
        const options = { jurisdiction: AU_LIKE, rules: [countingRule(mismatches)], typologies: [typology], minScore: 0, latenessMs: 0 };
        const whole = createMonitor(options);
        const expected = collect([...txs.map((tx) => whole.push(tx)), whole.flush()]);

        const k = cut % (txs.length + 1);
        const first = createMonitor(options);
        const before = txs.slice(0, k).map((tx) => first.push(tx));
        const resumed = createMonitor({ ...options, checkpoint: JSON.parse(JSON.stringify(first.checkpoint())) });
        const got = collect([...before, ...txs.slice(k).map((tx) => resumed.push(tx)), resumed.flush()]);
        if (expected.length > 0) nonEmpty++;
        expect(mismatches).toEqual([]);
        expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
      }),
      { numRuns: 200 },
    );
    expect(nonEmpty).toBeGreaterThan(60);
  });

  test('a horizon longer than the rule window is a configuration error', () => {
    const bad: Rule<'bad', Counts> = { ...countingRule([]), id: 'bad', incremental: { ...incremental, horizonsMs: [6 * DAY] } } as Rule<'bad', Counts>;
    expect(() => scan([], { jurisdiction: AU_LIKE, rules: [bad], typologies: [], minScore: 0 })).toThrow(/horizon/);
  });
});
