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

  test('boundary: a gap of two periods ± the tolerance (60 ± 5 days) is a missed instalment; 66 days is not', () => {
    expect(fitSeries(on([0, 30, 95, 125]), CRITERIA)?.instalments).toHaveLength(4); // 65 = 60 + 5
    expect(fitSeries(on([0, 30, 96, 126]), CRITERIA)).toBeUndefined(); // 66: too irregular, and the run after it too short
  });

  test('look-alike: a late fortnightly payment (22 days) is late, not a missed fortnight (28 ± 5 days)', () => {
    // 14, 22, 14, 14: kept as they are (CV 0.2), not halved to 11.
    const fit = fitSeries(on([0, 14, 36, 50, 64]), CRITERIA);
    expect(fit?.period).toBe(14);
    expect(fit?.medianIntervalDays).toBe(14);
    expect(fit?.intervalCv).toBeGreaterThan(0.2);
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
