import { describe, expect, test } from 'vitest';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import type { Account } from '../../src/schema/reference-data.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { at, transfer } from '../helpers/builders.js';
import { rawHitsOf } from '../helpers/raw-hits.js';

// funnel_account discounts an old account whose history before the senders is not in the data
// (history_unseen: a landlord's tenants or a savings group in an export's first month cannot show
// as repeat payers). Senders paying from abroad are no such standing local arrangement: three or
// more of them, from two or more countries, make "first time" plain and the discount stands down.

const D = 24;
/** Open for three years, in AU (the AU-like test profile's country); the data begins with the senders. */
const old: Account[] = [{ account: 'FUN', openedAt: at(-3 * 365 * D), country: 'AU' }];
/** Five unrelated senders, one payment each 12 hours apart, from the countries given (AU = domestic, at one of two banks). */
const senders = (countries: readonly string[]): Transaction[] =>
  countries.map((c, i) => transfer(`S${i}`, 'FUN', 150_000 + i * 1_000, i * 12, { fromInstitution: `BANK${i % 2}`, fromCountry: c, toCountry: 'AU' }));
const hit = (countries: readonly string[], accounts: Account[] = old) => {
  const hits = rawHitsOf([funnelAccount()], senders(countries), { accounts }).filter((h) => h.entity.id === 'FUN');
  return hits[hits.length - 1];
};
const fresh: Account[] = [{ account: 'FUN', openedAt: at(-2 * D), country: 'AU' }];

describe('funnel_account: senders abroad on an account whose earlier history is not in the data', () => {
  test('positive: three senders from two foreign countries keep the full strength of an account whose history is seen', () => {
    const countries = ['BD', 'MY', 'BD', 'AU', 'AU'];
    const h = hit(countries);
    expect(h?.facts['discount']).toBeUndefined();
    expect(h?.facts).toMatchObject({ sendersAbroad: 3, countriesAbroad: 2 });
    expect(h?.strength).toBeCloseTo(hit(countries, fresh)?.strength as number, 6);
  });

  test('boundary: two senders abroad, or three from a single foreign country, are discounted as before (× 0.3)', () => {
    const two = hit(['BD', 'MY', 'AU', 'AU', 'AU']);
    expect(two?.facts).toMatchObject({ sendersAbroad: 2, countriesAbroad: 2, historyCoverage: 0, discount: 'history_unseen' });
    expect(two?.strength).toBeCloseTo((hit(['BD', 'MY', 'AU', 'AU', 'AU'], fresh)?.strength as number) * 0.3, 6);
    const oneCountry = hit(['BD', 'BD', 'BD', 'AU', 'AU']);
    expect(oneCountry?.facts).toMatchObject({ sendersAbroad: 3, countriesAbroad: 1, discount: 'history_unseen' });
  });

  test('look-alike: domestic payers (tenants, a savings group) in the first month of an export stay discounted', () => {
    const h = hit(['AU', 'AU', 'AU', 'AU', 'AU']);
    expect(h?.facts).toMatchObject({ historyCoverage: 0, discount: 'history_unseen' });
    expect(h?.facts['sendersAbroad']).toBeUndefined();
  });

  test('negative: senders abroad alone do not make a funnel — four senders still do not fire', () => {
    expect(rawHitsOf([funnelAccount()], senders(['BD', 'MY', 'BD', 'MY']), { accounts: old }).filter((h) => h.entity.id === 'FUN')).toHaveLength(0);
  });
});
