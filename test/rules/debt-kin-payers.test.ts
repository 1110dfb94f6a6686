import { describe, expect, test } from 'vitest';
import { debtRepayment } from '../../src/rules/debt/debt-repayment.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, at, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });
const monthly = (n: number, start: number) => Array.from({ length: n }, (_, i) => start + 30 * i);
/** W0–W2: newly arrived workers of unrelated families; W3 shares the collector's family name ("Agent"). */
const NAMES = ['Rafiqul Mondal', 'Jahangir Sikder', 'Nazmul Howlader', 'Kamrul Agent'];
const parties: Party[] = [
  ...NAMES.map((name, i) => ({ party: `P-W${i}`, name, country: 'BD', address: `No. ${i + 3}, Jalan Mawar ${i + 1}, Johor Bahru` })),
  { party: 'P-AGENT', name: 'Shahidul Agent', country: 'BD' },
];
const account = (i: number, openedDay = -(10 + i)): Account => ({ account: `W${i}`, party: `P-W${i}`, type: 'personal', openedAt: at(openedDay * D), country: 'MY' });
const pay = (i: number, days: number[], amount: number) => days.map((d) => transfer(`W${i}`, 'AGENT', amount, d * D + 5 + i, myr({ toName: 'Shahidul Agent' })));
/** W0–W2 pay AGENT four monthly instalments of MYR 500, 600 and 700. */
const UNRELATED = [0, 1, 2].flatMap((i) => pay(i, monthly(4, 60 + i), 50_000 + 10_000 * i));
/** W3's four instalments, from day 40: a full series by the time the third unrelated payer's is (day 122). */
const kin = (amount = 60_000, start = 40) => pay(3, monthly(4, start), amount);

const collectorHits = (txs: Transaction[], accounts: Account[] = [0, 1, 2, 3].map((i) => account(i))) =>
  rawHitsOf([debtRepayment()], [...txs].sort((a, b) => a.timestamp - b.timestamp), { profile: MY_LIKE, accounts, parties })
    .filter((h) => h.entity.id === 'AGENT' && h.variant === 'collector');
const last = (txs: Transaction[], accounts?: Account[]) => collectorHits(txs, accounts).at(-1);

describe('debt_repayment collector variant: a payer sharing the collector\'s family name (MS-DEBT-01, issue 14)', () => {
  test('positive: a newly arrived payer of the collector\'s family name, paying a full series in the band, is named beside three unrelated payers, not counted', () => {
    const hit = last([...UNRELATED, ...kin()]);
    expect(hit?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W2', 'W3']);
    expect(hit?.facts).toMatchObject({ payers: 3, payerClusters: 3, kinSeriesPayers: 1 });
    expect(hit?.reason).toMatch(/; 1 more, newly arrived and sharing the holder's family name, pay it in the same way \(named, not counted\)\.$/);
    // Named, not counted: the strength is that of the three unrelated payers alone.
    expect(hit?.strength).toBeCloseTo(last(UNRELATED)?.strength as number, 10);
  });

  test('positive: a relative whose series completes only after the unrelated payers\' last payments is named by the collector\'s hit on its own payment, and the episode keeps it', () => {
    // From day 100: two instalments when the unrelated payers pay for the last time (days 150–152), four by day 190.
    const hits = collectorHits([...UNRELATED, ...kin(60_000, 100)]);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W2', 'W3']);
    expect(hits[0]?.facts['kinSeriesPayers']).toBeUndefined(); // the episode's strongest hit came before W3's series was full
    // Without the relative's own payments the collector names only the three.
    expect(collectorHits([...UNRELATED, ...kin(60_000, 100).slice(0, 2)])[0]?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W2']);
  });

  test('negative: two unrelated payers and a relative make no collector; a relative whose account is not new is not named', () => {
    const two = UNRELATED.filter((t) => t.fromAccount !== 'W2');
    expect(collectorHits([...two, ...kin()])).toEqual([]);
    const settled = [0, 1, 2].map((i) => account(i)).concat(account(3, -400));
    expect(last([...UNRELATED, ...kin()], settled)?.related?.map((r) => r.id)).toEqual(['W0', 'W1', 'W2']);
  });

  test('boundary: the relative\'s median instalment must sit in the unrelated payers\' band (MYR 250.00 named, MYR 249.99 not; MYR 1,400.00 named, MYR 1,400.01 not)', () => {
    expect(last([...UNRELATED, ...kin(25_000)])?.facts['kinSeriesPayers']).toBe(1);
    expect(last([...UNRELATED, ...kin(24_999)])?.facts['kinSeriesPayers']).toBeUndefined();
    expect(last([...UNRELATED, ...kin(140_000)])?.facts['kinSeriesPayers']).toBe(1);
    expect(last([...UNRELATED, ...kin(140_001)])?.facts['kinSeriesPayers']).toBeUndefined();
  });

  test('look-alike: family support — one relative paying a relative every month — makes no collector and names no one', () => {
    expect(collectorHits(kin())).toEqual([]);
    // Nor does a relative beside a single unrelated payer (a neighbour's repayments).
    expect(collectorHits([...pay(0, monthly(4, 60), 50_000), ...kin()])).toEqual([]);
  });
});
