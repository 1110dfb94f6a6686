import { describe, expect, test } from 'vitest';
import { nearThresholdCash } from '../../src/rules/structuring/near-threshold-cash.js';
import { AU_LIKE, MY_LIKE, deposit, hitsOf, withdrawal } from '../helpers/builders.js';

const rule = () => nearThresholdCash();

describe('near_threshold_cash (MS-STR-01)', () => {
  test('two deposits in the 90–100 % band on the same day fire, with evidence and a careful reason', () => {
    const hits = hitsOf([rule()], [deposit('A1', 950_000, 0, { id: 'a' }), deposit('A1', 960_000, 3, { id: 'b' })]);
    const acc = hits.filter((h) => h.entity.kind === 'account');
    expect(acc).toHaveLength(1);
    expect(acc[0]?.transactionIds).toEqual(['a', 'b']);
    expect(acc[0]?.indicators).toEqual(['MS-STR-01']);
    expect(acc[0]?.reason).toMatch(/^Possible structuring pattern: 2 cash deposits/);
    expect(acc[0]?.reason).not.toMatch(/\bstructuring\b(?! pattern)/);
    expect(acc[0]?.facts).toMatchObject({ count: 2, windowDays: 1, direction: 'deposit' });
  });

  test('exactly at the threshold is reportable and never in the band; one minor unit below is', () => {
    const at = hitsOf([rule()], [deposit('A1', 1_000_000, 0), deposit('A1', 1_000_000, 1)]);
    expect(at).toHaveLength(0);
    const below = hitsOf([rule()], [deposit('A1', 999_999, 0), deposit('A1', 999_999, 1)]);
    expect(below.filter((h) => h.entity.kind === 'account')).toHaveLength(1);
  });

  test('the lower edge of the band is inclusive: β·T fires, one minor unit under does not', () => {
    expect(hitsOf([rule()], [deposit('A1', 900_000, 0), deposit('A1', 900_000, 1)])).toHaveLength(1);
    expect(hitsOf([rule()], [deposit('A1', 899_999, 0), deposit('A1', 900_000, 1)])).toHaveLength(0);
  });

  test('a strictly-above regime (thresholdInclusive false) treats exactly T as still unreported', () => {
    const strict = { ...AU_LIKE, thresholdInclusive: false };
    expect(hitsOf([rule()], [deposit('A1', 1_000_000, 0), deposit('A1', 1_000_000, 1)], { profile: strict })).toHaveLength(1);
  });

  test('same local day is counted in the jurisdiction zone, not UTC', () => {
    // MY is UTC+8: 15:00Z and 17:00Z on the same UTC day are different local days (23:00 and 01:00).
    const base = Date.UTC(2025, 2, 3, 15, 0, 0);
    const txs = [
      { ...deposit('M1', 2_400_000, 0, { id: 'x' }), currency: 'MYR', timestamp: base },
      { ...deposit('M1', 2_400_000, 0, { id: 'y' }), currency: 'MYR', timestamp: base + 2 * 3_600_000 },
    ];
    expect(hitsOf([nearThresholdCash({ windows: [{ days: 1, minCount: 2 }] })], txs, { profile: MY_LIKE })).toHaveLength(0);
    const sameDay = [txs[0]!, { ...txs[1]!, timestamp: base - 2 * 3_600_000 }];
    expect(hitsOf([nearThresholdCash({ windows: [{ days: 1, minCount: 2 }] })], sameDay, { profile: MY_LIKE })).toHaveLength(1);
  });

  test('three in 7 days fire; the 7-day window edge is exclusive', () => {
    const days = (d: number) => d * 24;
    const inside = [deposit('A1', 950_000, 0), deposit('A1', 950_000, days(3)), deposit('A1', 950_000, days(7) - 0.001)];
    expect(hitsOf([rule()], inside)).toHaveLength(1);
    const outside = [deposit('A1', 950_000, 0), deposit('A1', 950_000, days(3)), deposit('A1', 950_000, days(7))];
    const hits = hitsOf([nearThresholdCash({ windows: [{ days: 7, minCount: 3 }] })], outside);
    expect(hits).toHaveLength(0);
  });

  test('deposits and withdrawals are separate sub-signals and never add up', () => {
    const mixed = [deposit('A1', 950_000, 0), withdrawal('A1', 950_000, 1)];
    expect(hitsOf([rule()], mixed)).toHaveLength(0);
    const w = hitsOf([rule()], [withdrawal('A1', 950_000, 0), withdrawal('A1', 950_000, 1)]);
    expect(w[0]?.facts['direction']).toBe('withdrawal');
  });

  test('a single transaction on an account never fires', () => {
    expect(hitsOf([rule()], [deposit('A1', 990_000, 0)])).toHaveLength(0);
  });

  test('a cash business that routinely crosses the threshold is discounted', () => {
    const business = [
      deposit('B1', 1_500_000, 0), deposit('B1', 1_200_000, 24), deposit('B1', 950_000, 48), deposit('B1', 950_000, 49),
    ];
    const plain = [deposit('P1', 950_000, 48), deposit('P1', 950_000, 49)];
    const b = hitsOf([rule()], business)[0]!;
    const p = hitsOf([rule()], plain)[0]!;
    expect(b.strength).toBeLessThan(p.strength * 0.5);
    expect(b.facts['reportedCash']).toBe(2);
  });

  test('the conductor (party) sees deposits across accounts', () => {
    const txs = [deposit('A1', 950_000, 0, { conductor: 'P9' }), deposit('A2', 950_000, 1, { conductor: 'P9' })];
    const hits = hitsOf([rule()], txs);
    expect(hits.map((h) => `${h.entity.kind}:${h.entity.id}`)).toEqual(['party:P9']);
  });

  test('options are validated with a message that names the key', () => {
    expect(() => nearThresholdCash({ beta: 1.5 })).toThrow(/near_threshold_cash: beta/);
  });
});
