import { describe, expect, test } from 'vitest';
import { NAMED_AFTER_ARRIVAL_BONUS, debtRepayment, debtRepaymentOptionsSchema } from '../../src/rules/debt/debt-repayment.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, hitsOf, transfer } from '../helpers/builders.js';

const D = 24;
const DAY_MS = 86_400_000;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
const party: Party = { party: 'P-W1', name: 'Rafiqul Islam Mondal', country: 'BD', address: 'Asrama Pekerja Makmur, Lot 9, Jalan Kilang 2, Johor Bahru' };
const account = (openedAt: number): Account => ({ account: 'W1', party: 'P-W1', type: 'personal', openedAt, country: 'MY' });
/** Monthly wages of MYR 2,000 from day 0. */
const wages = (n: number) => Array.from({ length: n }, (_, i) => transfer('EMP', 'W1', 200_000, 30 * i * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
/** Skipped and late months: 38, 55 and 58 days apart (issue 14's "kisti"/"installment" payer). */
const IRREGULAR = [1, 39, 94, 152];
/** Payments on these days (5 h past midnight) with these references in turn ('' for none). */
const pays = (days: number[], amount: number, refs: string[], to = 'MY-COL', toName = 'Shahidul Alam', extra: Partial<Transaction> = {}) =>
  days.map((d, i) => {
    const reference = refs[i % refs.length] as string;
    return transfer('W1', to, amount, d * D + 5, myr({ toName, ...extra, ...(reference === '' ? {} : { reference }) }));
  });
const FIRST = at(1 * D + 5);
const hits = (txs: Transaction[], openedAt = at(-21 * D)) =>
  hitsOf([debtRepayment()], txs, { profile: MY_LIKE, accounts: [EMPLOYER, account(openedAt)], parties: [party] }).filter((h) => h.entity.id === 'W1' && typeof h.facts['namedPayments'] !== 'number'); // the series readings (debt-named payments too few for one: debt-named-payment.test.ts)

describe('debt_repayment payer variant: a debt named by the payer and paid when the wage allows, without a period (MS-DEBT-01)', () => {
  test('positive: four instalments called "kisti"/"installment", 38–58 days apart, since the account opened read as a named debt after arrival', () => {
    const [hit, ...rest] = hits([...wages(6), ...pays(IRREGULAR, 60_000, ['kisti', 'installment'])]);
    expect(rest).toEqual([]);
    expect(hit?.facts['irregular']).toBe(true);
    expect(hit?.facts['namedAfterArrival']).toBe(true);
    expect(hit?.facts['payments']).toBe(4);
    expect(hit?.facts['discount']).toBeUndefined();
    expect(hit?.reason).toContain('at irregular intervals (median 55 days)');
    // 0.25 + one instalment over three 0.05 + debt reference 0.25 + opened 0.05 + the bonus (no `tight`: the intervals vary).
    expect(hit?.strength).toBeCloseTo(0.6 + NAMED_AFTER_ARRIVAL_BONUS, 6);
    expect((hit?.strength ?? 0) * 55).toBeGreaterThanOrEqual(40);
  });

  test('negative: the same payments without debt words have no reading (no period, nothing named)', () => {
    expect(hits([...wages(6), ...pays(IRREGULAR, 60_000, ['', 'personal'])])).toEqual([]);
  });

  test('negative: the same named payments on an account opened long before (not after arrival) have no reading', () => {
    expect(hits([...wages(6), ...pays(IRREGULAR, 60_000, ['kisti', 'installment'])], at(-300 * D))).toEqual([]);
  });

  test('boundary: half the instalments must name the debt — 2 of 4 read, one named instalment fewer does not', () => {
    const [half] = hits([...wages(6), ...pays(IRREGULAR, 60_000, ['kisti', ''])]);
    expect(half?.facts['irregular']).toBe(true);
    expect(half?.facts['payments']).toBe(4);
    expect(hits([...wages(6), ...pays(IRREGULAR, 60_000, ['kisti', '', '', ''])])).toEqual([]);
  });

  test('boundary: the longest gap is two months and the tolerance (65 days) — exactly 65 days reads, one millisecond more does not', () => {
    const o = debtRepaymentOptionsSchema.parse({});
    const longest = 2 * Math.max(...o.periods) + o.periodToleranceDays;
    expect(longest).toBe(65);
    const series = (late: number) => {
      const txs = pays([1, 39, 39 + longest, 152], 60_000, ['kisti', 'installment']);
      const third = txs[2] as Transaction;
      txs[2] = { ...third, timestamp: (third.timestamp as number) + late };
      return [...wages(6), ...txs];
    };
    const [atBar] = hits(series(0));
    expect(atBar?.facts['irregular']).toBe(true);
    expect(hits(series(1))).toEqual([]);
  });

  test('boundary: the first instalment must come within `startWithinDays` (183) of the opening — at the bar it reads, one millisecond later it does not', () => {
    const within = debtRepaymentOptionsSchema.parse({}).startWithinDays;
    expect(within).toBe(183);
    const txs = [...wages(6), ...pays(IRREGULAR, 60_000, ['kisti', 'installment'])];
    const [atBar] = hits(txs, FIRST - within * DAY_MS);
    expect(atBar?.facts['irregular']).toBe(true);
    expect(atBar?.facts['startBasis']).toBe('opened');
    expect(hits(txs, FIRST - within * DAY_MS - 1)).toEqual([]);
  });

  test('look-alike: a newly arrived worker\'s money home at irregular intervals, with kinship words beside "loan", has no reading', () => {
    const home = (refs: string[]) => hits([...wages(6), ...pays(IRREGULAR, 60_000, refs, 'BD-FAM', 'Nasima Akter', { toCountry: 'BD' })]);
    expect(home(['ibu', 'for home', '', 'family'])).toEqual([]);
    // One "loan" in four is not a named debt.
    expect(home(['loan', 'for home', '', 'family'])).toEqual([]);
    // Half named, half addressed to a mother: kinship discounts it, and an irregular series needs an undiscounted payee.
    expect(home(['loan', 'ibu'])).toEqual([]);
  });

  test('look-alike: a colleague paid back MYR 50 now and then ("hutang"), and a lender\'s or company\'s named instalments, have no irregular reading', () => {
    expect(hits([...wages(6), ...pays(IRREGULAR, 5_000, ['hutang'], 'MY-FRD', 'Halimah binti Faris')])).toEqual([]);
    for (const toName of ['Koperasi Pinjaman Maju', 'Sinar Motor Sdn Bhd']) expect(hits([...wages(6), ...pays(IRREGULAR, 60_000, ['loan', 'ansuran'], 'MY-LND', toName)])).toEqual([]);
  });
});
