import { describe, expect, test } from 'vitest';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, hitsOf, transfer } from '../helpers/builders.js';

/** A rented terrace house (not an institutional address) with more lodgers than one household has. */
const HOUSE = 'No. 14, Jalan Mawar 3, Taman Sri Muda, Shah Alam';
const DORM = 'Hostel Pekerja Mutiara, Lot 88, Jalan Perindustrian 5, Sungai Petani';
const NAMES = ['Hla Myint', 'Kyaw Zin Oo', 'Min Thu', 'Nay Lin', 'Htet Aung', 'Tun Tun', 'Aung Kyaw', 'Win Naing', 'Ye Yint', 'Soe Moe'];
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', ...extra });

/**
 * `n` payers W0… of whom the first `together` live at `address`; the others each live elsewhere.
 * Ten more lodgers who pay nothing here live at `address` too, so that it is shared by more people
 * than one household (they are not read as one family).
 */
function world(n: number, together: number, address = HOUSE): { accounts: Account[]; parties: Party[] } {
  const accounts: Account[] = [
    ...Array.from({ length: n }, (_, i) => ({ account: `W${i}`, party: `P${i}`, type: 'personal' as const, country: 'MY' })),
    { account: 'PAYEE', party: 'P-PAYEE', type: 'personal', country: 'MY' },
  ];
  const parties: Party[] = [
    ...Array.from({ length: n }, (_, i) => ({
      party: `P${i}`, name: NAMES[i] as string, country: 'MM',
      address: i < together ? address : `No. ${i + 1}, Lorong Kenanga ${i + 1}, Klang`,
    })),
    ...Array.from({ length: 10 }, (_, i) => ({ party: `L${i}`, name: `Lodger ${String.fromCharCode(65 + i)}`, country: 'MM', address })),
    { party: 'P-PAYEE', name: 'Tan Ah Kow', country: 'MY', address: 'No. 3, Jalan Kenari 1, Petaling Jaya' },
  ];
  return { accounts, parties };
}

/** Each payer pays PAYEE once on payday, 10 minutes apart, amounts differing by 5 %. */
const payday = (n: number): Transaction[] =>
  Array.from({ length: n }, (_, i) => transfer(`W${i}`, 'PAYEE', Math.round(60_000 * (1 + 0.05 * i)), 5 + i / 6, myr({ toName: 'Tan Ah Kow', channel: 'mobile' })));

const collector = (n: number, together: number, address = HOUSE) =>
  hitsOf([wageDiversion()], payday(n), { profile: MY_LIKE, ...world(n, together, address) }).find((h) => h.entity.id === 'PAYEE');

describe('wage_diversion network variant: payers under one roof (RESEARCH §c.5)', () => {
  test('positive: workers paying from different addresses keep full strength', () => {
    const hit = collector(6, 1)!;
    expect(hit.facts['discount']).toBeUndefined();
    expect(hit.facts['coResidentPayers']).toBeUndefined();
    expect(hit.strength).toBeCloseTo(0.64, 4);
  });

  test('positive: a crew from one worker dormitory (an institutional address) keeps full strength', () => {
    const hit = collector(6, 6, DORM)!;
    expect(hit.facts['discount']).toBeUndefined();
    expect(hit.strength).toBeCloseTo(collector(6, 1)!.strength, 4);
  });

  test('look-alike: tenants of one rented house paying their landlord on payday are halved, and the hit says why', () => {
    const hit = collector(6, 4)!;
    expect(hit.facts).toMatchObject({ coResidentPayers: 4, discount: 'co_resident_payers' });
    expect(hit.strength).toBeCloseTo(collector(6, 1)!.strength * 0.5, 4);
  });

  test('boundary: four of ten payers in one house (40 %) are discounted; three of eight (37.5 %) are not', () => {
    expect(collector(10, 4)?.facts['discount']).toBe('co_resident_payers');
    const eight = collector(8, 3)!;
    expect(eight.facts['discount']).toBeUndefined();
    expect(eight.strength).toBeCloseTo(0.72, 4);
  });

  test('boundary: three payers in one house are enough among seven (43 %); two among five (40 %) are not', () => {
    expect(collector(7, 3)?.facts['discount']).toBe('co_resident_payers');
    const five = collector(5, 2)!;
    expect(five.facts['discount']).toBeUndefined();
    expect(five.strength).toBeCloseTo(0.6, 4);
  });
});
