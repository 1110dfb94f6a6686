import { describe, expect, test } from 'vitest';
import { transferThresholdAvoidance } from '../../src/rules/structuring/transfer-threshold-avoidance.js';
import type { JurisdictionProfile } from '../../src/jurisdictions/types.js';
import { AU_LIKE, hitsOf, transfer } from '../helpers/builders.js';

const US_LIKE: JurisdictionProfile = {
  ...AU_LIKE, code: 'US', currency: 'USD', cashThreshold: 1_000_000, thresholdInclusive: false, aggregation: 'business_day',
  timeZone: 'America/New_York', transferThresholds: [{ scope: 'any', amount: 300_000, inclusive: true, name: 'Funds-transfer record-keeping' }],
};
const usd = (t: ReturnType<typeof transfer>) => ({ ...t, currency: 'USD' });

describe('transfer_threshold_avoidance (MS-STR-04)', () => {
  test('FinCEN 2014: wires kept below USD 3,000 from one sender fire on the sender', () => {
    const txs = [usd(transfer('S', 'B1', 290_000, 0)), usd(transfer('S', 'B2', 295_000, 20)), usd(transfer('S', 'B3', 299_999, 40))];
    const hits = hitsOf([transferThresholdAvoidance()], txs, { profile: US_LIKE }).filter((h) => h.entity.id === 'S');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.facts).toMatchObject({ count: 3, direction: 'sent', thresholdCurrency: 'USD' });
  });

  test('exactly at R is recorded, so it is not avoidance; the band edge β_R·R is inclusive', () => {
    const atR = [0, 1, 2].map((i) => usd(transfer('S', `B${i}`, 300_000, i)));
    expect(hitsOf([transferThresholdAvoidance()], atR, { profile: US_LIKE })).toHaveLength(0);
    const edge = [0, 1, 2].map((i) => usd(transfer('S', 'B', 255_000, i)));
    expect(hitsOf([transferThresholdAvoidance()], edge, { profile: US_LIKE }).length).toBeGreaterThan(0);
    const under = [0, 1, 2].map((i) => usd(transfer('S', 'B', i === 0 ? 254_999 : 255_000, i)));
    expect(hitsOf([transferThresholdAvoidance()], under, { profile: US_LIKE })).toHaveLength(0);
  });

  test('Australia: cash-funded international transfers just under A$10,000 (father–son case)', () => {
    const txs = [0, 1, 2].map((i) => transfer('SON', `ID${i}`, 950_000, i * 5, { channel: 'remitter', fromCountry: 'AU', toCountry: 'ID' }));
    expect(hitsOf([transferThresholdAvoidance()], txs).filter((h) => h.entity.id === 'SON')).toHaveLength(1);
    const domestic = txs.map((t) => ({ ...t, toCountry: 'AU' }));
    expect(hitsOf([transferThresholdAvoidance()], domestic)).toHaveLength(0);
  });
});
