import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { currencyExponent } from '../../src/schema/currencies.js';
import { roundAmounts } from '../../src/rules/context/round-amounts.js';
import { hitOf, newest, ratio, eachRecent, DAY_MS } from '../../src/rules/_lib.js';
import type { Rule, RuleHit, WindowEvent } from '../../src/rules/types.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 2, 1);

/** Deposits into A of `amounts` (AUD cents), one every `gapDays`. */
function deposits(amounts: number[], gapDays = 1): Transaction[] {
  return amounts.map((amount, i) => ({ id: `T${i}`, timestamp: T0 + i * gapDays * DAY, kind: 'cash_deposit', amount, currency: 'AUD', toAccount: 'A' }));
}

/** Every evaluation's hits, in order, keyed by the newest event's id. */
function everyEvaluation(rule: Rule, txs: Transaction[]): Array<[string, RuleHit[]]> {
  const seen: Array<[string, RuleHit[]]> = [];
  const recording: Rule = { ...rule, evaluate: (w, c, s) => {
    const hits = rule.evaluate(w, c, s);
    seen.push([newest(w).id, [...hits]]);
    return hits;
  } };
  rawHitsOf([recording], txs);
  return seen;
}

describe('round_amounts', () => {
  test('fires when at least 80 % of the recent amounts are round (AUD 100 units), and not below', () => {
    // 5 round of 5 → fires on the fifth; 4 of 5 = 80 % exactly → fires; 3 of 4 (75 %) does not.
    expect(rawHitsOf([roundAmounts()], deposits([10_000, 20_000, 30_000, 40_000, 50_000])).map((h) => h.facts)).toEqual([{ round: 5, count: 5, share: 1, windowDays: 30 }]);
    expect(rawHitsOf([roundAmounts()], deposits([10_000, 20_001, 30_000, 40_000, 50_000])).map((h) => h.facts['share'])).toEqual([0.8]);
    expect(rawHitsOf([roundAmounts()], deposits([10_000, 20_001, 30_000, 40_000]))).toEqual([]);
  });

  test('an amount one minor unit off a round figure is not round, and the newest must itself be round', () => {
    expect(rawHitsOf([roundAmounts()], deposits([10_000, 20_000, 30_000, 40_000, 49_999]))).toEqual([]);
  });

  test('events 30 days back or more are not in the sample (the window is exclusive at its start)', () => {
    // Five round deposits 7.5 days apart span exactly 30 days: the first falls out, four remain.
    expect(rawHitsOf([roundAmounts()], deposits([10_000, 20_000, 30_000, 40_000, 50_000], 7.5))).toEqual([]);
    expect(rawHitsOf([roundAmounts()], deposits([10_000, 20_000, 30_000, 40_000, 50_000], 7.4)).length).toBe(1);
  });

  test('the share is read over the newest `sampleSize` events only', () => {
    // Ten odd amounts, then five round ones: with a sample of 5 the share is 100 %, with 10 it is 50 %.
    const txs = deposits([...Array.from({ length: 10 }, (_, i) => 10_001 + i), 10_000, 20_000, 30_000, 40_000, 50_000], 0.1);
    expect(rawHitsOf([roundAmounts({ sampleSize: 5 })], txs).map((h) => h.facts['count'])).toEqual([5]);
    expect(rawHitsOf([roundAmounts({ sampleSize: 10 })], txs)).toEqual([]);
  });

  test('the incremental sample gives exactly the hits of a re-read of the window on every evaluation', () => {
    let firing = 0;
    let ringFull = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ round: fc.integer({ min: 0, max: 5 }).map((k) => k > 0), gapHours: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 30 }), weight: 8 }, { arbitrary: fc.integer({ min: 24 * 10, max: 24 * 40 }), weight: 1 }) }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 5, max: 15 }),
        (steps, sampleSize) => {
          let t = T0;
          const txs: Transaction[] = steps.map((s, i) => {
            t += s.gapHours * 3_600_000;
            return { id: `T${i}`, timestamp: t, kind: 'cash_deposit', amount: s.round ? 10_000 * (1 + (i % 7)) : 10_000 + 1 + i, currency: 'AUD', toAccount: 'A' };
          });
          const options = { sampleSize, minCount: 3, minShare: 0.7 };
          const incremental = everyEvaluation(roundAmounts(options), txs);
          expect(incremental).toEqual(everyEvaluation(windowReadingRoundAmounts(options), txs));
          if (incremental.some(([, hits]) => hits.length > 0)) firing++;
          if (txs.some((x) => txs.filter((y) => y.timestamp <= x.timestamp && y.timestamp > x.timestamp - 30 * DAY).length > sampleSize)) ringFull++;
        },
      ),
      { numRuns: 300 },
    );
    // Mostly round amounts, so that shares cross the bar both ways. The cases the property is about: inputs that fire, and windows holding more events than the sample.
    expect(firing).toBeGreaterThan(30);
    expect(ringFull).toBeGreaterThan(30);
  });
});

/** The rule as it was before its incremental sample: every evaluation re-reads the newest events. */
function windowReadingRoundAmounts(options: { sampleSize: number; minCount: number; minShare: number }): Rule {
  const rule = roundAmounts(options);
  const o = { ...options, windowDays: 30, defaultUnit: 100, units: rule.options['units'] as Record<string, number> };
  const unitOf = (e: WindowEvent): number => (o.units[e.tx.currency] ?? o.defaultUnit) * 10 ** (currencyExponent(e.tx.currency) ?? 2);
  const { incremental: _dropped, ...stateless } = rule;
  const reference: Rule = {
    ...stateless,
    evaluate: (window) => {
      const last = newest(window);
      if (last.tx.amount % unitOf(last) !== 0) return [];
      const events: WindowEvent[] = [];
      let round = 0;
      eachRecent(window, last.ts - o.windowDays * DAY_MS + 1, (e) => {
        events.push(e);
        if (e.tx.amount % unitOf(e) === 0) round++;
        return events.length < o.sampleSize;
      });
      const share = round / events.length;
      if (events.length < o.minCount || share < o.minShare) return [];
      const roundEvents = events.filter((e) => e.tx.amount % unitOf(e) === 0);
      const strength = o.minShare >= 1 ? 1 : 0.5 + (0.5 * (share - o.minShare)) / (1 - o.minShare);
      const reason = `Context: ${round} of ${events.length} transactions in ${o.windowDays} days are round amounts (${Math.round(share * 100)}%).`;
      return [hitOf(rule, window, roundEvents, strength, reason, { round, count: events.length, share: ratio(share), windowDays: o.windowDays })];
    },
  };
  return reference;
}
