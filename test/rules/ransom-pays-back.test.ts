import { describe, expect, test } from 'vitest';
import { RETURNED_CONTRIBUTIONS, ransomBurst } from '../../src/rules/debt/ransom-burst.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// Issue 14 (session 38): a sum from accounts the holder paid twice or more before pays the
// holder's own money back (a rotating savings pot, a loan returned), not a ransom.

const D = 24;
const myr = (extra: Partial<Transaction> = {}): Partial<Transaction> => ({ currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', channel: 'mobile', ...extra });
const accounts: Account[] = [
  { account: 'COL', party: 'P-COL', type: 'personal', country: 'MY' },
  ...['A1', 'A2'].map((a) => ({ account: a, party: `P-${a}`, type: 'personal' as const, country: 'MY' })),
];
const parties: Party[] = [
  { party: 'P-COL', name: 'Ahmad bin Zainal', address: 'No. 4, Lorong Selasih 1, Kangar' },
  { party: 'P-A1', name: 'Kamal Hussain', country: 'MM', address: 'No. 101, Jalan Anggerik 3, Klang' },
  { party: 'P-A2', name: 'Setara Begum', country: 'MM', address: 'No. 101, Jalan Anggerik 3, Klang' },
];
const pay = (from: string, amount: number, day: number, extra: Partial<Transaction> = {}) => transfer(from, 'COL', amount * 100, day * D, myr(extra));
/** The holder's own transfers to A1 (a savings group's organiser), `days` before the burst. */
const contributions = (days: number[]) => days.map((d) => transfer('COL', 'A1', 60_000, d * D, myr({ reference: 'share' })));
const hit = (txs: Transaction[]) => rawHitsOf([ransomBurst()], txs, { profile: MY_LIKE, accounts, parties }).filter((h) => h.entity.id === 'COL').at(-1);
const burst = () => [pay('A1', 2400, 0), pay('A2', 3000, 3)];

describe('ransom_burst: money paid back to the holder', () => {
  test('look-alike: a savings group pays a member the pot after monthly shares — discounted', () => {
    const plain = hit(burst());
    const pot = hit([...contributions([-90, -60, -30]), ...burst()]);
    expect(plain?.facts['discount']).toBeUndefined();
    expect(pot?.facts['discount']).toContain('pays_back_holder');
    expect(pot!.strength).toBeCloseTo(plain!.strength * 0.2, 6);
    // weight 60 × strength: far below the alert threshold of 40.
    expect(60 * pot!.strength).toBeLessThan(20);
  });

  test(`boundary: ${RETURNED_CONTRIBUTIONS} transfers to the family make a payback, one does not`, () => {
    expect(hit([...contributions([-60, -30]), ...burst()])?.facts['discount']).toContain('pays_back_holder');
    expect(hit([...contributions([-30]), ...burst()])?.facts['discount']).toBeUndefined();
  });

  test('contributions older than the history read (120 days) or to another account do not count', () => {
    expect(hit([...contributions([-200, -150]), ...burst()])?.facts['discount']).toBeUndefined();
    const elsewhere = [-60, -30].map((d) => transfer('COL', 'SHOP', 60_000, d * D, myr()));
    expect(hit([...elsewhere, ...burst()])?.facts['discount']).toBeUndefined();
  });
});
