import { describe, expect, test } from 'vitest';
import { loadEngineOptions } from '../../src/cli/engine-inputs.js';
import { createParallelScan } from '../../src/cli/parallel-scan.js';
import { compareTransactions } from '../../src/engine/transaction-order.js';
import { resolveConfig } from '../../src/engine/config.js';
import { scan } from '../../src/engine/scan.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import type { Transaction } from '../../src/schema/transaction.js';

const inputs = { jurisdiction: 'MY', accounts: 'examples/data/accounts.csv', parties: 'examples/data/parties.csv', minScore: 0 };

async function demoRows(): Promise<Transaction[]> {
  const txs: Transaction[] = [];
  await ingestTransactions('examples/data/transactions.csv', {}, (b) => { for (const t of b.transactions) txs.push(t); });
  return txs.sort(compareTransactions);
}

describe('scan on worker threads (one partition of the keyed engine each)', () => {
  test('2 real worker threads give byte-identical results to a one-thread scan of the demo bank', async () => {
    const rows = await demoRows();
    // One transaction no engine can evaluate (no FX rate): the router reports it, as scan() does.
    const middle = rows[rows.length >> 1] as Transaction;
    const txs = [...rows, { ...middle, id: 'zz-no-fx-rate', currency: 'XAF' }].sort(compareTransactions);
    const options = await loadEngineOptions(inputs);
    const whole = scan(txs, options);
    expect(whole.alerts.some((a) => a.entity.kind === 'network')).toBe(true);
    expect(whole.rejections.map((r) => r.id)).toEqual(['zz-no-fx-rate']);
    for (const workers of [2]) {
      const par = createParallelScan(inputs, resolveConfig(options), workers);
      try {
        for (const tx of txs) par.add(tx);
        expect(JSON.stringify(await par.finish(txs.length))).toBe(JSON.stringify(whole));
      } finally {
        await par.dispose();
      }
    }
  }, 180_000);

  test('a worker that cannot build its engine fails the scan with its error instead of hanging', async () => {
    const txs = await demoRows();
    const options = await loadEngineOptions(inputs);
    const par = createParallelScan({ ...inputs, accounts: 'examples/data/no-such-file.csv' }, resolveConfig(options), 2);
    try {
      for (const tx of txs) par.add(tx);
      await expect(par.finish(txs.length)).rejects.toThrow(/no-such-file|ENOENT/);
    } finally {
      await par.dispose();
    }
  }, 180_000);
});
