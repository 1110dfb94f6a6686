import { describe, expect, test } from 'vitest';
import { debtRepayment, debtRepaymentOptionsSchema } from '../../src/rules/debt/debt-repayment.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, hitsOf, transfer } from '../helpers/builders.js';

const D = 24;
const DAY_MS = 86_400_000;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const monthly = (n: number, start = 1) => Array.from({ length: n }, (_, i) => start + 30 * i);
const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
const HOME = 'No. 12, Jalan Mawar 3, Taman Sri Mawar, 81200 Johor Bahru, Johor';
const worker = (name: string, address = 'Asrama Pekerja Makmur, Lot 9, Jalan Kilang 2, Johor Bahru'): Party => ({ party: 'P-W1', name, country: 'BD', address });
const account = (openedAt: number): Account => ({ account: 'W1', party: 'P-W1', type: 'personal', openedAt, country: 'MY' });
/** Monthly wages of MYR 2,000 from day 0. */
const wages = (n: number) => monthly(n, 0).map((d) => transfer('EMP', 'W1', 200_000, d * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
/** `n` monthly payments of MYR 400 (20 % of the wage) from day 1 to `toName` in Bangladesh, with these references in turn ('' for none). */
const pays = (refs: string[], n: number, toName = 'Rubel Mondal', to = 'BD-COL', amount = 40_000) =>
  monthly(n).map((d, i) => {
    const reference = refs[i % refs.length] as string;
    return transfer('W1', to, amount, d * D + 5, myr({ toName, toCountry: 'BD', ...(reference === '' ? {} : { reference }) }));
  });
const FIRST = at(1 * D + 5);
const hits = (txs: Transaction[], { openedAt = at(-21 * D), name = 'Nazmul Mondal', extra = [] as { accounts: Account[]; parties: Party[] }[] } = {}) =>
  hitsOf([debtRepayment()], txs, {
    profile: MY_LIKE,
    accounts: [EMPLOYER, account(openedAt), ...extra.flatMap((x) => x.accounts)],
    parties: [worker(name, extra.length > 0 ? HOME : undefined), ...extra.flatMap((x) => x.parties)],
  }).filter((h) => h.entity.id === 'W1' && typeof h.facts['namedPayments'] !== 'number'); // the series readings (debt-named payments too few for one: debt-named-payment.test.ts)

describe('debt_repayment payer variant: a debt named by the payer to a payee sharing only the family name (MS-DEBT-01)', () => {
  test('positive: "loan"/"kisti" every month to a payee sharing the payer\'s family name, since the account opened, read undiscounted', () => {
    const [hit, ...rest] = hits([...wages(5), ...pays(['loan', 'kisti'], 4)]);
    expect(rest).toEqual([]);
    expect(hit?.facts['sharedFamilyName']).toBe(true);
    expect(hit?.facts['namedAfterArrival']).toBe(true);
    expect(hit?.facts['discount']).toBeUndefined();
    expect(hit?.reason).toContain("an account in BD whose holder shares only the payer's family name");
    expect((hit?.strength ?? 0) * 55).toBeGreaterThanOrEqual(40);
  });

  test('negative: payments without debt words to the same payee are family support, as before: no reading, even at 40 % of the wage', () => {
    expect(hits([...wages(5), ...pays(['', 'personal'], 4, 'Rubel Mondal', 'BD-COL', 80_000)])).toEqual([]);
  });

  test('boundary: half the instalments must name the debt — 2 of 4 read, one named instalment fewer does not', () => {
    const [half] = hits([...wages(5), ...pays(['loan', ''], 4)]);
    expect(half?.facts['sharedFamilyName']).toBe(true);
    expect(hits([...wages(5), ...pays(['loan', '', '', ''], 4)])).toEqual([]);
  });

  test('boundary: the first instalment must come within `startWithinDays` (183) of the opening — at the bar it reads, one millisecond later it does not', () => {
    const within = debtRepaymentOptionsSchema.parse({}).startWithinDays;
    expect(within).toBe(183);
    const txs = [...wages(5), ...pays(['loan', 'kisti'], 4)];
    const [atBar] = hits(txs, { openedAt: FIRST - within * DAY_MS });
    expect(atBar?.facts['sharedFamilyName']).toBe(true);
    expect(hits(txs, { openedAt: FIRST - within * DAY_MS - 1 })).toEqual([]);
  });

  test('a very common family name: named as a debt after arrival, no discount; not named, discounted as before', () => {
    const named = hits([...wages(5), ...pays(['loan', 'kisti'], 4, 'Sagar Sharma')], { name: 'Dinesh Sharma' });
    expect(named[0]?.facts['sharedFamilyName']).toBe(true);
    expect(named[0]?.facts['discount']).toBeUndefined();
    const plain = hits([...wages(5), ...pays(['', 'personal'], 4, 'Sagar Sharma')], { name: 'Dinesh Sharma' });
    for (const h of plain) {
      expect(h.facts['sharedFamilyName']).toBeUndefined();
      expect(h.facts['discount']).toContain('common_family_name');
    }
  });

  test('look-alike: money home to a relative, addressed as kin beside "loan", or sent for years from an old account, has no reading', () => {
    expect(hits([...wages(5), ...pays(['loan', 'ibu'], 4)])).toEqual([]);
    expect(hits([...wages(8), ...pays(['loan', 'kisti'], 7)], { openedAt: at(-300 * D) })).toEqual([]);
  });

  test('look-alike: a payee of the same household (one home address) stays excluded, debt words or not', () => {
    const sibling = { accounts: [{ account: 'MY-SIB', party: 'P-S1', type: 'personal', country: 'MY' } as Account], parties: [{ party: 'P-S1', name: 'Rubel Mondal', country: 'BD', address: HOME }] };
    expect(hits([...wages(5), ...pays(['loan', 'kisti'], 4, 'Rubel Mondal', 'MY-SIB')], { extra: [sibling] })).toEqual([]);
  });
});
