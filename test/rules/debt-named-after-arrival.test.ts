import { describe, expect, test } from 'vitest';
import { NAMED_AFTER_ARRIVAL_BONUS, NAMED_MIN_PERIOD_DAYS, debtRepayment, debtRepaymentOptionsSchema } from '../../src/rules/debt/debt-repayment.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, hitsOf, transfer } from '../helpers/builders.js';

const D = 24;
const DAY_MS = 86_400_000;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const monthly = (n: number, start = 1) => Array.from({ length: n }, (_, i) => start + 30 * i);
const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
const party: Party = { party: 'P-W1', name: 'Rafiqul Islam Mondal', country: 'BD', address: 'Asrama Pekerja Makmur, Lot 9, Jalan Kilang 2, Johor Bahru' };
/** The worker's account, opened at `openedAt` (epoch ms). */
const account = (openedAt: number): Account => ({ account: 'W1', party: 'P-W1', type: 'personal', openedAt, country: 'MY' });
/** Monthly wages of MYR 2,000 from day 0. */
const wages = (n: number) => monthly(n, 0).map((d) => transfer('EMP', 'W1', 200_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
/** `n` monthly payments from day 1 with these references in turn ('' for none). */
const pays = (amount: number, refs: string[], n: number, to = 'MY-COL', toName = 'Shahidul Alam', extra: Partial<Transaction> = {}) =>
  monthly(n).map((d, i) => {
    const reference = refs[i % refs.length] as string;
    return transfer('W1', to, amount, d * D + 5, myr({ toName, ...extra, ...(reference === '' ? {} : { reference }) }));
  });
const FIRST = at(1 * D + 5);
const hits = (txs: Transaction[], openedAt = at(-21 * D)) =>
  hitsOf([debtRepayment()], txs, { profile: MY_LIKE, accounts: [EMPLOYER, account(openedAt)], parties: [party] }).filter((h) => h.entity.id === 'W1' && typeof h.facts['namedPayments'] !== 'number'); // the series readings (debt-named payments too few for one: debt-named-payment.test.ts)

describe('debt_repayment payer variant: a debt named by the payer, begun soon after arrival (MS-DEBT-01)', () => {
  test('positive: four instalments of 20 % of the wage called "hutang"/"ansuran" since the account opened read undiscounted, at the threshold', () => {
    const [hit, ...rest] = hits([...wages(4), ...pays(40_000, ['hutang', 'ansuran'], 4)]);
    expect(rest).toEqual([]);
    expect(hit?.facts['namedAfterArrival']).toBe(true);
    expect(hit?.facts['shareOfInflow']).toBeCloseTo(0.2, 4);
    expect(hit?.facts['discount']).toBeUndefined();
    // 0.25 + one instalment over three 0.05 + debt reference 0.25 + tight 0.05 + opened 0.05 + the bonus.
    expect(hit?.strength).toBeCloseTo(0.65 + NAMED_AFTER_ARRIVAL_BONUS, 6);
    expect((hit?.strength ?? 0) * 55).toBeGreaterThanOrEqual(40);
  });

  test('negative: the same named series on an account opened long before reads ongoing, still discounted below the 30 % bar and without the bonus', () => {
    const [hit] = hits([...wages(8), ...pays(40_000, ['hutang', 'ansuran'], 7)], at(-300 * D));
    expect(hit?.facts['startBasis']).toBe('ongoing');
    expect(hit?.facts['namedAfterArrival']).toBeUndefined();
    expect(hit?.facts['discount']).toContain('below_share_debt_reference');
    expect(hit?.strength).toBeLessThan(0.5);
  });

  test('boundary: a first instalment exactly `startWithinDays` (183) after the opening is named after arrival; one millisecond later it is not', () => {
    const within = debtRepaymentOptionsSchema.parse({}).startWithinDays;
    expect(within).toBe(183);
    const txs = [...wages(8), ...pays(40_000, ['hutang', 'ansuran'], 7)];
    const [atBar] = hits(txs, FIRST - within * DAY_MS);
    expect(atBar?.facts['startBasis']).toBe('opened');
    expect(atBar?.facts['namedAfterArrival']).toBe(true);
    expect(atBar?.facts['discount']).toBeUndefined();
    const [past] = hits(txs, FIRST - within * DAY_MS - 1);
    expect(past?.facts['startBasis']).toBe('ongoing');
    expect(past?.facts['namedAfterArrival']).toBeUndefined();
    expect((atBar?.strength ?? 0) - (past?.strength ?? 0)).toBeGreaterThan(NAMED_AFTER_ARRIVAL_BONUS);
  });

  test('boundary: a third of the instalments must name the debt — 1 of 3 earns the bonus, 1 of 4 does not', () => {
    const [third] = hits([...wages(4), ...pays(80_000, ['', '', 'kisti'], 3)]);
    expect(third?.facts['namedAfterArrival']).toBe(true);
    const [quarter] = hits([...wages(5), ...pays(80_000, ['', '', '', 'kisti'], 4)]);
    expect(quarter?.facts['debtReference']).toBe(true);
    expect(quarter?.facts['namedAfterArrival']).toBeUndefined();
  });

  test('boundary: the series must be monthly (30 days) — a fortnightly named series, one period step below, keeps the ordinary reading', () => {
    expect(NAMED_MIN_PERIOD_DAYS).toBe(30);
    const fortnightly = (refs: string[]) =>
      Array.from({ length: 4 }, (_, i) => transfer('W1', 'MY-COL', 40_000, (1 + 14 * i) * D + 5, myr({ toName: 'Shahidul Alam', reference: refs[i % refs.length] as string })));
    const named = hits([...wages(3), ...fortnightly(['hutang', 'ansuran'])]);
    expect(named.length).toBeGreaterThan(0);
    for (const h of named) {
      expect(h.facts['periodDays']).toBe(14);
      expect(h.facts['namedAfterArrival']).toBeUndefined();
    }
    const [monthlyHit] = hits([...wages(4), ...pays(40_000, ['hutang', 'ansuran'], 4)]);
    expect(monthlyHit?.facts['periodDays']).toBe(30);
    expect(monthlyHit?.facts['namedAfterArrival']).toBe(true);
  });

  test('look-alike: a colleague paid back MYR 30–50 a week ("hutang") from a new account earns no bonus', () => {
    const weekly = [30_00, 50_00, 48_00].map((amount, i) => transfer('W1', 'MY-FRD', amount, (1 + 7 * i) * D + 5, myr({ toName: 'Halimah binti Faris', reference: 'hutang' })));
    const all = hits(weekly);
    expect(all.length).toBeGreaterThan(0);
    for (const h of all) expect(h.facts['namedAfterArrival']).toBeUndefined();
  });

  test('look-alike: a newly arrived borrower\'s named instalments to a lender or a company earn no bonus and stay discounted', () => {
    for (const toName of ['Koperasi Pinjaman Maju', 'Sinar Motor Sdn Bhd']) {
      const all = hits([...wages(4), ...pays(40_000, ['loan', 'ansuran'], 4, 'MY-LND', toName)]);
      expect(all.length).toBeGreaterThan(0);
      for (const h of all) {
        expect(h.facts['namedAfterArrival']).toBeUndefined();
        expect(h.facts['discount']).toContain('below_share_debt_reference');
        expect(h.strength).toBeLessThan(0.4);
      }
    }
  });

  test('look-alike: a newly arrived worker\'s money home (no debt words, or one "loan" in four) earns no bonus', () => {
    const home = hits([...wages(5), ...pays(80_000, ['', 'personal'], 4, 'BD-FAM', 'Nasima Akter', { toCountry: 'BD' })]);
    expect(home.length).toBeGreaterThan(0);
    for (const h of home) expect(h.facts['namedAfterArrival']).toBeUndefined();
    const once = hits([...wages(5), ...pays(80_000, ['', '', '', 'loan'], 4, 'BD-FAM', 'Nasima Akter', { toCountry: 'BD' })]);
    expect(once.some((h) => h.facts['debtReference'] === true)).toBe(true);
    for (const h of once) expect(h.facts['namedAfterArrival']).toBeUndefined();
    // Under the 30 % bar without naming the debt: no reading at all.
    expect(hits([...wages(4), ...pays(40_000, ['for amma', ''], 4, 'BD-FAM', 'Nasima Akter', { toCountry: 'BD' })])).toEqual([]);
  });
});
