import { describe, expect, test } from 'vitest';
import { ConfigError } from '../../src/_internal/config-error.js';
import { newAccount } from '../../src/rules/context/new-account.js';
import type { RuleHit } from '../../src/rules/types.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { at, deposit, hitsOf, transfer, withdrawal } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// AU_LIKE: T = AUD 10,000.00 (1_000_000 minor units), so V = 2·T = AUD 20,000.00.
const D = 24;
const opened = (type: Account['type'] = 'personal', openedAt = at(0)): Account[] => [
  { account: 'NEW', party: 'P-NEW', type, openedAt, country: 'AU' },
  { account: 'NEW-SAVINGS', party: 'P-NEW', type: 'personal', country: 'AU' },
  { account: 'EMPLOYER', party: 'P-EMP', type: 'business', country: 'AU' },
];
const run = (txs: Transaction[], accounts: Account[] = opened()) => rawHitsOf([newAccount()], txs, { accounts });
const on = (hits: RuleHit[], id: string, variant: string) => hits.filter((h) => h.entity.id === id && h.variant === variant);
/** n different people paying the account AUD 300 each, one a day from `fromDay`. */
const senders = (n: number, fromDay = 1, account = 'NEW') => Array.from({ length: n }, (_, i) => transfer(`S${i}`, account, 30_000, (fromDay + i) * D));

describe('new_account (MS-NEW-01), new variant (a)', () => {
  test('AUD 20,000 through an account in its first 30 days', () => {
    const hits = on(run([deposit('NEW', 900_000, 2 * D), deposit('NEW', 900_000, 5 * D), deposit('NEW', 200_000, 6 * D)]), 'NEW', 'new');
    expect(hits).toHaveLength(1);
    const h = hits[0]!;
    expect(h.indicators).toEqual(['MS-NEW-01']);
    expect(h.facts).toMatchObject({ ageDays: 6, throughputMinor: 2_000_000, inflowMinor: 2_000_000, volumeFloorMinor: 2_000_000, throughputMet: true, counterpartiesMet: false });
    expect(h.strength).toBeCloseTo(0.5, 4);
    expect(h.reason).toBe('Possible new-account pattern: this account, opened 6 days ago, moved AUD 20,000.00 within its first 30 days.');
    expect(h.transactionIds).toHaveLength(3);
  });

  test('boundary: exactly V fires, one cent less does not; throughput is the larger of inflow and outflow, not their sum', () => {
    expect(on(run([deposit('NEW', 1_000_000, D), deposit('NEW', 1_000_000, 2 * D)]), 'NEW', 'new')).toHaveLength(1);
    expect(on(run([deposit('NEW', 1_000_000, D), deposit('NEW', 999_999, 2 * D)]), 'NEW', 'new')).toHaveLength(0);
    expect(on(run([deposit('NEW', 1_200_000, D), withdrawal('NEW', 1_000_000, 2 * D)]), 'NEW', 'new')).toHaveLength(0);
  });

  test('boundary: only the first 30 days count towards throughput', () => {
    expect(on(run([deposit('NEW', 1_000_000, D), deposit('NEW', 1_000_000, 30 * D)]), 'NEW', 'new')).toHaveLength(1);
    expect(on(run([deposit('NEW', 1_000_000, D), deposit('NEW', 1_000_000, 30 * D + 1)]), 'NEW', 'new')).toHaveLength(0);
  });

  test('ten unrelated counterparties fire, nine do not', () => {
    const ten = on(run(senders(10)), 'NEW', 'new');
    expect(ten).toHaveLength(1);
    expect(ten[0]?.facts).toMatchObject({ counterparties: 10, counterpartiesMet: true, throughputMet: false });
    expect(ten[0]?.reason).toBe('Possible new-account pattern: this account, opened 10 days ago, dealt with 10 unrelated counterparties.');
    expect(on(run(senders(9)), 'NEW', 'new')).toHaveLength(0);
  });

  test('boundary: age A = 90 days is still new, a minute later is not', () => {
    const late = (hours: number) => [...senders(9), transfer('S9', 'NEW', 30_000, hours)];
    expect(on(run(late(90 * D)), 'NEW', 'new')).toHaveLength(1);
    expect(on(run(late(90 * D + 1 / 60)), 'NEW', 'new')).toHaveLength(0);
  });

  test('a stronger signal when both hold within the first month', () => {
    const volume = on(run([deposit('NEW', 1_000_000, D), deposit('NEW', 1_000_000, 2 * D)]), 'NEW', 'new')[0]!;
    const both = on(run([deposit('NEW', 1_000_000, D), deposit('NEW', 1_000_000, 2 * D), ...senders(10, 3)]), 'NEW', 'new');
    expect(both).toHaveLength(1);
    expect(both[0]?.facts).toMatchObject({ throughputMet: true, counterpartiesMet: true });
    expect(both[0]!.strength).toBeGreaterThan(volume.strength + 0.1);
    expect(both[0]?.reason).toBe('Possible new-account pattern: this account, opened 12 days ago, moved AUD 23,000.00 within its first 30 days and dealt with 10 unrelated counterparties.');
  });

  test('relatives and organisations are not counterparties', () => {
    const firsts = ['Nurul', 'Jamal', 'Karim', 'Rahim', 'Salim', 'Habib', 'Anwar', 'Babul', 'Delwar', 'Faruk'];
    const family = senders(10).map((t, i) => ({ ...t, fromName: `${firsts[i]} Sikder` }));
    expect(on(run(family), 'NEW', 'new')).toHaveLength(0);
    const shops = senders(10).map((t, i) => ({ ...t, fromName: `Kedai Runcit ${firsts[i]} Sdn Bhd` }));
    expect(on(run(shops), 'NEW', 'new')).toHaveLength(0);
  });

  test('look-alike: a salary account opened last month receiving one salary', () => {
    const salary = (amount: number, extra: Partial<Transaction> = {}) => transfer('EMPLOYER', 'NEW', amount, 25 * D, { fromName: 'Acme Pty Ltd', reference: 'salary march', ...extra });
    expect(run([salary(650_000)])).toHaveLength(0);
    // Even a salary above V is payroll, not throughput; so is a transfer from the holder's own savings.
    expect(run([salary(2_500_000)])).toHaveLength(0);
    expect(run([transfer('NEW-SAVINGS', 'NEW', 3_000_000, 3 * D), withdrawal('NEW', 200_000, 4 * D)])).toHaveLength(0);
  });

  test('look-alike: a new business account is discounted below half strength', () => {
    const txs = [deposit('NEW', 1_000_000, D), deposit('NEW', 1_000_000, 2 * D)];
    const personal = on(run(txs), 'NEW', 'new')[0]!;
    const shop = on(run(txs, opened('business')), 'NEW', 'new')[0]!;
    expect(shop.strength).toBeLessThan(personal.strength / 2);
    expect(shop.facts['discount']).toBe('business_account');
  });

  test('accounts without opened_at only get the re-awakened variant', () => {
    const accounts: Account[] = [{ account: 'NEW', party: 'P-NEW', type: 'personal' }];
    expect(run([deposit('NEW', 1_000_000, D), deposit('NEW', 1_000_000, 2 * D), ...senders(10, 3)], accounts)).toHaveLength(0);
  });
});

describe('new_account (MS-NEW-01), re-awakened variant (b)', () => {
  const dormant = (gapHours: number, ...day: [number, number][]) => [
    deposit('OLD', 5_000, 0),
    ...day.map(([amount, extraHours]) => deposit('OLD', amount, gapHours + extraHours)),
  ];
  test('after 180 days without activity, one day moves T', () => {
    const hits = on(run(dormant(180 * D, [1_000_000, 0])), 'OLD', 'reawakened');
    expect(hits).toHaveLength(1);
    const h = hits[0]!;
    expect(h.facts).toMatchObject({ gapDays: 180, dayVolumeMinor: 1_000_000, transactions: 1, cash: true });
    expect(h.strength).toBeCloseTo(0.4, 4);
    expect(h.reason).toBe('Possible re-awakened-account pattern: after 180 days without activity, this account moved AUD 10,000.00 in 1 transaction on one day.');
    expect(h.transactionIds).toHaveLength(1);
  });

  test('boundary: a gap of exactly D fires, a minute shorter does not', () => {
    expect(on(run(dormant(180 * D, [1_000_000, 0])), 'OLD', 'reawakened')).toHaveLength(1);
    expect(on(run(dormant(180 * D - 1 / 60, [1_000_000, 0])), 'OLD', 'reawakened')).toHaveLength(0);
  });

  test('boundary: the day must reach T; several transactions on that local day add up', () => {
    expect(on(run(dormant(200 * D, [999_999, 0])), 'OLD', 'reawakened')).toHaveLength(0);
    const split = on(run(dormant(200 * D, [600_000, 0], [300_000, 2])), 'OLD', 'reawakened');
    expect(split).toHaveLength(0);
    const three = on(run([...dormant(200 * D, [600_000, 0], [300_000, 2]), withdrawal('OLD', 100_000, 200 * D + 3)]), 'OLD', 'reawakened');
    expect(three).toHaveLength(1);
    expect(three[0]?.facts).toMatchObject({ transactions: 3, inflowMinor: 900_000, outflowMinor: 100_000 });
    // The next day is not the re-awakening day.
    expect(on(run(dormant(200 * D, [600_000, 0], [600_000, D])), 'OLD', 'reawakened')).toHaveLength(0);
  });

  test('a dormancy longer than the window is still seen (engine memory of the last activity); beyond maxDormantDays it is not a re-awakening', () => {
    // 366 days idle: the 90-day window holds nothing of the earlier activity, yet the gap is known.
    const hits = on(run(dormant(366 * D, [1_000_000, 0])), 'OLD', 'reawakened');
    expect(hits).toHaveLength(1);
    expect(hits[0]!.strength).toBeCloseTo(0.5, 4);
    expect(rawHitsOf([newAccount({ maxDormantDays: 365 })], dormant(366 * D, [1_000_000, 0])).filter((h) => h.variant === 'reawakened')).toHaveLength(0);
  });

  test('an account seen for the first time is not re-awakened', () => {
    expect(run([deposit('FIRST', 5_000_000, 0)])).toHaveLength(0);
  });

  test('look-alike: a salary resuming after a long gap, or own money moved back, is not volume', () => {
    const accounts: Account[] = [...opened(), { account: 'OLD', party: 'P-NEW', type: 'personal' }];
    const back = [deposit('OLD', 5_000, 0), transfer('EMPLOYER', 'OLD', 1_500_000, 200 * D, { reference: 'salary' }), transfer('NEW-SAVINGS', 'OLD', 1_500_000, 200 * D + 1)];
    expect(rawHitsOf([newAccount()], back, { accounts })).toHaveLength(0);
  });

  test('options are validated at construction; the window is the opening period only', () => {
    expect(() => newAccount({ dormantDays: 400, maxDormantDays: 365 })).toThrow(ConfigError);
    expect(() => newAccount({ maxAgeDays: 20, firstDays: 30 })).toThrow(/firstDays/);
    expect(newAccount().windowMs).toBe(90 * 86_400_000);
    expect(newAccount().family).toBe('context');
  });

  test('the public scan carries the hit', () => {
    expect(hitsOf([newAccount()], dormant(180 * D, [1_000_000, 0])).map((h) => h.rule)).toEqual(['new_account']);
  });
});
