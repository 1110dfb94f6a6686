import { describe, expect, test } from 'vitest';
import { debtRepayment, debtRepaymentOptionsSchema } from '../../src/rules/debt/debt-repayment.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, hitsOf, transfer } from '../helpers/builders.js';

const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const monthly = (n: number, start = 1) => Array.from({ length: n }, (_, i) => start + 30 * i);
const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
/** A worker who arrived three weeks before day 0, paid MYR 2,000 a month. */
const W: { account: Account; party: Party } = {
  account: { account: 'W1', party: 'P-W1', type: 'personal', openedAt: at(-21 * D), country: 'MY' },
  party: { party: 'P-W1', name: 'Rafiqul Islam Mondal', country: 'BD', address: 'Asrama Pekerja Makmur, Lot 9, Jalan Kilang 2, Johor Bahru' },
};
const wages = monthly(4, 0).map((d) => transfer('EMP', 'W1', 200_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
/** Four (or `n`) monthly payments to a domestic account of an unrelated name, with these references in turn ('' for none). */
const pays = (amount: number, refs: string[], to = 'MY-COL', toName = 'Shahidul Agent', n = 4) =>
  monthly(n).map((d, i) => {
    const reference = refs[i % refs.length] as string;
    return transfer('W1', to, amount, d * D + 5, myr({ toName, ...(reference === '' ? {} : { reference }) }));
  });
const hits = (txs: Transaction[]) => hitsOf([debtRepayment()], txs, { profile: MY_LIKE, accounts: [EMPLOYER, W.account], parties: [W.party] }).filter((h) => h.entity.id === 'W1' && typeof h.facts['namedPayments'] !== 'number'); // the series readings (debt-named payments too few for one: debt-named-payment.test.ts)

describe('debt_repayment payer variant: the relative bar when the payer names the debt (MS-DEBT-01)', () => {
  test('positive: instalments of 20 % of the wage called "hutang"/"ansuran" fire (undiscounted: begun three weeks after arrival, see debt-named-after-arrival.test.ts)', () => {
    const [hit, ...rest] = hits([...wages, ...pays(40_000, ['hutang', 'ansuran'])]);
    expect(rest).toEqual([]);
    expect(hit?.facts['shareOfInflow']).toBeCloseTo(0.2, 4);
    expect(hit?.facts['namedAfterArrival']).toBe(true);
    expect(hit?.facts['debtReference']).toBe(true);
  });

  test('negative: the same 20 % without debt references stays under the 30 % bar (at 30 % it fires)', () => {
    expect(hits([...wages, ...pays(40_000, ['', 'personal'])])).toEqual([]);
    expect(hits([...wages, ...pays(60_000, ['', 'personal'])])).toHaveLength(1);
  });

  test('boundary: 15 % of the wage (MYR 300.00 of MYR 2,000.00) fires, one sen less does not', () => {
    expect(debtRepaymentOptionsSchema.parse({}).minShareWithDebtReference).toBe(0.15);
    expect(hits([...wages, ...pays(30_000, ['hutang'])])).toHaveLength(1);
    expect(hits([...wages, ...pays(29_999, ['hutang'])])).toEqual([]);
  });

  test('boundary: a third of the references must name the debt — 1 of 3 does, 1 of 4 does not', () => {
    expect(hits([...wages, ...pays(40_000, ['', '', 'kisti'], 'MY-COL', 'Shahidul Agent', 3)])).toHaveLength(1);
    expect(hits([...wages, ...pays(40_000, ['', '', '', 'kisti'])])).toEqual([]);
  });

  test('look-alike: support sent home at 20 % ("for amma", "ibu") and rent to a landlord ("sewa bilik") do not fire', () => {
    expect(hits([...wages, ...pays(40_000, ['for amma', 'ibu'], 'BD-FAM', 'Nasima Akter')])).toEqual([]);
    expect(hits([...wages, ...pays(40_000, ['sewa bilik'], 'MY-LL', 'Lim Ah Kow')])).toEqual([]);
  });
});
