import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { cashAboveIncome } from '../../src/rules/structuring/cash-above-income.js';
import { splitSum } from '../../src/rules/structuring/split-sum.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { structuringTypology } from '../../src/scoring/typology.js';
import { compileTypologies, scoreHits } from '../../src/scoring/score.js';
import { deposit, hitsOf, transfer, withdrawal } from '../helpers/builders.js';

// T = AUD 10,000 (AU_LIKE). Declared income AUD 500 a month: pieces ≥ 3 × 500 = AUD 1,500, total ≥ 10 × 500 = AUD 5,000.
const D = 24;
const holder = (income: string | undefined, type: Account['type'] = 'personal'): { accounts: Account[]; parties: Party[] } => ({
  accounts: [{ account: 'S1', party: 'H', type }],
  parties: [{ party: 'H', name: 'Jintana Intharasuk', country: 'AU', ...(income === undefined ? {} : { declaredMonthlyIncome: income }) }],
});
const run = (txs: Transaction[], ref = holder('500.00'), rule = cashAboveIncome()) => hitsOf([rule], txs, ref).filter((h) => h.entity.id === 'S1');
const cdm = (amount: number, hours: number, location = 'CDM-1', extra: Partial<Transaction> = {}) => deposit('S1', amount, hours, { channel: 'cdm', location, ...extra });

describe('cash_above_income (MS-PROF-01 on cash)', () => {
  test('positive: three cash deposits of AUD 2,000 within 10 days are 12 months of a AUD 500 income', () => {
    const hits = run([cdm(200_000, 0, 'CDM-1', { id: 'a' }), cdm(200_000, 5 * D, 'CDM-1', { id: 'b' }), cdm(200_000, 10 * D, 'CDM-1', { id: 'c' })]);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.strength).toBe(0.8);
    expect(hits[0]?.indicators).toEqual(['MS-PROF-01', 'MS-STR-02']);
    expect(hits[0]?.transactionIds).toEqual(['a', 'b', 'c']);
    expect(hits[0]?.facts).toEqual({
      count: 3, totalMinor: 600_000, smallestMinor: 200_000, largestMinor: 200_000, pieceFloorMinor: 150_000, declaredIncomeMinor: 50_000,
      incomeMultiple: 12, threshold: 1_000_000, windowDays: 30, locations: 1, reportedCash: 0,
    });
    expect(hits[0]?.reason).toBe(
      "Possible profile mismatch: 3 cash deposits of AUD 2,000.00 (AUD 6,000.00 in total) within 30 days, 12 times the holder's declared monthly income of AUD 500.00; none reached the AUD 10,000.00 reporting threshold.",
    );
  });

  test('positive: from 20 × the income the mismatch is strong (0.9), + 0.05 for pieces paid in at two places', () => {
    const hits = run([cdm(250_000, 0), cdm(250_000, 2 * D, 'CDM-2'), cdm(250_000, 4 * D), cdm(250_000, 6 * D, 'CDM-2')]);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ totalMinor: 1_000_000, incomeMultiple: 20, locations: 2 });
    expect(hits[0]?.strength).toBe(0.95);
  });

  test('the pieces split_sum cannot see: their total stays below T, so split_sum is silent and this rule is not', () => {
    const txs = [cdm(300_000, 0), cdm(300_000, 3 * D), cdm(300_000, 6 * D)];
    expect(hitsOf([splitSum()], txs, holder('500.00'))).toHaveLength(0);
    expect(run(txs)).toHaveLength(1);
  });

  test('boundary: a piece of exactly 3 × the income counts; one minor unit less does not', () => {
    expect(run([cdm(150_000, 0), cdm(200_000, D), cdm(200_000, 2 * D)])).toHaveLength(1);
    expect(run([cdm(149_999, 0), cdm(200_000, D), cdm(200_000, 2 * D)])).toHaveLength(0);
  });

  test('boundary: a total of exactly 10 × the income fires; one minor unit less does not', () => {
    expect(run([cdm(150_000, 0), cdm(150_000, D), cdm(200_000, 2 * D)])[0]?.facts['incomeMultiple']).toBe(10);
    expect(run([cdm(150_000, 0), cdm(150_000, D), cdm(199_999, 2 * D)])).toHaveLength(0);
  });

  test('boundary: 20 × the income exactly is strong; one minor unit less is not', () => {
    expect(run([cdm(250_000, 0), cdm(250_000, D), cdm(250_000, 2 * D), cdm(250_000, 3 * D)])[0]?.strength).toBe(0.9);
    expect(run([cdm(250_000, 0), cdm(250_000, D), cdm(250_000, 2 * D), cdm(249_999, 3 * D)])[0]?.strength).toBe(0.8);
  });

  test('boundary: the piece floor is never under 0.02 T, however small the income', () => {
    // Income AUD 10: 3 × = AUD 30, but 0.02 T = AUD 200 is the floor; AUD 199.99 pieces do not count.
    expect(run([cdm(20_000, 0), cdm(20_000, D), cdm(60_000, 2 * D)], holder('10.00'))).toHaveLength(1);
    expect(run([cdm(19_999, 0), cdm(20_000, D), cdm(60_000, 2 * D)], holder('10.00'))).toHaveLength(0);
  });

  test('window edge: a piece 30 days before the newest is outside the window', () => {
    expect(run([cdm(200_000, 0), cdm(200_000, 10 * D), cdm(200_000, 30 * D - 0.001)])).toHaveLength(1);
    expect(run([cdm(200_000, 0), cdm(200_000, 10 * D), cdm(200_000, 30 * D)])).toHaveLength(0);
  });

  test('negative: no declared income (none written, or no party record) is no evidence of a mismatch', () => {
    const txs = [cdm(200_000, 0), cdm(200_000, D), cdm(200_000, 2 * D)];
    expect(run(txs, holder(undefined))).toHaveLength(0);
    expect(run(txs, holder(''))).toHaveLength(0);
    expect(run(txs, { accounts: [], parties: [] })).toHaveLength(0);
  });

  test('positive: an income declared as 0 is evidence — three AUD 2,000 pieces are the strong form, with no multiple written', () => {
    const hits = run([cdm(200_000, 0, 'CDM-1', { id: 'a' }), cdm(200_000, D, 'CDM-1', { id: 'b' }), cdm(200_000, 2 * D, 'CDM-1', { id: 'c' })], holder('0.00'));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.strength).toBe(0.9);
    expect(hits[0]?.facts).toEqual({
      count: 3, totalMinor: 600_000, smallestMinor: 200_000, largestMinor: 200_000, pieceFloorMinor: 20_000, declaredIncomeMinor: 0,
      threshold: 1_000_000, windowDays: 30, locations: 1, reportedCash: 0,
    });
    expect(hits[0]?.reason).toBe(
      'Possible profile mismatch: 3 cash deposits of AUD 2,000.00 (AUD 6,000.00 in total) within 30 days, from a holder who declared no monthly income; none reached the AUD 10,000.00 reporting threshold.',
    );
  });

  test('boundary: with an income of 0, pieces of exactly 0.02 T count and a total of exactly 0.1 T fires; a minor unit less does not', () => {
    // 0.02 T = AUD 200 a piece, 0.1 T = AUD 1,000 together.
    expect(run([cdm(20_000, 0), cdm(20_000, D), cdm(60_000, 2 * D)], holder('0.00'))).toHaveLength(1);
    expect(run([cdm(19_999, 0), cdm(20_000, D), cdm(60_000, 2 * D)], holder('0.00'))).toHaveLength(0);
    expect(run([cdm(20_000, 0), cdm(20_000, D), cdm(59_999, 2 * D)], holder('0.00'))).toHaveLength(0);
  });

  test("look-alike: a homemaker (income 0) paying in the household's small cash stays quiet; two pieces are not a pattern", () => {
    const pocket = Array.from({ length: 8 }, (_, i) => cdm(15_000, i * 3 * D));
    expect(run(pocket, holder('0.00'))).toHaveLength(0);
    expect(run([cdm(500_000, 0), cdm(400_000, 5 * D)], holder('0.00'))).toHaveLength(0);
  });

  test('negative: two pieces are not enough, whatever their size', () => {
    expect(run([cdm(900_000, 0), cdm(900_000, D)])).toHaveLength(0);
  });

  test('negative: a reportable deposit is no piece; withdrawals and transfers in are not cash deposits', () => {
    expect(run([cdm(1_000_000, 0), cdm(200_000, D), cdm(300_000, 2 * D)])).toHaveLength(0);
    expect(run([withdrawal('S1', 200_000, 0), withdrawal('S1', 200_000, D), cdm(200_000, 2 * D)])).toHaveLength(0);
    expect(run([transfer('X9', 'S1', 200_000, 0), transfer('X9', 'S1', 200_000, D), cdm(200_000, 2 * D)])).toHaveLength(0);
  });

  test("look-alike: a hawker's routine takings (many deposits, each under 3 months' income) never count", () => {
    const takings = Array.from({ length: 25 }, (_, i) => cdm(140_000, i * D));
    expect(run(takings)).toHaveLength(0);
  });

  test('look-alike: a one-off windfall (one large deposit among routine ones) is no mismatch', () => {
    expect(run([cdm(900_000, 0), cdm(30_000, D), cdm(30_000, 2 * D), cdm(30_000, 3 * D)])).toHaveLength(0);
  });

  test('look-alike: a cash-intensive customer whose cash is reported (two reportable deposits) is discounted × 0.3', () => {
    const hits = run([cdm(1_200_000, 0), cdm(1_100_000, D), cdm(200_000, 2 * D), cdm(200_000, 3 * D), cdm(200_000, 4 * D)]);
    expect(hits[0]?.facts['reportedCash']).toBe(2);
    expect(hits[0]?.strength).toBeCloseTo(0.8 * 0.3, 10);
    expect(hits[0]?.reason).toMatch(/Discounted: 2 reportable cash deposits/);
  });

  test('look-alike: business (× 0.8) and licensed remitter (× 0.3) accounts are discounted', () => {
    const txs = () => [cdm(200_000, 0), cdm(200_000, D), cdm(200_000, 2 * D)];
    expect(run(txs(), holder('500.00', 'business'))[0]?.strength).toBeCloseTo(0.64, 10);
    expect(run(txs(), holder('500.00', 'msb'))[0]?.strength).toBeCloseTo(0.24, 10);
  });

  test('scoring: weighs 45 in structuring — strong (0.9) alerts alone, 0.8 needs corroboration', () => {
    expect(structuringTypology().weights['cash_above_income']).toBe(45);
    const compiled = compileTypologies([structuringTypology()], ['cash_above_income']);
    const score = (strength: number) => scoreHits([{ rule: 'cash_above_income', strength, transactionIds: ['t'] }], compiled, () => 'threshold_avoidance').score;
    expect(score(0.9)).toBeGreaterThanOrEqual(structuringTypology().threshold);
    expect(score(0.8)).toBeLessThan(structuringTypology().threshold);
  });

  test('options are validated at construction', () => {
    expect(() => cashAboveIncome({ minCount: 1 })).toThrow(ConfigError);
    expect(() => cashAboveIncome({ incomeMultiple: 2 })).toThrow(ConfigError);
  });

  describe('no income declared: the wage the account shows stands in for it', () => {
    // AUD 500 credited as salary on days 0 and 30; three AUD 2,000 pieces follow (12 × the wage).
    const wage = (day: number, amount = 50_000, reference = 'SALARY') => transfer('EMP', 'S1', amount, day * D, { fromName: 'Harbour Logistics Pty Ltd', reference });
    const pieces = (last = 45) => [cdm(200_000, (last - 10) * D), cdm(200_000, (last - 5) * D), cdm(200_000, last * D)];

    test('positive: two salary credits of AUD 500 make the income; three AUD 2,000 pieces are 12 months of it', () => {
      const hits = run([wage(0), wage(30), ...pieces()], holder(undefined));
      expect(hits).toHaveLength(1);
      expect(hits[0]?.strength).toBe(0.8);
      expect(hits[0]?.facts).toMatchObject({ wageSeenMinor: 50_000, incomeMultiple: 12, pieceFloorMinor: 150_000 });
      expect(hits[0]?.facts['declaredIncomeMinor']).toBeUndefined();
      expect(hits[0]?.reason).toContain("12 times the holder's monthly wage credited to this account of AUD 500.00");
    });

    test('boundary: one wage credit is no wage; the second must fall within the 62 days before the newest piece', () => {
      expect(run([wage(30), ...pieces()], holder(undefined))).toHaveLength(0);
      expect(run([wage(0), wage(30), ...pieces(62 - 0.001)], holder(undefined))).toHaveLength(1);
      expect(run([wage(0), wage(30), ...pieces(62)], holder(undefined))).toHaveLength(0);
    });

    test('boundary: a wage of exactly 0.01 of the flow reference (AUD 100) counts; one minor unit less does not', () => {
      expect(run([wage(0, 10_000), wage(30, 10_000), ...pieces()], holder(undefined))[0]?.facts['wageSeenMinor']).toBe(10_000);
      expect(run([wage(0, 9_999), wage(30, 9_999), ...pieces()], holder(undefined))).toHaveLength(0);
    });

    test('negative: a declared income is read first; the option off stands down as before', () => {
      expect(run([wage(0), wage(30), ...pieces()], holder('5000.00'))).toHaveLength(0);
      expect(run([wage(0), wage(30), ...pieces()], holder(undefined), cashAboveIncome({ wageLookbackDays: 0 }))).toHaveLength(0);
    });

    test("look-alike: a company's small repeat credits (cashback) are no wage; a saver banking under 3 months' wage stays quiet", () => {
      expect(run([wage(0, 2_000, 'CASHBACK'), wage(30, 2_000, 'CASHBACK'), ...pieces()], holder(undefined))).toHaveLength(0);
      expect(run([wage(0), wage(30), cdm(140_000, 35 * D), cdm(140_000, 40 * D), cdm(140_000, 45 * D)], holder(undefined))).toHaveLength(0);
    });
  });
});
