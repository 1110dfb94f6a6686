import { describe, expect, test } from 'vitest';
import { canonicalCode, shareStrings, shareTransactionStrings } from '../../src/schema/string-pool.js';
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

  test('shareStrings keeps every value of partition scan clones and pools only their short strings (sharing itself is visible only in memory: see the bench)', async () => {
    const { scanPartition } = await import('../../src/engine/partitioned-scan.js');
    const { ingestTransactions } = await import('../../src/ingest/index.js');
    const txs: Transaction[] = [];
    await ingestTransactions('examples/data/transactions.csv', {}, (b) => { for (const t of b.transactions) txs.push(t); });
    const part = scanPartition(txs, { jurisdiction: 'MY' }, { index: 0, count: 1 });
    expect(part.candidates.length).toBeGreaterThan(100);
    const pool = new Map<string, string>();
    const a = shareStrings(structuredClone(part), pool);
    const b = shareStrings(structuredClone(part), pool);
    expect(JSON.stringify(a)).toBe(JSON.stringify(part));
    expect(JSON.stringify(b)).toBe(JSON.stringify(part));
    // Sentences (over 40 characters) are left alone; ids and codes repeat, so the pool is far smaller than the data.
    expect([...pool.keys()].every((k) => k.length <= 40)).toBe(true);
    expect(pool.has('tidewatch/alert@1')).toBe(true);
    expect(pool.size).toBeLessThan(JSON.stringify(part).length / 10);
  });
});
