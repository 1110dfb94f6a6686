import { describe, expect, test } from 'vitest';
import { debtRepayment, debtRepaymentOptionsSchema } from '../../src/rules/debt/debt-repayment.js';
import { NAMED_PAYMENT_STRENGTH } from '../../src/rules/debt/named-payment.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { scan } from '../../src/index.js';
import { defineTypology } from '../../src/scoring/typology.js';
import type { AlertHit } from '../../src/scoring/alert.js';
import { MY_LIKE, at, transfer } from '../helpers/builders.js';

// A newly arrived payer's one or two debt-named payments to a collector: too few for a series,
// evidence that names the payee (issue 14: such payers were never members of the collector's case).

const D = 24;
const DAY_MS = 86_400_000;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const EMPLOYER: Account = { account: 'EMP', type: 'business', country: 'MY' };
const HOME = 'No. 12, Jalan Mawar 3, Taman Sri Mawar, 81200 Johor Bahru, Johor';
const COLLECTOR: Account = { account: 'COL', party: 'P-C', type: 'personal', country: 'MY' };
const collectorParty: Party = { party: 'P-C', name: 'Aung Ko Ko', country: 'MM' };
const payerParty: Party = { party: 'P-W1', name: 'Htet Aung', country: 'MM', address: 'Asrama Pekerja Makmur, Lot 9, Jalan Kilang 2, Johor Bahru' };
const account = (openedAt: number): Account => ({ account: 'W1', party: 'P-W1', type: 'personal', openedAt, country: 'MY' });
/** Monthly wages of MYR 2,000 from day 0. */
const wages = (n: number) => Array.from({ length: n }, (_, i) => transfer('EMP', 'W1', 200_000, 30 * i * D, myr({ reference: 'GAJI', fromName: 'Maju Jaya Sdn Bhd' })));
/** Payments of MYR 400 from W1 to `to` on `days`, with these references in turn ('' for none). */
const pays = (days: number[], refs: string[], to = 'COL', toName = 'Aung Ko Ko') =>
  days.map((d, i) => {
    const reference = refs[i % refs.length] as string;
    return transfer('W1', to, 40_000, d * D + 5, myr({ toName, ...(reference === '' ? {} : { reference }) }));
  });
/** The hits (with their links) of the alerts on `payer`, through the real engine. */
const hitsOn = (txs: Transaction[], accounts: Account[], parties: Party[], payer = 'W1'): AlertHit[] =>
  scan(txs, { jurisdiction: MY_LIKE, rules: [debtRepayment()], typologies: [defineTypology({ id: 't', name: 't', weights: { debt_repayment: 1 } })], minScore: 0, accounts, parties })
    .alerts.filter((a) => a.entity.kind === 'account' && a.entity.id === payer).flatMap((a) => a.hits);
const run = (txs: Transaction[], { openedAt = at(-21 * D), accounts = [COLLECTOR], parties = [collectorParty] }: { openedAt?: number; accounts?: Account[]; parties?: Party[] } = {}) =>
  hitsOn(txs, [EMPLOYER, account(openedAt), ...accounts], [payerParty, ...parties]);
const named = (txs: Transaction[], options?: Parameters<typeof run>[1]) => run(txs, options).filter((h) => typeof h.facts['namedPayments'] === 'number');

describe('debt_repayment: debt-named payments too few for a series name their payee (MS-DEBT-01, issue 14)', () => {
  test('positive: one "instalment" from a newly opened account names the payee, at the evidence strength only', () => {
    const [hit, ...rest] = run([...wages(3), ...pays([40], ['instalment'])]);
    expect(rest).toEqual([]);
    expect(hit?.strength).toBe(NAMED_PAYMENT_STRENGTH);
    expect(hit?.related).toEqual([{ kind: 'account', id: 'COL' }]);
    expect(hit?.facts).toMatchObject({ namedPayments: 1, payments: 1, startDays: 61 });
    expect(hit?.reason).toContain('1 payment of MYR 400.00 to one payee, 1 of them named as a debt');
  });

  test('positive: two payments, the newest named "kisti", the first unnamed: both listed', () => {
    const hits = named([...wages(3), ...pays([20, 52], ['', 'kisti'])]);
    expect(hits.at(-1)?.facts).toMatchObject({ namedPayments: 1, payments: 2 });
    expect(hits.at(-1)?.transactionIds).toHaveLength(2);
  });

  test('negative: payments without debt words, or whose newest names none, name nothing', () => {
    expect(run([...wages(3), ...pays([20, 52], ['personal', 'pay'])])).toEqual([]);
    expect(named([...wages(3), ...pays([52], ['family'])])).toEqual([]);
  });

  test('negative: a full series is read as a series, not as named payments', () => {
    const hits = run([...wages(6), ...pays([1, 31, 61, 91], ['loan', 'kisti'])]);
    expect(hits.some((h) => typeof h.facts['periodDays'] === 'number')).toBe(true);
    // Only the first two payments, before the series formed, were named payments.
    const early = hits.filter((h) => h.facts['namedPayments'] !== undefined);
    expect(early.length).toBeGreaterThan(0);
    expect(early.every((h) => (h.facts['payments'] as number) < 3)).toBe(true);
  });

  test('boundary: the first payment must come within `startWithinDays` (183) of the opening — at the bar it reads, one millisecond later it does not', () => {
    const within = debtRepaymentOptionsSchema.parse({}).startWithinDays;
    expect(within).toBe(183);
    const first = at(40 * D + 5);
    expect(named(pays([40], ['hutang']), { openedAt: first - within * DAY_MS })).toHaveLength(1);
    expect(named(pays([40], ['hutang']), { openedAt: first - within * DAY_MS - 1 })).toEqual([]);
  });

  test('look-alike: a payee of the same household, addressed as kin, a lender, a remitter or rent names no collector', () => {
    const sibling: Party = { party: 'P-S1', name: 'Kyaw Kyaw', country: 'MM', address: HOME };
    const home = { ...payerParty, address: HOME };
    expect(run(pays([40], ['loan']), { parties: [collectorParty], accounts: [COLLECTOR] }).length).toBe(1);
    expect(hitsOn(pays([40], ['loan'], 'SIB'), [account(at(-21 * D)), { account: 'SIB', party: 'P-S1', type: 'personal', country: 'MY' }], [home, sibling])).toEqual([]);
    expect(named(pays([20, 52], ['ibu', 'loan']))).toEqual([]);
    expect(named(pays([40], ['loan']), { accounts: [{ ...COLLECTOR, type: 'msb' }] })).toEqual([]);
    expect(named(pays([40], ['loan'], 'LEND', 'Ah Seng Credit'))).toEqual([]);
    expect(named(pays([40], ['loan'], 'LEND', 'Ah Seng'))).toHaveLength(1);
    expect(named(pays([40], ['rent loan']))).toEqual([]);
  });

  test('look-alike: a friend who lent the money ("hutang" paid in) and is paid back ("pinjam") is no collector', () => {
    const lent = transfer('COL', 'W1', 20_000, 10 * D, myr({ reference: 'hutang', fromName: 'Aung Ko Ko' }));
    expect(named([lent, ...pays([40], ['pinjam'])])).toEqual([]);
    expect(named(pays([40], ['pinjam']))).toHaveLength(1);
  });

  test("look-alike: a business's debt-named payment (a shop repaying a supplier's credit) names no collector; a personal account's does", () => {
    const shop = (type: NonNullable<Account['type']>): Account => ({ ...account(at(-21 * D)), type });
    expect(hitsOn(pays([40], ['loan']), [shop('personal'), COLLECTOR], [payerParty, collectorParty])).toHaveLength(1);
    expect(hitsOn(pays([40], ['loan']), [shop('business'), COLLECTOR], [payerParty, collectorParty])).toEqual([]);
  });

  test('look-alike: an account open for long (a friend repaid years after arrival) names nothing', () => {
    expect(named(pays([40], ['loan']), { openedAt: at(-400 * D) })).toEqual([]);
  });
});
