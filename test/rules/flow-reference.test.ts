import { describe, expect, test } from 'vitest';
import { defineJurisdiction, jurisdiction } from '../../src/jurisdictions/index.js';
import type { JurisdictionProfile } from '../../src/jurisdictions/types.js';
import { flowReference } from '../../src/rules/_lib.js';
import { funnelAccount } from '../../src/rules/flow/funnel-account.js';
import { nearThresholdCash } from '../../src/rules/structuring/near-threshold-cash.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, deposit, hitsOf, transfer } from '../helpers/builders.js';

/** AU_LIKE with a flow reference of AUD 2,000: funnel floors 0.5 % (AUD 10) per payment and 10 % (AUD 200) in total. */
const LOW: JurisdictionProfile = { ...AU_LIKE, flowReference: 200_000 };

/** Five new senders at two banks, 12 hours apart, paying the given amounts. */
const five = (amounts: readonly number[]): Transaction[] =>
  amounts.map((a, i) => transfer(`S${i}`, 'FUN', a, i * 12, { fromInstitution: `BANK${i % 2}` }));
const funnelHits = (txs: Transaction[], profile: JurisdictionProfile) => hitsOf([funnelAccount()], txs, { profile }).filter((h) => h.entity.id === 'FUN');

describe('flowReference (jurisdiction profile)', () => {
  test('defaults to the cash threshold; a profile value replaces it', () => {
    expect(flowReference(AU_LIKE)).toBe(1_000_000);
    expect(flowReference(LOW)).toBe(200_000);
  });

  test('Thailand scales flow floors from THB 200,000, not the THB 2,000,000 cash threshold; Malaysia keeps its threshold', () => {
    expect(jurisdiction('TH').cashThreshold).toBe(200_000_000);
    expect(flowReference(jurisdiction('TH'))).toBe(20_000_000);
    expect(jurisdiction('MY').flowReference).toBeUndefined();
    expect(flowReference(jurisdiction('MY'))).toBe(2_500_000);
  });

  test('a custom profile takes it as a decimal string in major units, converted exactly', () => {
    const base = { code: 'XX', name: 'Test', currency: 'THB', cashThreshold: '2000000.00', aggregation: 'per_transaction', timeZone: 'Asia/Bangkok', effectiveFrom: '2025-01-01', source: 'policy' } as const;
    expect(defineJurisdiction({ ...base, flowReference: '200000.00' }).flowReference).toBe(20_000_000);
    expect(defineJurisdiction(base).flowReference).toBeUndefined();
    expect(() => defineJurisdiction({ ...base, flowReference: '1.001' })).toThrow(/flowReference/);
  });

  test('boundary: funnel_account counts a book of exactly 10 % of the reference, not one unit less', () => {
    expect(funnelHits(five([4_000, 4_000, 4_000, 4_000, 4_000]), LOW)).toHaveLength(1);
    expect(funnelHits(five([4_000, 4_000, 4_000, 4_000, 3_999]), LOW)).toHaveLength(0);
    // Under the cash threshold the same book (AUD 200 of the AUD 1,000 floor) stays quiet.
    expect(funnelHits(five([4_000, 4_000, 4_000, 4_000, 4_000]), AU_LIKE)).toHaveLength(0);
  });

  test('boundary: a payment under 0.5 % of the reference is not a counted payment', () => {
    const big = [10_000, 10_000, 10_000, 10_000];
    expect(funnelHits(five([...big, 1_000]), LOW)).toHaveLength(1);
    expect(funnelHits(five([...big, 999]), LOW)).toHaveLength(0);
  });

  test('structuring rules keep reading the cash threshold', () => {
    const near = [deposit('A1', 950_000, 0), deposit('A1', 960_000, 3)];
    expect(hitsOf([nearThresholdCash()], near, { profile: LOW })).toHaveLength(1);
    const nearReference = [deposit('A1', 190_000, 0), deposit('A1', 195_000, 3)];
    expect(hitsOf([nearThresholdCash()], nearReference, { profile: LOW })).toHaveLength(0);
  });
});
