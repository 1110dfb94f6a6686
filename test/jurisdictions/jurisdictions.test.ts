import fc from 'fast-check';
import { fraction, multiply, floor, type Fraction } from 'mathjs';
import { describe, expect, test } from 'vitest';
import { createFxTable, defineJurisdiction, jurisdiction, jurisdictionCodes, jurisdictionProfileSchema, localDay, parseFxCsv, unitKey } from '../../src/jurisdictions/index.js';
import { divideHalfEven } from '../../src/jurisdictions/fx.js';

describe('shipped profiles', () => {
  test('cover the Bali Process region and the common others, each valid and sourced', () => {
    expect(jurisdictionCodes()).toEqual(expect.arrayContaining(['AU', 'MY', 'ID', 'TH', 'PH', 'SG', 'BD', 'LK', 'VN', 'KH', 'MM', 'NZ', 'IN', 'PK', 'US', 'CA']));
    for (const code of jurisdictionCodes()) {
      const p = jurisdiction(code);
      expect(jurisdictionProfileSchema.safeParse(p).success, code).toBe(true);
      expect(p.source.length).toBeGreaterThan(3);
      expect(Number.isSafeInteger(p.cashThreshold)).toBe(true);
    }
  });

  test('thresholds match RESEARCH §b, with ≥ and > as the sources word them', () => {
    expect(jurisdiction('MY')).toMatchObject({ currency: 'MYR', cashThreshold: 2_500_000, thresholdInclusive: true, aggregation: 'calendar_day' });
    expect(jurisdiction('US')).toMatchObject({ currency: 'USD', cashThreshold: 1_000_000, thresholdInclusive: false, aggregation: 'business_day' });
    expect(jurisdiction('PH')).toMatchObject({ cashThreshold: 50_000_000, thresholdInclusive: false });
    expect(jurisdiction('IN')).toMatchObject({ aggregation: 'calendar_month', thresholdInclusive: false });
    expect(jurisdiction('AU')).toMatchObject({ aggregation: 'per_transaction', cashThreshold: 1_000_000 });
    expect(jurisdiction('ID').cashThreshold).toBe(50_000_000_000);
    expect(['TH', 'MM', 'BN', 'SG'].every((c) => jurisdiction(c).unverified)).toBe(true);
    expect(jurisdiction('my').code).toBe('MY');
    expect(() => jurisdiction('LA')).toThrow(/unknown jurisdiction "LA"; shipped: AU/);
  });

  test('custom profiles validate through zod, take exact decimal amounts, and name the bad key', () => {
    const p = defineJurisdiction({ code: 'XX', name: 'Test', currency: 'BHD', cashThreshold: '5000.500', aggregation: 'calendar_day', timeZone: 'Asia/Bahrain', effectiveFrom: '2025-01-01', source: 'policy' });
    expect(p.cashThreshold).toBe(5_000_500);
    expect(() => defineJurisdiction({ code: 'XX', name: 'T', currency: 'USD', cashThreshold: '1.001', aggregation: 'calendar_day', timeZone: 'UTC', effectiveFrom: '2025-01-01', source: 's' })).toThrow(/cashThreshold/);
    expect(() => defineJurisdiction({ code: 'XX', name: 'T', currency: 'USD', cashThreshold: 1, aggregation: 'calendar_day', timeZone: 'Mars/Base', effectiveFrom: '2025-01-01', source: 's' })).toThrow(/timeZone/);
  });
});

describe('aggregation units', () => {
  test('calendar day in the jurisdiction zone: Kuala Lumpur midnight is 16:00Z', () => {
    const my = jurisdiction('MY');
    expect(unitKey(my, Date.UTC(2025, 2, 1, 15, 59, 59, 999))).toBe(unitKey(my, Date.UTC(2025, 2, 1, 0, 0)));
    expect(unitKey(my, Date.UTC(2025, 2, 1, 16, 0))).toBe(unitKey(my, Date.UTC(2025, 2, 1, 0, 0)) + 1);
  });

  test('US business day: Friday-night and weekend deposits count on Monday', () => {
    const us = jurisdiction('US');
    const monday = unitKey(us, Date.UTC(2025, 2, 3, 15));
    expect(unitKey(us, Date.UTC(2025, 2, 1, 15))).toBe(monday); // Saturday
    expect(unitKey(us, Date.UTC(2025, 2, 2, 15))).toBe(monday); // Sunday
    expect(unitKey(us, Date.UTC(2025, 2, 1, 3))).toBe(monday - 3); // Friday 22:00 New York is still Friday
  });

  test('India calendar month in Asia/Kolkata', () => {
    const india = jurisdiction('IN');
    expect(unitKey(india, Date.UTC(2025, 0, 31, 18, 29))).toBe(2025 * 12);
    expect(unitKey(india, Date.UTC(2025, 0, 31, 18, 30))).toBe(2025 * 12 + 1);
  });

  test('local days follow daylight saving (Toronto) and never go backwards', () => {
    const ca = jurisdiction('CA');
    expect(localDay(ca, Date.UTC(2025, 2, 9, 4, 59))).toBe(localDay(ca, Date.UTC(2025, 2, 8, 12)));
    expect(localDay(ca, Date.UTC(2025, 2, 10, 3, 59))).toBe(localDay(ca, Date.UTC(2025, 2, 9, 12)));
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.nat({ max: 10 * 86_400_000 }), (t, d) => {
      for (const code of ['CA', 'US', 'AU', 'IN', 'MY']) expect(unitKey(jurisdiction(code), t + d)).toBeGreaterThanOrEqual(unitKey(jurisdiction(code), t));
    }), { numRuns: 300 });
  });
});

describe('FX', () => {
  const fx = createFxTable(parseFxCsv('from,to,date,rate\nUSD,MYR,2025-03-01,4.4725\nMYR,BDT,2025-03-01,27.3\nJPY,USD,2025-03-01,0.0067\n'));
  const day = (d: number) => Date.UTC(2025, 2, d, 12);

  test('exact conversion, inverse pairs, exponents', () => {
    expect(fx.convert(100_00, 'USD', 'MYR', day(3))).toBe(447_25);
    expect(fx.convert(447_25, 'MYR', 'USD', day(3))).toBe(100_00);
    expect(fx.convert(10_000, 'JPY', 'USD', day(3))).toBe(67_00);
    expect(fx.convert(1, 'MYR', 'MYR', day(3))).toBe(1);
  });

  test('missing, future or stale rates give undefined, never a guess', () => {
    expect(fx.convert(100, 'USD', 'AUD', day(3))).toBeUndefined();
    expect(fx.convert(100, 'USD', 'MYR', Date.UTC(2025, 1, 28, 23))).toBeUndefined();
    expect(fx.convert(100, 'USD', 'MYR', day(9))).toBeUndefined();
    expect(() => createFxTable([{ from: 'USD', to: 'MYR', date: '2025-03-01', rate: '4,47' }])).toThrow(/fx/);
  });

  test('half-even rounding, checked against a mathjs Fraction reference', () => {
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(7n, 2n)).toBe(4n);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 ** 12 }), fc.integer({ min: 1, max: 99_999_999 }), fc.nat({ max: 6 }), (amount, digits, scale) => {
      const rate = (digits / 10 ** scale).toFixed(scale);
      const table = createFxTable([{ from: 'USD', to: 'MYR', date: '2025-03-01', rate }]);
      const exact = multiply(fraction(amount), fraction(rate)) as Fraction;
      const lower = Number(floor(exact));
      const rem = Number(exact.sub(fraction(lower)).valueOf());
      const expected = rem > 0.5 || (rem === 0.5 && lower % 2 === 1) ? lower + 1 : lower;
      expect(table.convert(amount, 'USD', 'MYR', day(2))).toBe(Number.isSafeInteger(expected) ? expected : undefined);
    }), { numRuns: 500 });
  });
});
