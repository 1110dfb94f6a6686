import { describe, expect, test } from 'vitest';
import { SUB_COLLECTOR_STRENGTH, subCollector, subCollectorFloor } from '../../src/rules/flow/sub-collector.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// sub_collector: several unrelated people pay one personal account (SUB), which passes their money
// on in lumps to one person (COL). AU_LIKE: T = AUD 10,000 (no flow reference), so payments count from AUD 50.
const D = 24;
const NAMES = ['Nguyen Huu Phuoc', 'Rajendra Shrestha', 'Mae Flores', 'Liza Garcia'];
const reference = (type: Account['type'] = 'personal', payee: Account['type'] = 'personal'): [Account[], Party[]] => [
  [
    { account: 'SUB', party: 'H', type },
    { account: 'SAV', party: 'H', type: 'personal' },
    { account: 'COL', party: 'HC', type: payee },
    ...NAMES.map((_, i) => ({ account: `P${i}`, party: `Q${i}`, type: 'personal' as const })),
  ],
  [
    { party: 'H', name: 'Matthew Smith', country: 'AU' },
    { party: 'HC', name: 'Olivia Thompson', country: 'AU' },
    ...NAMES.map((name, i) => ({ party: `Q${i}`, name, country: 'AU' })),
  ],
];
const hits = (txs: Transaction[], ref: [Account[], Party[]] = reference()) =>
  rawHitsOf([subCollector()], txs, { accounts: ref[0], parties: ref[1] }).filter((h) => h.entity.id === 'SUB' && h.rule === 'sub_collector');
const pay = (i: number, amount: number, day: number) => transfer(`P${i}`, 'SUB', amount, day * D, { fromName: NAMES[i] as string, fromCountry: 'AU', toCountry: 'AU' });
const lump = (amount: number, day: number, to = 'COL') => transfer('SUB', to, amount, day * D, { toName: 'Olivia Thompson', fromCountry: 'AU', toCountry: 'AU' });
/** Three payers (AUD 300, 250, 200: AUD 750) and two lumps of AUD 500 and 600 to COL. */
const payers = (n = 3): Transaction[] => [pay(0, 30_000, 1), pay(1, 25_000, 3), pay(2, 20_000, 5), ...(n > 3 ? [pay(3, 15_000, 6)] : [])].slice(0, n);

describe('sub_collector (MS-FUN-01 through intermediate collectors)', () => {
  test('positive: three unrelated payers, their money passed on in two lumps to one person', () => {
    const h = hits([...payers(), lump(50_000, 8), lump(60_000, 15)]);
    expect(h).toHaveLength(1);
    expect(h[0]?.strength).toBe(SUB_COLLECTOR_STRENGTH);
    expect(h[0]?.related).toEqual([{ kind: 'account', id: 'COL' }]);
    expect(h[0]?.facts).toMatchObject({ payers: 3, payments: 3, collectedMinor: 75_000, largestMinor: 30_000, lumps: 2, onwardMinor: 110_000, windowDays: 30 });
    expect(h[0]?.reason).toBe(
      'Possible sub-collector: 3 unrelated payers paid this account AUD 750.00 in 3 payments within 30 days (the largest AUD 300.00), and it paid AUD 1,100.00 on to COL in 2 lumps.',
    );
  });

  test('boundary: three payers fire, two do not; two lumps fire, one does not', () => {
    expect(hits([...payers(2), lump(50_000, 8), lump(60_000, 15)])).toHaveLength(0);
    expect(hits([...payers(), lump(60_000, 15)])).toHaveLength(0);
  });

  test('boundary: a lump of exactly 1.25 × the largest payment counts, one cent less does not', () => {
    expect(hits([...payers(), lump(37_500, 8), lump(37_500, 15)])).toHaveLength(1);
    expect(hits([...payers(), lump(37_500, 8), lump(37_499, 15)])).toHaveLength(0);
  });

  test('boundary: lumps totalling half of what the payers paid fire, one cent less does not', () => {
    // Three payers pay AUD 300 three times each: AUD 2,700 (largest AUD 300); half is AUD 1,350.
    const nine = [0, 1, 2].flatMap((i) => [pay(i, 30_000, 1 + i), pay(i, 30_000, 4 + i), pay(i, 30_000, 7 + i)]);
    const at = hits([...nine, lump(67_500, 12), lump(67_500, 15)]);
    expect(at).toHaveLength(1);
    expect(at[0]?.facts).toMatchObject({ collectedMinor: 270_000, onwardMinor: 135_000 });
    expect(hits([...nine, lump(67_500, 12), lump(67_499, 15)])).toHaveLength(0);
  });

  test('negative: payments spread over more than the 30-day window, a payee that is a business, a business account', () => {
    expect(hits([pay(0, 30_000, 1), pay(1, 25_000, 20), pay(2, 20_000, 45), lump(50_000, 46), lump(60_000, 52)])).toHaveLength(0);
    expect(hits([...payers(), lump(50_000, 8), lump(60_000, 15)], reference('personal', 'business'))).toHaveLength(0);
    expect(hits([...payers(), lump(50_000, 8), lump(60_000, 15)], reference('business'))).toHaveLength(0);
  });

  test('look-alike: a savings-group organiser paying the pot to a member who pays stakes in is a mutual relation, not a collector', () => {
    const stakeFromPayee = transfer('COL', 'SUB', 20_000, 4 * D, { fromName: 'Olivia Thompson', fromCountry: 'AU', toCountry: 'AU' });
    expect(hits([...payers(), stakeFromPayee, lump(50_000, 8), lump(60_000, 15)])).toHaveLength(0);
    // A rotating pot goes to a different member each round: one lump per payee.
    expect(hits([...payers(), lump(50_000, 8, 'P0'), lump(60_000, 15, 'P1')])).toHaveLength(0);
  });

  test('look-alike: a holder moving the money to its own savings account is no sub-collector', () => {
    expect(hits([...payers(), lump(50_000, 8, 'SAV'), lump(60_000, 15, 'SAV')])).toHaveLength(0);
  });

  describe('the payment floor read against the holder\'s declared income (a threshold far above wages)', () => {
    // Payers of AUD 30, 35 and 40 (below the AUD 50 reference floor), two lumps of AUD 50 to COL.
    const small = (first = 3_000): Transaction[] => [pay(0, first, 1), pay(1, 3_500, 3), pay(2, 4_000, 5), lump(5_000, 8), lump(5_000, 15)];
    const withIncome = (income: string | undefined): [Account[], Party[]] => {
      const [accounts, parties] = reference();
      return [accounts, parties.map((p) => (p.party === 'H' && income !== undefined ? { ...p, declaredMonthlyIncome: income } : p))];
    };

    test('positive: a tenth of a AUD 300 income (AUD 30) counts payments the reference floor (AUD 50) leaves out', () => {
      expect(hits(small(), withIncome(undefined))).toHaveLength(0);
      const h = hits(small(), withIncome('300.00'));
      expect(h).toHaveLength(1);
      expect(h[0]?.facts).toMatchObject({ payers: 3, collectedMinor: 10_500, largestMinor: 4_000, lumps: 2, onwardMinor: 10_000 });
    });

    test('boundary: a payment of exactly a tenth of the income counts; one minor unit less does not', () => {
      expect(hits(small(3_000), withIncome('300.00'))).toHaveLength(1);
      expect(hits(small(2_999), withIncome('300.00'))).toHaveLength(0);
    });

    test('boundary: the income lowers the floor at most ten-fold (AUD 5 here), never to pocket money', () => {
      expect(subCollectorFloor(5_000, 1_000, 0.1)).toBe(500);
      expect(subCollectorFloor(5_000, 4_999, 0.1)).toBe(500);
      expect(subCollectorFloor(5_000, 30_000, 0.1)).toBe(3_000);
      expect(subCollectorFloor(5_000, 30_001, 0.1)).toBe(3_001);
    });

    test('negative: a higher income, a declared 0, no income or the option off leave the reference floor', () => {
      expect(subCollectorFloor(5_000, 100_000, 0.1)).toBe(5_000);
      expect(subCollectorFloor(5_000, 0, 0.1)).toBe(5_000);
      expect(subCollectorFloor(5_000, undefined, 0.1)).toBe(5_000);
      expect(subCollectorFloor(5_000, 30_000, 0)).toBe(5_000);
      expect(hits(small(), withIncome('0'))).toHaveLength(0);
      expect(hits(small(), withIncome('2000.00'))).toHaveLength(0);
    });

    test('look-alike: friends repaying a worker small shares he passes on once is no collector, whatever the income', () => {
      expect(hits([pay(0, 3_000, 1), pay(1, 3_500, 3), pay(2, 4_000, 5), lump(5_000, 8)], withIncome('300.00'))).toHaveLength(0);
    });
  });
});
