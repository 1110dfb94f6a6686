import { describe, expect, test } from 'vitest';
import { isWorkerSeriesHit } from '../../src/engine/vouched-payers.js';
import { wageDiversion } from '../../src/rules/debt/wage-diversion.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// wage_diversion's worker variant reads payments mostly addressed as rent ("sewa", "room rent",
// "bed") as a tenant paying for a room or bed on payday (RESEARCH §c.5 landlord look-alike): the
// hit is discounted (× 0.5 on the discounted base), below the strength at which a worker's series
// names its payee as an agent (isWorkerSeriesHit).

const D = 24;
const dorm = 'Hostel Pekerja Mutiara, Lot 88, Jalan Perindustrian 5, Sungai Petani';
const accounts: Account[] = [
  { account: 'EMP', type: 'business', country: 'MY' },
  { account: 'W1', party: 'P-W1', type: 'personal', country: 'MY' },
  { account: 'PAYEE', party: 'P-PAYEE', type: 'personal', country: 'MY' },
];
const parties: Party[] = [
  { party: 'P-W1', name: 'Kyaw Zin Oo', country: 'MM', address: dorm },
  { party: 'P-PAYEE', name: 'Thura Aung', country: 'MM', address: 'No. 3, Jalan Mawar 1, Sungai Petani' },
];
/** A MYR 1,500 wage on each of `refs.length` monthly paydays, then 70 % of it to PAYEE 5 hours later under that cycle's reference. */
function cycles(refs: readonly string[]): Transaction[] {
  return refs.flatMap((reference, i) => [
    transfer('EMP', 'W1', 150_000, i * 30 * D, { currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', reference: 'GAJI', fromName: 'Mutiara Plantation Sdn Bhd' }),
    transfer('W1', 'PAYEE', 105_000, i * 30 * D + 5, { currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', toName: 'Thura Aung', channel: 'mobile', reference }),
  ]);
}
/** The worker's hit on the last payment, over every cycle (each evaluation's own hit, before episodes merge). */
const workerHit = (refs: readonly string[]) => {
  const hits = rawHitsOf([wageDiversion()], cycles(refs), { profile: MY_LIKE, accounts, parties }).filter((h) => h.entity.id === 'W1');
  return hits[hits.length - 1];
};

describe('wage_diversion worker variant: payments addressed as rent', () => {
  test('positive: most of four wages to one unrelated person, under no or other words, stays undiscounted and names its payee', () => {
    const h = workerHit(['', 'makan', 'hostel', 'agent']);
    expect(h?.facts['discount']).toBeUndefined();
    expect(h?.strength).toBeCloseTo(0.65, 5);
    expect(isWorkerSeriesHit(h as NonNullable<typeof h>)).toBe(true);
  });

  test('boundary: half of the payments addressed as rent discounts the hit; one payment short of half does not', () => {
    const half = workerHit(['sewa', '', 'room rent', '']);
    expect(half?.facts['discount']).toBe('rent_references');
    expect(half?.strength).toBeCloseTo((0.45 + 0.05) * 0.5, 5);
    const below = workerHit(['sewa', '', '', '']);
    expect(below?.facts['discount']).toBeUndefined();
    expect(below?.strength).toBeCloseTo(0.65, 5);
  });

  test('look-alike: a tenant paying "room rent" each payday keeps a weak hit, too weak to name the landlord as an agent', () => {
    const h = workerHit(['room rent', 'sewa bilik', 'rent', 'bed']);
    expect(h?.facts['discount']).toBe('rent_references');
    expect(h?.strength).toBeLessThan(0.5);
    expect(isWorkerSeriesHit(h as NonNullable<typeof h>)).toBe(false);
  });

  test('negative: "hostel" and "makan" deductions are not rent words', () => {
    expect(workerHit(['hostel', 'makan', 'hostel', 'makan'])?.facts['discount']).toBeUndefined();
  });
});
