import { describe, expect, test } from 'vitest';
import { thirdPartyPayer } from '../../src/rules/flow/third-party-payer.js';
import type { Account, Party } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { MY_LIKE, hitsOf, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

const D = 24;
const accounts: Account[] = [
  { account: 'COL', party: 'P-COL', type: 'personal', country: 'MY' },
  ...['C1', 'C2', 'L1', 'L2'].map((a) => ({ account: a, party: `P-${a}`, type: 'personal' as const, country: 'MY' })),
];
const parties: Party[] = [
  { party: 'P-COL', name: 'Tun Tun', country: 'MM' },
  { party: 'P-C1', name: 'Nurul Amin Sikder', country: 'BD', address: 'No. 7, Jalan Merbau 6, Rawang' },
  { party: 'P-C2', name: 'Jamal Sikder', country: 'BD', address: 'Workers Quarters Indah, Lot 2, Rawang' },
  { party: 'P-L1', name: 'Azman bin Ismail', country: 'MY' },
  { party: 'P-L2', name: 'Siti Aishah binti Ismail', country: 'MY' },
];
const pay = (from: string, to: string, amount: number, day: number, extra: Partial<Transaction> = {}) =>
  transfer(from, to, amount * 100, day * D, { currency: 'MYR', fromCountry: 'MY', toCountry: 'MY', channel: 'mobile', ...extra });
const run = (txs: Transaction[], ps: Party[] = parties) => hitsOf([thirdPartyPayer()], txs, { profile: MY_LIKE, accounts, parties: ps });
const on = (hits: ReturnType<typeof run>, id: string) => hits.filter((h) => h.entity.id === id);

describe('third_party_payer (MS-TP-01)', () => {
  test('two relatives of one family (not the holder’s) pay one account within 30 days', () => {
    const hits = rawHitsOf([thirdPartyPayer()], [pay('C1', 'COL', 1500, 0), pay('C2', 'COL', 2000, 6)], { profile: MY_LIKE, accounts, parties });
    const h = hits.filter((x) => x.entity.id === 'COL');
    expect(h).toHaveLength(1);
    expect(h[0]?.variant).toBe('family');
    expect(h[0]?.related).toEqual([{ kind: 'account', id: 'C1' }, { kind: 'account', id: 'C2' }]);
    expect(h[0]?.reason).toMatch(/^Possible third-party payment pattern: 2 members of one family \(shared family name\), not the holder's own, paid this account MYR 3,500\.00 in 2 payments within 30 days\.$/);
  });

  test('window edge: 29 days apart is one window, 31 days is not', () => {
    expect(on(run([pay('C1', 'COL', 1500, 0), pay('C2', 'COL', 2000, 29)]), 'COL')).toHaveLength(1);
    expect(on(run([pay('C1', 'COL', 1500, 0), pay('C2', 'COL', 2000, 31)]), 'COL')).toHaveLength(0);
  });

  test('look-alike: relatives paying the same local account with no corridor link are everyday life', () => {
    expect(on(run([pay('L1', 'COL', 1500, 0), pay('L2', 'COL', 2000, 6)]), 'COL')).toHaveLength(0);
  });

  test('look-alike: the holder’s own family paying the holder', () => {
    const ps = parties.map((p) => (p.party === 'P-COL' ? { ...p, name: 'Rahima Sikder', country: 'BD' } : p));
    expect(on(run([pay('C1', 'COL', 1500, 0), pay('C2', 'COL', 2000, 6)], ps), 'COL')).toHaveLength(0);
  });

  test('look-alike: siblings remitting to a parent at home, and support that started months ago, are discounted', () => {
    const home = (from: string, day: number) => pay(from, 'BD-PARENT', 1200, day, { toCountry: 'BD', toName: 'Rokeya Khatun', channel: 'remitter' });
    const fresh = on(run([pay('C1', 'COL', 1500, 0), pay('C2', 'COL', 2000, 6)]), 'COL')[0]!;
    const toParent = on(run([home('C1', 0), home('C2', 2)]), 'BD-PARENT')[0];
    expect(toParent?.facts['discount']).toContain('remittance_direction');
    expect(toParent!.strength).toBeLessThan(fresh.strength);
    // The first month cannot know the history; the next month's episode does.
    const episodes = on(run([home('C1', -60), home('C2', -58), home('C1', 0), home('C2', 2)]), 'BD-PARENT');
    const longSupport = episodes.sort((a, b) => b.window.to - a.window.to)[0];
    expect(longSupport?.facts['discount']).toContain('established_relationship');
    expect(longSupport!.strength).toBeLessThan(0.1);
  });

  test('pocket money is not a fee: the family’s total must reach 2 % of the cash threshold', () => {
    expect(on(run([pay('C1', 'COL', 200, 0), pay('C2', 'COL', 240, 6)]), 'COL')).toHaveLength(0);
    expect(on(run([pay('C1', 'COL', 250, 0), pay('C2', 'COL', 250, 6)]), 'COL')).toHaveLength(1);
  });

  test('diaspora variant: three unrelated payers in Malaysia and the Gulf pay a collector in Bangladesh', () => {
    const abroad = (from: string, name: string, country: string, day: number) =>
      transfer(from, 'BD-COL', 180_000, day * D, { currency: 'MYR', fromName: name, fromCountry: country, toCountry: 'BD', channel: 'remitter' });
    const three = [abroad('X1', 'Rafiqul Mondal', 'MY', 0), abroad('X2', 'Kamrul Bhuiyan', 'SA', 4), abroad('X3', 'Shamim Howlader', 'AE', 9)];
    const hits = rawHitsOf([thirdPartyPayer()], three, { profile: MY_LIKE });
    const h = hits.filter((x) => x.entity.id === 'BD-COL');
    expect(h).toHaveLength(1);
    expect(h[0]?.variant).toBe('diaspora');
    expect(h[0]?.facts).toMatchObject({ payers: 3, holderCountry: 'BD' });
    expect(on(hitsOf([thirdPartyPayer()], three.slice(0, 2), { profile: MY_LIKE }), 'BD-COL')).toHaveLength(0);
  });
});
