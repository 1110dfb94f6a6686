import { describe, expect, test } from 'vitest';
import { multiDepositor } from '../../src/rules/structuring/multi-depositor.js';
import { conductorSpread } from '../../src/rules/structuring/conductor-spread.js';
import { deposit, hitsOf } from '../helpers/builders.js';

const people = (n: number, locations: number, account = 'SON') =>
  Array.from({ length: n }, (_, i) => deposit(account, 300_000, i * 10, { conductor: `P${i}`, location: `L${i % locations}` }));

describe('multi_depositor (MS-STR-03 b)', () => {
  test('five different people paying cash in at two locations within 7 days fire', () => {
    const hits = hitsOf([multiDepositor()], people(5, 2));
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ conductors: 5, locations: 2 });
  });

  test('four people, or one location, are not enough', () => {
    expect(hitsOf([multiDepositor()], people(4, 2))).toHaveLength(0);
    expect(hitsOf([multiDepositor()], people(6, 1))).toHaveLength(0);
  });

  test('the holder depositing into their own account is not a third party', () => {
    const txs = people(5, 2).map((t, i) => (i === 0 ? { ...t, conductor: 'HOLDER' } : t));
    expect(hitsOf([multiDepositor()], txs, { accounts: [{ account: 'SON', party: 'HOLDER' }] })).toHaveLength(0);
  });

  test('a business account (staff depositing takings) is discounted', () => {
    const personal = hitsOf([multiDepositor()], people(5, 2))[0]!;
    const shop = hitsOf([multiDepositor()], people(5, 2), { accounts: [{ account: 'SON', type: 'business' }] })[0]!;
    expect(shop.strength).toBeLessThan(personal.strength);
  });

  test('look-alike: a licensed remitter (msb) taking customers\' cash at agents fires at the shared account-type discount (0.3)', () => {
    const personal = hitsOf([multiDepositor()], people(5, 2))[0]!;
    const msb = hitsOf([multiDepositor()], people(5, 2), { accounts: [{ account: 'SON', type: 'msb' }] })[0]!;
    expect(msb.strength).toBeCloseTo(personal.strength * 0.3, 4);
  });
});

describe('conductor_spread (MS-STR-03 c)', () => {
  test('one person paying cash into three accounts reaching T is a party-level hit', () => {
    const txs = ['A', 'B', 'C'].map((acc, i) => deposit(acc, 400_000, i, { conductor: 'SMURF' }));
    const hits = hitsOf([conductorSpread()], txs);
    expect(hits.map((h) => `${h.entity.kind}:${h.entity.id}`)).toEqual(['party:SMURF']);
    expect(hits[0]?.facts).toMatchObject({ accounts: 3, totalMinor: 1_200_000 });
  });

  test('two accounts, or a total below T, do not fire', () => {
    expect(hitsOf([conductorSpread()], ['A', 'B'].map((a, i) => deposit(a, 600_000, i, { conductor: 'S' })))).toHaveLength(0);
    expect(hitsOf([conductorSpread()], ['A', 'B', 'C'].map((a, i) => deposit(a, 300_000, i, { conductor: 'S' })))).toHaveLength(0);
  });
});
