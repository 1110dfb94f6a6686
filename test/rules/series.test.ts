import { describe, expect, test } from 'vitest';
import { fitSeries, type Instalment } from '../../src/rules/_series.js';
import { DAY_MS } from '../../src/rules/_lib.js';

const CRITERIA = { minPayments: 3, periods: [7, 14, 30], periodToleranceDays: 5, maxIntervalCv: 0.35, maxAmountCv: 0.25, mergeDays: 2 };
/** Instalments of MYR 800.00 on these days. */
const on = (days: number[], amount = 80_000): Instalment[] => days.map((d) => ({ ts: d * DAY_MS, amount, events: [] }));

describe('fitSeries: a missed instalment does not end a series (MS-DEBT-01, missed and late payments)', () => {
  test('positive: monthly instalments with one month skipped (intervals 25, 62, 31) fit every 30 days, all four counted', () => {
    const fit = fitSeries(on([0, 25, 87, 118]), CRITERIA);
    expect(fit?.period).toBe(30);
    expect(fit?.instalments).toHaveLength(4);
    // The skipped month counts as two cycles of 31 days.
    expect(fit?.medianIntervalDays).toBe(31);
    expect(fit?.intervalCv).toBeLessThan(0.15);
  });

  test('boundary: a gap of two periods ± twice the tolerance (60 ± 10 days) is a missed instalment; 71 days is not', () => {
    expect(fitSeries(on([0, 30, 100, 130]), CRITERIA)?.instalments).toHaveLength(4); // 70 = 60 + 10
    expect(fitSeries(on([0, 30, 50, 80]), CRITERIA)?.instalments).toHaveLength(4); // 20 = 30 − 10: a short interval, not a gap
    const past = fitSeries(on([0, 30, 101, 131]), CRITERIA); // 71: the run restarts after the gap
    expect(past).toBeUndefined();
  });

  test('boundary: at most a third of the intervals may be gaps — one of three fits, two of four do not', () => {
    expect(fitSeries(on([0, 60, 90, 120]), CRITERIA)?.instalments).toHaveLength(4);
    // 60, 30, 60: two gaps among three intervals; the newest three instalments (30, 60) are no series either.
    expect(fitSeries(on([0, 60, 90, 150]), CRITERIA)).toBeUndefined();
  });

  test('look-alike: a payee paid every other month has a 60-day rhythm, not missed instalments', () => {
    expect(fitSeries(on([0, 60, 120, 180]), CRITERIA)).toBeUndefined();
    // Every 14 days is a fortnightly series, not a weekly one with every week missed.
    expect(fitSeries(on([0, 14, 28, 42]), CRITERIA)?.period).toBe(14);
  });

  test('negative: a gap of three periods ends the series; irregular amounts still do not fit', () => {
    expect(fitSeries(on([0, 30, 120, 150]), CRITERIA)).toBeUndefined();
    expect(fitSeries([...on([0, 30]), ...on([92], 200_000), ...on([122])], CRITERIA)).toBeUndefined();
  });
});
