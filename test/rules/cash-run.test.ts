import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { cashRun } from '../../src/rules/structuring/cash-run.js';
import { splitSum } from '../../src/rules/structuring/split-sum.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { at, deposit, hitsOf, transfer } from '../helpers/builders.js';

// T = AUD 10,000 (AU_LIKE): pieces ≥ 0.05 T = AUD 500, a run ≥ 0.4 T = AUD 4,000 in 10 days.
const D = 24;
const OLD = Date.UTC(2015, 0, 1);
const holder = (opts: { income?: string; openedAt?: number; type?: Account['type'] } = {}): { accounts: Account[]; parties: Party[] } => ({
  accounts: [{ account: 'S1', party: 'H', type: opts.type ?? 'personal', ...(opts.openedAt === undefined ? {} : { openedAt: opts.openedAt }) }],
  parties: [{ party: 'H', name: 'Joshua Mitchell', country: 'AU', ...(opts.income === undefined ? {} : { declaredMonthlyIncome: opts.income }) }],
});
const run = (txs: Transaction[], ref = holder(), rule = cashRun()) => hitsOf([rule], txs, ref).filter((h) => h.entity.id === 'S1');
const cdm = (amount: number, hours: number, location = 'CDM-1', extra: Partial<Transaction> = {}) => deposit('S1', amount, hours, { channel: 'cdm', location, ...extra });
/** Four deposits on four days from `start` (hours), AUD 1,000 each unless given. */
const four = (start: number, amounts = [100_000, 100_000, 100_000, 100_000]) => amounts.map((a, i) => cdm(a, start + i * D, i % 2 === 0 ? 'CDM-1' : 'CDM-2'));
/** An account seen from day 0 (a small payment out), so the 30 days before a run from day 40 are in the data. */
const seenBefore = (): Transaction[] => [transfer('S1', 'X9', 5_000, 0)];

describe('cash_run (MS-STR-02 far below the threshold, against the account\'s own flows)', () => {
  test('positive: four deposits of AUD 1,000 on four days after a quiet month', () => {
    const txs = [...seenBefore(), ...four(40 * D)];
    const hits = run(txs, holder({ openedAt: OLD }));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.strength).toBe(0.9);
    expect(hits[0]?.indicators).toEqual(['MS-STR-02', 'MS-PROF-01']);
    expect(hits[0]?.facts).toMatchObject({ count: 4, days: 4, totalMinor: 400_000, priorCreditsMinor: 0, locations: 2, historySeen: true });
    expect(hits[0]?.reason).toBe(
      'Possible structuring pattern: 4 cash deposits of AUD 1,000.00 (AUD 4,000.00 in total) on 4 days within 4 days, each far below the AUD 10,000.00 threshold, after 30 days without such a deposit in which AUD 0.00 was paid in otherwise.',
    );
  });

  test('the run split_sum cannot see: its total stays below T', () => {
    const txs = [...seenBefore(), ...four(40 * D, [200_000, 200_000, 200_000, 200_000])];
    expect(hitsOf([splitSum()], txs, holder({ openedAt: OLD }))).toHaveLength(0);
    expect(run(txs, holder({ openedAt: OLD }))).toHaveLength(1);
  });

  test('boundary: a run of exactly 0.4 T fires; one minor unit less does not', () => {
    expect(run(four(0))).toHaveLength(1);
    expect(run(four(0, [100_000, 100_000, 100_000, 99_999]))).toHaveLength(0);
  });

  test('boundary: a piece of exactly 0.05 T counts; one minor unit less does not (three pieces are no run)', () => {
    expect(run(four(0, [50_000, 150_000, 150_000, 150_000]))).toHaveLength(1);
    expect(run(four(0, [49_999, 150_000, 150_000, 150_000]))).toHaveLength(0);
  });

  test('boundary: a reportable deposit is no piece', () => {
    expect(run(four(0, [1_000_000, 150_000, 150_000, 150_000]))).toHaveLength(0);
    expect(run(four(0, [999_999, 150_000, 150_000, 150_000]))).toHaveLength(1);
  });

  test('negative: four pieces on two days, or spread over more than 10 days, are no run', () => {
    expect(run([cdm(100_000, 0), cdm(100_000, 2), cdm(100_000, D), cdm(100_000, D + 2)])).toHaveLength(0);
    expect(run([cdm(100_000, 0), cdm(100_000, 4 * D), cdm(100_000, 8 * D), cdm(100_000, 10 * D)])).toHaveLength(0);
    expect(run([cdm(100_000, 0), cdm(100_000, 4 * D), cdm(100_000, 8 * D), cdm(100_000, 10 * D - 0.001)])).toHaveLength(1);
  });

  test('boundary: a piece 30 days before the run breaks the quiet lookback; one just outside it does not', () => {
    const start = 40 * D;
    expect(run([...seenBefore(), cdm(100_000, start - 30 * D), ...four(start)], holder({ openedAt: OLD }))).toHaveLength(0);
    expect(run([...seenBefore(), cdm(100_000, start - 30 * D - 0.001), ...four(start)], holder({ openedAt: OLD }))).toHaveLength(1);
  });

  test('boundary: other credits in the lookback up to the run\'s total are fine; one minor unit more is the account\'s own scale', () => {
    const start = 40 * D;
    const salary = (amount: number) => [...seenBefore(), transfer('EMP', 'S1', amount, start - 10 * D), ...four(start)];
    expect(run(salary(400_000), holder({ openedAt: OLD }))).toHaveLength(1);
    expect(run(salary(400_001), holder({ openedAt: OLD }))).toHaveLength(0);
  });

  test('history unseen: an older account silent before the run needs 5 × the declared income (exactly fires, a cent more income does not)', () => {
    const txs = four(0);
    const hit = run(txs, holder({ openedAt: OLD, income: '800.00' }))[0];
    expect(hit?.facts).toMatchObject({ historySeen: false, incomeMultiple: 5 });
    expect(hit?.reason).toContain("5 times the holder's declared monthly income of AUD 800.00; the account's earlier history is not in the data.");
    expect(run(txs, holder({ openedAt: OLD, income: '800.01' }))).toHaveLength(0);
  });

  test('history unseen: no declared income stands down; a declared 0 is evidence', () => {
    expect(run(four(0), holder({ openedAt: OLD }))).toHaveLength(0);
    expect(run(four(0), holder({ openedAt: OLD, income: '0.00' }))[0]?.reason).toContain('declared no monthly income');
  });

  test('look-alike: a shop\'s takings of AUD 1,500 banked every other day for two months raise nothing after the first run', () => {
    const takings = Array.from({ length: 30 }, (_, i) => cdm(150_000, i * 2 * D));
    // Opened years ago, history beginning with the data: the first days cannot be vouched for, no income declared.
    expect(run(takings, holder({ openedAt: OLD, type: 'business' }))).toHaveLength(0);
    // Even where the account is new (its whole history seen), only the first days could look like a run.
    const fresh = run(takings, holder({ openedAt: at(-24), type: 'business' }));
    expect(fresh.every((h) => h.window.to <= at(10 * D))).toBe(true);
  });

  test('look-alike: a salaried cash saver paying in one month\'s savings a month is no run', () => {
    const txs = [...seenBefore(), ...[0, 1, 2, 3].flatMap((m) => [transfer('EMP', 'S1', 500_000, 40 * D + m * 30 * D), cdm(200_000, 41 * D + m * 30 * D)])];
    expect(run(txs, holder({ openedAt: OLD, income: '5000.00' }))).toHaveLength(0);
  });

  test('strength: MSB accounts keep the shared discount; business accounts do not', () => {
    const txs = [...seenBefore(), ...four(40 * D)];
    expect(run(txs, holder({ openedAt: OLD, type: 'business' }))[0]?.strength).toBe(0.9);
    expect(run(txs, holder({ openedAt: OLD, type: 'msb' }))[0]?.strength).toBe(0.27);
  });

  test('options are validated', () => {
    expect(() => cashRun({ minCount: 1 })).toThrow(ConfigError);
  });
});
