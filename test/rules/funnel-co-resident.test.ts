import { describe, expect, test } from 'vitest';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { hitsOf, transfer } from '../helpers/builders.js';

/** `n` new senders at two banks, 12 hours apart, similar amounts. */
const senders = (n: number): Transaction[] =>
  Array.from({ length: n }, (_, i) => transfer(`S${i}`, 'FUN', 150_000 + i * 1_000, i * 12, { fromInstitution: `BANK${i % 2}` }));

const DORM = 'Workers Dormitory Block C, Lot 5, Jalan Kilang 2, Klang';
const OTHER_DORM = 'Hostel Seri Murni, Lot 9, Jalan Kilang 7, Klang';

/** Holders of the senders: the first `together` share `address`, the rest live apart (each in a dormitory of its own). */
function reference(n: number, together: number, address = DORM): { accounts: Account[]; parties: Party[] } {
  const accounts: Account[] = Array.from({ length: n }, (_, i) => ({ account: `S${i}`, party: `P${i}` }));
  const names = ['Aung Kyaw', 'Nwe Nwe', 'Win Naing', 'Thin Thin', 'Ye Yint', 'Myo Min', 'Than Htike', 'Sandar Myint', 'Zaw Min Htut', 'Soe Moe'];
  const parties: Party[] = accounts.map((a, i) => ({
    party: a.party as string,
    name: names[i] as string,
    country: 'MM',
    address: i < together ? address : `Workers Dormitory ${i}, Lot ${i}, Jalan Kilang ${i}, Shah Alam`,
  }));
  return { accounts, parties };
}

const run = (n: number, together: number, address = DORM) => {
  const { accounts, parties } = reference(n, together, address);
  return hitsOf([funnelAccount()], senders(n), { accounts, parties }).filter((h) => h.entity.id === 'FUN');
};
const plain = (n: number) => hitsOf([funnelAccount()], senders(n)).filter((h) => h.entity.id === 'FUN');

describe('funnel_account: senders living under one roof (RESEARCH §c.5)', () => {
  test('look-alike: tenants of one dormitory paying their landlord are discounted by half and the hit says why', () => {
    const hit = run(6, 3)[0]!;
    expect(hit.facts).toMatchObject({ senders: 6, coResidentPayers: 3, discount: 'co_resident_payers' });
    expect(hit.strength).toBeCloseTo(plain(6)[0]!.strength * 0.5, 4);
    expect(hit.strength).toBeLessThan(0.5);
  });

  test('boundary: four of ten senders at one address (40 %) are discounted; three of eight (37.5 %) are not', () => {
    expect(run(10, 4)[0]?.facts['discount']).toBe('co_resident_payers');
    const eight = run(8, 3)[0]!;
    expect(eight.facts['discount']).toBeUndefined();
    expect(eight.facts['coResidentPayers']).toBeUndefined();
    expect(eight.strength).toBeCloseTo(plain(8)[0]!.strength, 4);
  });

  test('boundary: two co-residents are not enough, even among five senders (40 %)', () => {
    const hit = run(5, 2)[0]!;
    expect(hit.facts['discount']).toBeUndefined();
    expect(hit.strength).toBeCloseTo(plain(5)[0]!.strength, 4);
  });

  test('a collector paid by people at different addresses keeps full strength', () => {
    const hit = run(6, 1)[0]!;
    expect(hit.facts['discount']).toBeUndefined();
    expect(hit.strength).toBeCloseTo(plain(6)[0]!.strength, 4);
  });

  test('only the largest group under one roof counts: two dormitories of three each among nine senders is 33 %', () => {
    const { accounts, parties } = reference(9, 3);
    const moved = parties.map((p, i) => (i >= 3 && i < 6 ? { ...p, address: OTHER_DORM } : p));
    const hit = hitsOf([funnelAccount()], senders(9), { accounts, parties: moved }).filter((h) => h.entity.id === 'FUN')[0]!;
    expect(hit.facts['discount']).toBeUndefined();
  });
});
