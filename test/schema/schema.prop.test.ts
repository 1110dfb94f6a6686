import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { currencyCodes, currencyExponent } from '../../src/schema/currencies.js';
import { formatAmount, parseAmount } from '../../src/schema/money.js';
import { parseInstant } from '../../src/schema/time.js';
import { TRANSACTION_COLUMNS, parseTransaction } from '../../src/schema/transaction.js';
import { checkTransactionRecord } from '../../src/schema/transaction-fast-path.js';

const CURRENCIES = currencyCodes();
const cellValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', 'x', 'A1', 'MY', 'XX', 'my', 'USD', 'JPY', 'BHD', 'usd', 'transfer', 'cash_deposit', 'cash_withdrawal', 'atm', 'ATM', '0', '-1', '1.005', '9500.00', '1e5', '1,000', '2025-02-30T00:00:00Z', '2025-03-01T09:30:00+08:00', '2025-03-01T09:30:00', '2025-03-01') },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ minLength: 199, maxLength: 202 }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null)) as fc.Arbitrary<unknown> },
);
const validRecord = fc.record({
  id: fc.string({ minLength: 1, maxLength: 20 }),
  timestamp: fc.date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  currency: fc.constantFrom(...CURRENCIES),
  kind: fc.constantFrom('cash_deposit', 'cash_withdrawal', 'transfer'),
  whole: fc.bigInt({ min: 0n, max: 10n ** 12n }),
  frac: fc.nat({ max: 9999 }),
}).map((r) => {
  const e = currencyExponent(r.currency) as number;
  const fracText = e === 0 ? '' : `.${String(r.frac % 10 ** e).padStart(e, '0')}`;
  return { id: r.id, timestamp: r.timestamp, amount: `${r.whole + 1n}${fracText}`, currency: r.currency, kind: r.kind, from_account: 'F', to_account: 'T' };
});
const mutated = fc.tuple(validRecord, fc.dictionary(fc.constantFrom(...TRANSACTION_COLUMNS), cellValue, { maxKeys: 4 }), fc.subarray([...TRANSACTION_COLUMNS], { maxLength: 2 }))
  .map(([rec, changes, drop]) => {
    const out: Record<string, unknown> = { ...rec, ...changes };
    for (const d of drop) delete out[d];
    for (const [k, v] of Object.entries(out)) if (v === '' ) delete out[k];
    return out;
  });

describe('the fast row checker is exactly the zod schema', () => {
  test('same accept/reject, same value, same (field, code) issues — on valid and mutated records', () => {
    fc.assert(
      fc.property(fc.oneof(validRecord as fc.Arbitrary<Record<string, unknown>>, mutated), fc.constantFrom(undefined, 'Asia/Kuala_Lumpur'), (record, zone) => {
        const options = zone === undefined ? {} : { defaultZone: zone };
        const a = parseTransaction(record, options);
        const b = checkTransactionRecord(record, options);
        expect(b.ok).toBe(a.ok);
        if (a.ok && b.ok) expect(b.value).toEqual(a.value);
        if (!a.ok && !b.ok) expect(b.issues.map((i) => `${i.field}:${i.code}`)).toEqual(a.issues.map((i) => `${i.field}:${i.code}`));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('money', () => {
  test('parseAmount agrees with an exact BigInt reference for every currency exponent', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.nat({ max: 5 }), (currency, units, decimals) => {
        const e = currencyExponent(currency) as number;
        const scale = 10n ** BigInt(decimals);
        const text = decimals === 0 ? units.toString() : `${units / scale}.${(units % scale).toString().padStart(decimals, '0')}`;
        const result = parseAmount(text, currency);
        const minorExact = decimals <= e ? units * 10n ** BigInt(e - decimals) : undefined;
        if (decimals > e) expect(result).toMatchObject({ ok: false, code: 'amount_precision' });
        else if (minorExact === 0n) expect(result).toMatchObject({ ok: false, code: 'amount_not_positive' });
        else if ((minorExact as bigint) > BigInt(Number.MAX_SAFE_INTEGER)) expect(result).toMatchObject({ ok: false, code: 'amount_too_large' });
        else {
          expect(result).toEqual({ ok: true, minor: Number(minorExact) });
          expect(parseAmount(formatAmount(Number(minorExact), currency), currency)).toEqual(result);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('exponents: JPY 0, USD 2, BHD 3, CLF 4; boundary values', () => {
    expect([currencyExponent('JPY'), currencyExponent('USD'), currencyExponent('BHD'), currencyExponent('CLF')]).toEqual([0, 2, 3, 4]);
    expect(parseAmount('100', 'JPY')).toEqual({ ok: true, minor: 100 });
    expect(parseAmount('1.5', 'JPY')).toMatchObject({ code: 'amount_precision' });
    expect(parseAmount('1.234', 'BHD')).toEqual({ ok: true, minor: 1234 });
    expect(parseAmount('90071992547409.91', 'USD')).toEqual({ ok: true, minor: Number.MAX_SAFE_INTEGER });
    expect(parseAmount('90071992547409.92', 'USD')).toMatchObject({ code: 'amount_too_large' });
    expect(parseAmount('NaN', 'USD')).toMatchObject({ code: 'invalid_amount' });
    expect(parseAmount(' 12.30 ', 'USD')).toEqual({ ok: true, minor: 1230 });
    expect(parseAmount('12.30', 'XAU')).toMatchObject({ code: 'unknown_currency' });
  });
});

describe('time', () => {
  test('agrees with Date.parse on every valid instant with an offset', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.integer({ min: -14 * 60, max: 14 * 60 }), (d, offsetMin) => {
        const local = new Date(d.getTime() + offsetMin * 60_000).toISOString().slice(0, 23);
        const sign = offsetMin < 0 ? '-' : '+';
        const abs = Math.abs(offsetMin);
        const text = `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseInstant(text)).toEqual({ ok: true, ms: d.getTime() });
      }),
      { numRuns: 2000 },
    );
  });

  test('impossible dates and naive times', () => {
    expect(parseInstant('2024-02-29T00:00:00Z').ok).toBe(true);
    expect(parseInstant('2025-02-29T00:00:00Z')).toMatchObject({ code: 'invalid_timestamp' });
    expect(parseInstant('2025-04-31T00:00:00Z')).toMatchObject({ code: 'invalid_timestamp' });
    expect(parseInstant('2025-01-01T24:00:00Z')).toMatchObject({ code: 'invalid_timestamp' });
    expect(parseInstant('2025-01-01T23:59:60Z')).toMatchObject({ code: 'invalid_timestamp' });
    expect(parseInstant('2025-01-01T10:00:00+15:00')).toMatchObject({ code: 'invalid_timestamp' });
    expect(parseInstant('2025-01-01T10:00:00')).toMatchObject({ code: 'naive_timestamp' });
    expect(parseInstant('2025-01-01T08:00:00', 'Asia/Kuala_Lumpur')).toEqual({ ok: true, ms: Date.UTC(2025, 0, 1) });
    // New York spring-forward gap (02:30 does not exist on 2025-03-09): the earlier offset wins.
    expect(parseInstant('2025-03-09T01:30:00', 'America/New_York')).toEqual({ ok: true, ms: Date.UTC(2025, 2, 9, 6, 30) });
  });
});
