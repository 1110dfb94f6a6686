import { describe, expect, test } from 'vitest';
import { canonicalCode, shareTransactionStrings } from '../../src/schema/string-pool.js';
import type { Transaction } from '../../src/schema/transaction.js';

describe('shared code strings', () => {
  test('a structured clone of a transaction keeps every value after its codes are shared', () => {
    const tx: Transaction = {
      id: 'T1', timestamp: Date.UTC(2025, 0, 2), amount: 950_000, currency: 'MYR', kind: 'transfer', channel: 'online',
      fromAccount: 'A1', fromCountry: 'MY', toAccount: 'A2', toCountry: 'TH', reference: 'fee',
    };
    const copy = structuredClone(tx);
    expect(shareTransactionStrings(copy)).toBe(copy);
    expect(copy).toEqual(tx);
  });

  test('absent fields stay absent and values outside the code lists pass through', () => {
    const copy = shareTransactionStrings(structuredClone({ id: 'T2', timestamp: 0, amount: 1, currency: 'XTS', kind: 'cash_deposit', toAccount: 'A1' }) as Transaction);
    expect(copy).toEqual({ id: 'T2', timestamp: 0, amount: 1, currency: 'XTS', kind: 'cash_deposit', toAccount: 'A1' });
    expect('channel' in copy).toBe(false);
    expect(canonicalCode('not-a-code')).toBe('not-a-code');
    expect(canonicalCode('MY')).toBe('MY');
  });
});
