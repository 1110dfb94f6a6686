import { describe, expect, test } from 'vitest';
import { ransomBurst } from '../../src/rules/debt/ransom-burst.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, deposit, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// The pooled variant of ransom_burst: unrelated families paying once or twice each into a personal
// account that cashes the money out (issue 14: the collectors of C025-like cases scored 0).
const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const accounts = (type: Account['type'] = 'personal'): Account[] => [
  { account: 'COL', party: 'P-COL', type, country: 'MY' },
  { account: 'EMP', party: 'P-EMP', type: 'business', country: 'MY' },
  ...['B1', 'C1', 'K1', 'R1'].map((a) => ({ account: a, party: `P-${a}`, type: 'personal' as const, country: 'MY' })),
];
const parties = (income = '1500.00'): Party[] => [
  { party: 'P-COL', name: 'Ahmad bin Zainal', address: 'No. 4, Lorong Selasih 1, Kangar', declaredMonthlyIncome: income },
  { party: 'P-EMP', name: 'Kangar Fresh Foods Sdn Bhd' },
  { party: 'P-B1', name: 'Hafez Ahmed', country: 'MM', address: 'No. 22, Jalan Kenanga 10, Klang' },
  { party: 'P-C1', name: 'Nurul Amin Sikder', country: 'BD', address: 'No. 7, Jalan Merbau 6, Rawang' },
  { party: 'P-K1', name: 'Zainal bin Ahmad', address: 'No. 4, Lorong Selasih 1, Kangar' },
  { party: 'P-R1', name: 'Rohana binti Said', address: 'No. 9, Jalan Mawar 2, Kangar' },
];
const pay = (from: string, amount: number, day: number, extra: Partial<Transaction> = {}) => transfer(from, 'COL', amount * 100, day * D, myr({ channel: 'mobile', ...extra }));
/** Two wages (seen history before the burst), then two families and an unknown CDM deposit, then a cash-out. */
const story = (cashOut = 4000, extra: Transaction[] = []): Transaction[] => [
  pay('EMP', 1500, 0, { reference: 'salary', channel: 'online' }),
  pay('EMP', 1500, 30, { reference: 'salary', channel: 'online' }),
  pay('C1', 2000, 40, { reference: 'for brother' }),
  deposit('COL', 150_000, 42 * D, { currency: 'MYR', channel: 'cdm', toCountry: 'MY' }),
  pay('B1', 2200, 45, { reference: 'urgent' }),
  withdrawal('COL', cashOut * 100, 46 * D, { currency: 'MYR', channel: 'branch', fromCountry: 'MY' }),
  ...extra,
];
const pooled = (txs: Transaction[], ps: Party[] = parties(), acc: Account[] = accounts(), options: Parameters<typeof ransomBurst>[0] = {}) =>
  rawHitsOf([ransomBurst(options)], txs, { profile: MY_LIKE, accounts: acc, parties: ps }).filter((h) => h.entity.id === 'COL' && h.variant === 'pooled');

describe('ransom_burst, pooled variant (MS-DEBT-03, MS-TP-01, MS-PROF-01)', () => {
  test('two unrelated families and unknown cash, MYR 5,700 in 14 days on a MYR 1,500 income, 70 % withdrawn: a hit', () => {
    const h = pooled(story());
    expect(h).toHaveLength(1);
    expect(h[0]?.facts).toMatchObject({ unrelatedPayers: 2, payments: 3, totalMinor: 570_000, unknownCashMinor: 150_000, cashOutMinor: 400_000, declaredIncomeMinor: 150_000 });
    expect(h[0]?.related).toEqual([{ kind: 'account', id: 'B1' }, { kind: 'account', id: 'C1' }]);
    expect(h[0]?.strength).toBeCloseTo(0.7, 5);
    expect(h[0]?.reason).toMatch(
      /^Possible ransom-collection pattern: 2 unrelated payers, none of them paying this account before, paid it MYR 5,700\.00 within 14 days \(MYR 1,500\.00 of it in cash of unknown origin\) against its usual MYR 1,050\.00 per 14 days and a declared monthly income of MYR 1,500\.00, and MYR 4,000\.00 \(70%\) left in cash or abroad\.$/,
    );
  });

  test('nearly all of it gone, or a third family, weighs more', () => {
    expect(pooled(story(5500))[0]?.strength).toBeCloseTo(0.8, 5);
  });

  test('the cash-out may come first (within 14 days before the burst) or go abroad', () => {
    const before = [...story(0).filter((t) => t.kind !== 'cash_withdrawal'), withdrawal('COL', 400_000, 33 * D, { currency: 'MYR', channel: 'branch' })];
    expect(pooled(before)).toHaveLength(1);
    const abroad = [...story(0).filter((t) => t.kind !== 'cash_withdrawal'), transfer('COL', 'TH-BEN', 400_000, 46 * D, { currency: 'MYR', fromCountry: 'MY', toCountry: 'TH', channel: 'remitter' })];
    expect(pooled(abroad)).toHaveLength(1);
    // A transfer at home is no cash-out.
    const home = [...story(0).filter((t) => t.kind !== 'cash_withdrawal'), transfer('COL', 'R1', 400_000, 46 * D, myr())];
    expect(pooled(home)).toHaveLength(0);
  });

  test('cash-out share boundary: exactly half of MYR 5,700 left is a hit, a sen less is not', () => {
    expect(pooled(story(2850))).toHaveLength(1);
    const short = story(0).map((t) => (t.kind === 'cash_withdrawal' ? { ...t, amount: 284_999 } : t));
    expect(pooled(short)).toHaveLength(0);
  });

  test('surge boundary: MYR 5,700 is exactly 3× a declared MYR 1,900; 3× MYR 1,900.01 is not reached', () => {
    expect(pooled(story(), parties('1900.00'))).toHaveLength(1);
    expect(pooled(story(), parties('1900.01'))).toHaveLength(0);
  });

  test('a payer of a month before is a standing relationship (rent, a savings group), not a one-off demand', () => {
    expect(pooled(story(4000, [pay('C1', 2000, 10, { reference: 'share' })]))).toHaveLength(0);
  });

  test('one family and unknown cash is no pooled payment; neither are the holder’s own relatives', () => {
    expect(pooled(story().filter((t) => t.fromAccount !== 'B1'))).toHaveLength(0);
    const kin = story().map((t) => (t.fromAccount === 'B1' ? { ...t, fromAccount: 'K1' } : t));
    expect(pooled(kin)).toHaveLength(0);
  });

  test('look-alikes stay quiet: a business account, invoiced customers, a busy account’s usual inflow, no reference data', () => {
    expect(pooled(story(), parties(), accounts('business'))).toHaveLength(0);
    const invoiced = story().map((t) => (t.fromAccount === 'B1' ? { ...t, reference: 'INV 2291' } : t));
    expect(pooled(invoiced)).toHaveLength(0);
    // A hawker whose customers pay as much every fortnight: no surge.
    const busy = story(4000, [5, 10, 15, 20, 25, 35].map((d) => pay('R1', 1000, d, { reference: 'nasi lemak' })));
    expect(pooled(busy, parties('0'))).toHaveLength(0);
    expect(rawHitsOf([ransomBurst()], story(), { profile: MY_LIKE }).filter((h) => h.variant === 'pooled')).toHaveLength(0);
  });
});
