// Type-level contract of the public entry (vitest typecheck: test/**/*.test-d.ts).
// Imports only from src/index.ts, so a type that users rely on but the barrel stops exporting
// fails here. Runtime behaviour is tested elsewhere; nothing in this file is executed.
import { describe, expectTypeOf, test } from 'vitest';
import {
  parseAmount,
  parseInstant,
  parseTransaction,
  type AmountIssueCode,
  type AmountResult,
  type FieldIssue,
  type InstantResult,
  type RecordResult,
  type RowIssueCode,
  type TimestampIssueCode,
  type Transaction,
  type TransactionKind,
  type TransactionRecord,
} from '../../src/index.js';

describe('money', () => {
  test('parseAmount(text, currency) returns the AmountResult union', () => {
    expectTypeOf(parseAmount).parameters.toEqualTypeOf<[text: string, currency: string]>();
    expectTypeOf(parseAmount).returns.toEqualTypeOf<AmountResult>();
  });

  test('AmountResult narrows on ok: minor units, or a stable code and a message', () => {
    const r = parseAmount('9500.10', 'USD');
    if (r.ok) {
      expectTypeOf(r.minor).toBeNumber();
      expectTypeOf(r).not.toHaveProperty('code');
    } else {
      expectTypeOf(r.code).toEqualTypeOf<AmountIssueCode>();
      expectTypeOf(r.message).toBeString();
      expectTypeOf(r).not.toHaveProperty('minor');
    }
    expectTypeOf(r.ok).toEqualTypeOf<boolean>();
  });

  test('amount issue codes are a closed set of literals, all valid row issue codes', () => {
    expectTypeOf<AmountIssueCode>().toEqualTypeOf<
      'required' | 'unknown_currency' | 'invalid_amount' | 'amount_precision' | 'amount_not_positive' | 'amount_too_large'
    >();
    expectTypeOf<AmountIssueCode>().toExtend<RowIssueCode>();
    expectTypeOf<TimestampIssueCode>().toExtend<RowIssueCode>();
  });
});

describe('time', () => {
  test('parseInstant takes an optional default zone and returns InstantResult', () => {
    expectTypeOf(parseInstant).parameters.toEqualTypeOf<[text: string, defaultZone?: string]>();
    expectTypeOf(parseInstant).returns.toEqualTypeOf<InstantResult>();
    const r = parseInstant('2025-03-01T09:30:00Z');
    if (r.ok) expectTypeOf(r.ms).toBeNumber();
    else expectTypeOf(r.code).toEqualTypeOf<TimestampIssueCode>();
  });
});

describe('transaction', () => {
  test('money is integer minor units and time is epoch ms: both plain numbers', () => {
    expectTypeOf<Transaction['amount']>().toBeNumber();
    expectTypeOf<Transaction['timestamp']>().toBeNumber();
    expectTypeOf<Transaction['kind']>().toEqualTypeOf<TransactionKind>();
    expectTypeOf<TransactionKind>().toEqualTypeOf<'cash_deposit' | 'cash_withdrawal' | 'transfer'>();
  });

  test('Transaction is read-only and optional fields stay optional', () => {
    expectTypeOf<Transaction>().toHaveProperty('fromAccount');
    expectTypeOf<{ id: 'T1'; timestamp: 0; amount: 1; currency: 'USD'; kind: 'transfer' }>().toExtend<Transaction>();
    // @ts-expect-error fields of a validated transaction cannot be reassigned
    const mutate = (t: Transaction) => (t.amount = 0);
    void mutate;
  });

  test('the input record is all strings (as in CSV), the output is normalized', () => {
    expectTypeOf<TransactionRecord['amount']>().toBeString();
    expectTypeOf<TransactionRecord['timestamp']>().toBeString();
    expectTypeOf<TransactionRecord>().toHaveProperty('to_account');
  });

  test('parseTransaction returns RecordResult<Transaction> and narrows on ok', () => {
    expectTypeOf(parseTransaction).returns.toEqualTypeOf<RecordResult<Transaction>>();
    // Any value is accepted (null, arrays, primitives give a typed malformed_row result, never a TypeError).
    expectTypeOf(parseTransaction).parameter(0).toEqualTypeOf<unknown>();
    const r = parseTransaction({});
    if (r.ok) {
      expectTypeOf(r.value).toEqualTypeOf<Transaction>();
      expectTypeOf(r).not.toHaveProperty('issues');
    } else {
      expectTypeOf(r.issues).toEqualTypeOf<readonly FieldIssue[]>();
      expectTypeOf<(typeof r.issues)[number]['code']>().toEqualTypeOf<RowIssueCode>();
      expectTypeOf(r).not.toHaveProperty('value');
    }
  });
});
