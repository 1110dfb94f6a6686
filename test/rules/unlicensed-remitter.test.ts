import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { unlicensedRemitter } from '../../src/rules/flow/unlicensed-remitter.js';
import type { RuleHit } from '../../src/rules/types.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, MY_LIKE, hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// AU_LIKE: T = AUD 10,000.00 (1_000_000 minor units).
const agent = (type: Account['type'] = 'personal'): Account[] => [{ account: 'AGENT', party: 'P-AGENT', type, country: 'AU' }];
/** n different payers, five hours apart (all within 4 days): AUD 500 and 700 in turn (AUD 600 on average), or `amount` each. */
const payers = (n: number, amount?: number, extra: (i: number) => Partial<Transaction> = () => ({})) =>
  Array.from({ length: n }, (_, i) => transfer(`P${i}`, 'AGENT', amount ?? (i % 2 === 0 ? 50_000 : 70_000), i * 5, extra(i)));
const abroad = (amount: number, hours: number, extra: Partial<Transaction> = {}) =>
  transfer('AGENT', 'BD-HUNDI', amount, hours, { fromCountry: 'AU', toCountry: 'BD', ...extra });
const run = (txs: Transaction[], accounts: Account[] = agent()) =>
  rawHitsOf([unlicensedRemitter()], txs, { accounts }).filter((h) => h.entity.id === 'AGENT');
const only = (hits: RuleHit[], variant: string) => hits.filter((h) => h.variant === variant);

describe('unlicensed_remitter (MS-HAW-01), collection variant (i)', () => {
  test('20 unrelated payers, 80 % of the inflow sent abroad within 7 days', () => {
    const hits = run([...payers(20), abroad(960_000, 100)]);
    expect(hits).toHaveLength(1);
    const h = hits[0]!;
    expect(h.variant).toBe('collection');
    expect(h.indicators).toEqual(['MS-HAW-01']);
    expect(h.facts).toMatchObject({ payers: 20, payerFamilies: 20, inflowMinor: 1_200_000, paidOutMinor: 960_000, offshoreMinor: 960_000, payoutShare: 0.8, corridor: true, offshoreCountries: 'BD' });
    expect(h.strength).toBeCloseTo(0.7, 4);
    expect(h.reason).toBe(
      'Possible unlicensed remittance pattern: 20 unrelated payers paid this account AUD 12,000.00 within 30 days, and 80 % of it was sent abroad (BD) within 7 days of arrival.',
    );
    expect(h.related).toHaveLength(20);
    expect(h.related?.[0]).toEqual({ kind: 'account', id: 'P0' });
    expect(h.transactionIds).toHaveLength(21);
  });

  test('boundary: exactly 80 % fires, one cent less does not', () => {
    expect(run([...payers(20), abroad(960_000, 100)])).toHaveLength(1);
    expect(run([...payers(20), abroad(959_999, 100)])).toHaveLength(0);
  });

  test('boundary: 20 payers fire at full strength, 19 only as a smaller book (0.1 weaker)', () => {
    const full = run([...payers(20), abroad(1_200_000, 100)]);
    const small = run([...payers(19), abroad(1_130_000, 100)]);
    expect(full).toHaveLength(1);
    expect(small).toHaveLength(1);
    expect(full[0]?.facts['smallBook']).toBe(false);
    expect(small[0]?.facts['smallBook']).toBe(true);
    expect(small[0]!.strength).toBeCloseTo(full[0]!.strength - 0.1, 4);
  });

  test('boundary: a smaller book needs 10 unrelated payers; 9 do not fire', () => {
    // Anonymous machine cash names no payer, so a real book shows fewer payers than it serves.
    const ten = run([...payers(10), abroad(600_000, 60)]);
    expect(ten).toHaveLength(1);
    expect(ten[0]?.facts).toMatchObject({ payerFamilies: 10, smallBook: true });
    expect(ten[0]!.strength).toBeCloseTo(0.65, 4); // 0.6 offshore − 0.1 small book + 0.05 all paid out + 0.1 corridor
    expect(run([...payers(9), abroad(540_000, 60)])).toHaveLength(0);
  });

  test('the smaller-book floor is an option and cannot exceed minPayers', () => {
    expect(rawHitsOf([unlicensedRemitter({ minPayersLow: 20 })], [...payers(19), abroad(1_130_000, 100)], { accounts: agent() })).toHaveLength(0);
    expect(() => unlicensedRemitter({ minPayers: 15, minPayersLow: 16 })).toThrow(/minPayersLow/);
  });

  test('boundary: a payout exactly 7 days after arrival counts, one later does not', () => {
    const sameHour = Array.from({ length: 20 }, (_, i) => transfer(`P${i}`, 'AGENT', 60_000, 0));
    expect(run([...sameHour, abroad(1_200_000, 168)])).toHaveLength(1);
    expect(run([...sameHour, abroad(1_200_000, 168.01)])).toHaveLength(0);
  });

  test('payers of one family count once (identity index)', () => {
    const firsts = ['Nurul', 'Jamal', 'Karim', 'Rahim', 'Salim', 'Habib', 'Anwar', 'Babul', 'Delwar', 'Faruk', 'Giash', 'Harun', 'Iqbal', 'Jasim', 'Kabir', 'Liton', 'Mamun', 'Nasir', 'Obaid', 'Rubel'];
    const sikders = payers(20, undefined, (i) => ({ fromName: `${firsts[i]} Sikder` }));
    expect(run([...sikders, abroad(1_200_000, 100)])).toHaveLength(0);
  });

  test('cash-outs count, weaker than money sent abroad', () => {
    const cash = run([...payers(20), withdrawal('AGENT', 600_000, 98), withdrawal('AGENT', 600_000, 99)]);
    expect(cash).toHaveLength(1);
    expect(cash[0]?.facts).toMatchObject({ cashOutMinor: 1_200_000, offshoreMinor: 0 });
    expect(cash[0]?.reason).toContain('was cashed out within 7 days');
    expect(cash[0]!.strength).toBeLessThan(run([...payers(20), abroad(1_200_000, 100)])[0]!.strength);
  });

  test('a whip-round of small sums is not a collection: the inflow must reach 5 % of the cash threshold', () => {
    // AUD 500 from 20 people (AUD 20 and 30 each), all cashed out: fires at exactly 0.05 T, not a cent below.
    const small = (delta: number) => payers(20, undefined, (i) => ({ amount: (i % 2 === 0 ? 2_000 : 3_000) + (i === 0 ? delta : 0) }));
    expect(run([...small(0), abroad(50_000, 100)])).toHaveLength(1);
    expect(run([...small(-1), abroad(49_999, 100)])).toHaveLength(0);
  });

  test('a book far below the cash threshold still fires (T is a poor money scale across jurisdictions)', () => {
    // 20 payers of AUD 500–700 (AUD 12,000, 1.2 T) fired before; a tenth of that (0.12 T) now fires too.
    const tenth = payers(20, undefined, (i) => ({ amount: i % 2 === 0 ? 5_000 : 7_000 }));
    expect(run([...tenth, abroad(120_000, 100)])).toHaveLength(1);
    expect(rawHitsOf([unlicensedRemitter({ minInflowShareOfThreshold: 0.5 })], [...tenth, abroad(120_000, 100)], { accounts: agent() })).toHaveLength(0);
  });

  test('look-alike: a licensed remitter (msb) never fires', () => {
    expect(run([...payers(40), abroad(2_400_000, 100)], agent('msb'))).toHaveLength(0);
  });

  test('look-alike: a shop with steady takings keeps them (pays domestic suppliers)', () => {
    const takings = Array.from({ length: 60 }, (_, i) => transfer(`C${i}`, 'AGENT', 4_500 + (i % 7) * 300, i * 11));
    const suppliers = [transfer('AGENT', 'WHOLESALER', 150_000, 200, { toName: 'Metro Wholesale Pty Ltd' }), withdrawal('AGENT', 20_000, 300)];
    expect(run([...takings, ...suppliers], agent('business'))).toHaveLength(0);
    expect(run([...takings, ...suppliers])).toHaveLength(0);
  });

  test('look-alike: a landlord collecting rent from many tenants each month retains it', () => {
    const rent = [0, 30 * 24].flatMap((base) => Array.from({ length: 25 }, (_, i) => transfer(`TEN${i}`, 'AGENT', 80_000, base + i, { reference: 'rent room' })));
    expect(run([...rent, withdrawal('AGENT', 50_000, 40 * 24)])).toHaveLength(0);
  });

  test('look-alike: a rotating savings group (equal stakes, pot paid to a member) does not fire, or only far below half strength', () => {
    const stakes = payers(20, 50_000);
    expect(run([...stakes, transfer('AGENT', 'P3', 1_000_000, 100)])).toHaveLength(0);
    const cashPot = run([...stakes, withdrawal('AGENT', 1_000_000, 100)]);
    const varied = run([...payers(20, undefined, (i) => ({ amount: 31_000 + i * 2_000 })), withdrawal('AGENT', 1_000_000, 100)]);
    expect(cashPot[0]?.facts['discount']).toBe('equal_stakes');
    expect(cashPot[0]!.strength).toBeLessThan(varied[0]!.strength / 2);
  });

  test('look-alike: an NGO sending donations abroad is discounted below half; a business stays eligible but discounted', () => {
    const txs = [...payers(20), abroad(1_200_000, 100)];
    const personal = run(txs)[0]!;
    const ngo = run(txs, agent('ngo'))[0]!;
    const business = run(txs, agent('business'))[0]!;
    expect(ngo.strength).toBeLessThan(personal.strength / 2);
    expect(business.strength).toBeLessThan(personal.strength);
    expect(business.strength).toBeGreaterThan(personal.strength / 2);
    expect(business.facts['discount']).toBe('business_account');
  });

  test('related lists at most 50 payers, the largest first chosen', () => {
    const many = Array.from({ length: 60 }, (_, i) => transfer(`P${String(i).padStart(2, '0')}`, 'AGENT', 60_000 + i, i));
    const h = run([...many, abroad(3_600_000, 70)])[0]!;
    expect(h.related).toHaveLength(50);
    expect(h.related?.[0]).toEqual({ kind: 'account', id: 'P10' });
    expect(h.related?.some((r) => r.id === 'P00')).toBe(false);
  });
});

// MY_LIKE: T = MYR 25,000.00 (2_500_000 minor units).
const myAccounts: Account[] = [{ account: 'AG', party: 'P-AG', type: 'personal', country: 'MY' }];
const settle = (from: string, country: string, amount: number, hours: number) =>
  transfer(from, 'AG', amount, hours, { currency: 'MYR', fromCountry: country, toCountry: 'MY' });
const payout = (to: string, amount: number, hours: number, extra: Partial<Transaction> = {}) =>
  transfer('AG', to, amount, hours, { currency: 'MYR', fromCountry: 'MY', ...extra });
const payouts = (n: number, total: number, extra: (i: number) => Partial<Transaction> = () => ({})) =>
  Array.from({ length: n }, (_, i) => {
    const each = Math.floor(total / n);
    return payout(`Q${i}`, i === n - 1 ? total - each * (n - 1) : each, 30 + i * 6, extra(i));
  });
const runMy = (txs: Transaction[], accounts: Account[] = myAccounts) =>
  only(rawHitsOf([unlicensedRemitter()], txs, { profile: MY_LIKE, accounts }).filter((h) => h.entity.id === 'AG'), 'offsetting');
const book = [settle('SA-1', 'SA', 3_000_000, 0), settle('AE-1', 'AE', 3_000_000, 10)];

describe('unlicensed_remitter (MS-HAW-01), offsetting variant (iii)', () => {
  test('two foreign lump sums balanced by payouts to twelve unrelated domestic payees', () => {
    const hits = runMy([...book, ...payouts(12, 6_000_000)]);
    expect(hits).toHaveLength(1);
    const h = hits[0]!;
    expect(h.facts).toMatchObject({ foreignCounterparties: 2, settlementMinor: 6_000_000, paidOutMinor: 6_000_000, payeeFamilies: 12, difference: 0, corridor: true, foreignCountries: 'AE, SA' });
    expect(h.related).toEqual([{ kind: 'account', id: 'AE-1' }, { kind: 'account', id: 'SA-1' }]);
    expect(h.strength).toBeCloseTo(0.7, 4);
    expect(h.reason).toBe(
      'Possible unlicensed remittance pattern: 2 foreign counterparties (AE, SA) paid this account MYR 60,000.00 within 30 days, and MYR 60,000.00 went out to 12 unrelated domestic payees (0 % apart).',
    );
  });

  test('boundary: totals 5 % apart match, a cent more do not (the book settled after the payouts)', () => {
    const later = [settle('SA-1', 'SA', 3_000_000, 200), settle('AE-1', 'AE', 3_000_000, 210)];
    expect(runMy([...payouts(12, 5_700_000), ...later])).toHaveLength(1);
    expect(runMy([...payouts(12, 6_300_000), ...later])).toHaveLength(1);
    expect(runMy([...payouts(12, 5_699_999), ...later])).toHaveLength(0);
    expect(runMy([...payouts(12, 6_300_001), ...later])).toHaveLength(0);
  });

  test('boundary: ten payees fire, nine do not; four foreign counterparties are not "a few"', () => {
    expect(runMy([...book, ...payouts(10, 6_000_000)])).toHaveLength(1);
    expect(runMy([...book, ...payouts(9, 6_000_000)])).toHaveLength(0);
    const four = ['SA', 'AE', 'QA', 'KW'].map((c, i) => settle(`${c}-1`, c, 1_500_000, i));
    expect(runMy([...four, ...payouts(12, 6_000_000)])).toHaveLength(0);
  });

  test('cash withdrawals add to the payouts', () => {
    const hits = runMy([...book, ...payouts(10, 4_000_000), withdrawal('AG', 2_000_000, 200, { currency: 'MYR' })]);
    expect(hits[0]?.facts).toMatchObject({ cashOutMinor: 2_000_000, paidOutMinor: 6_000_000 });
    expect(hits[0]?.reason).toContain('and in cash');
  });

  test('look-alike: wages paid to staff are payroll, not payouts', () => {
    expect(runMy([...book, ...payouts(12, 6_000_000, () => ({ reference: 'gaji bulan mac' }))])).toHaveLength(0);
  });

  test('look-alike: a family distributing a relative’s remittance among its own members', () => {
    const firsts = ['Nurul', 'Jamal', 'Karim', 'Rahim', 'Salim', 'Habib', 'Anwar', 'Babul', 'Delwar', 'Faruk', 'Giash', 'Harun'];
    expect(runMy([...book, ...payouts(12, 6_000_000, (i) => ({ toName: `${firsts[i]} Sikder` }))])).toHaveLength(0);
  });

  test('look-alike: an NGO paying out foreign grants to beneficiaries is discounted below half', () => {
    const txs = [...book, ...payouts(12, 6_000_000)];
    const ngo = runMy(txs, [{ ...myAccounts[0]!, type: 'ngo' }])[0]!;
    expect(ngo.strength).toBeLessThan(runMy(txs)[0]!.strength / 2);
    expect(ngo.facts['discount']).toBe('registered_ngo');
  });

  test('the settlement must reach the cash threshold', () => {
    const small = [settle('SA-1', 'SA', 1_249_999, 0), settle('AE-1', 'AE', 1_250_000, 10)];
    expect(runMy([...small, ...payouts(12, 2_499_999)])).toHaveLength(0);
    const enough = [settle('SA-1', 'SA', 1_250_000, 0), settle('AE-1', 'AE', 1_250_000, 10)];
    expect(runMy([...enough, ...payouts(12, 2_500_000)])).toHaveLength(1);
  });
});

describe('unlicensed_remitter options and engine', () => {
  test('bad options throw a ConfigError at construction', () => {
    expect(() => unlicensedRemitter({ minPayers: 2 })).toThrow(ConfigError);
    expect(unlicensedRemitter().options).toMatchObject({ minPayers: 20, minPayersLow: 10, minInflowShareOfThreshold: 0.05 });
    expect(() => unlicensedRemitter({ windowDays: 7, payoutDays: 10 })).toThrow(/payoutDays/);
    expect(unlicensedRemitter().windowMs).toBe(30 * 86_400_000);
    expect(unlicensedRemitter().family).toBe('network_flow');
  });

  test('alerts carry the hit through the public scan', () => {
    const hits = hitsOf([unlicensedRemitter()], [...payers(20), abroad(1_200_000, 100)], { profile: AU_LIKE, accounts: agent() });
    expect(hits.map((h) => h.rule)).toEqual(['unlicensed_remitter']);
  });

  test('an account with one transaction does nothing', () => {
    expect(run([abroad(1_200_000, 0)])).toHaveLength(0);
  });
});
