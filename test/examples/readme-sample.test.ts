import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { parseTransaction, scan, type Transaction } from '../../src/index.js';

// The README's sample alert is what the engine gives today (no stale config hash or sentence):
// AUSTRAC case 14's pattern, two A$9,500 cash deposits on one day under the shipped AU profile.
test('README § Sample alert equals the current output for its two transactions', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const block = /## Sample alert[^\n]*\n[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toBeDefined();
  const rows = ['2019-01-07T00:00:00Z', '2019-01-07T03:00:00Z'].map((timestamp, i) =>
    parseTransaction({ id: `X${i + 1}`, timestamp, amount: '9500.00', currency: 'AUD', kind: 'cash_deposit', channel: 'branch', to_account: 'CARD-1' }));
  const txs = rows.map((r) => (r.ok ? r.value : expect.unreachable())) as Transaction[];
  const { alerts } = scan(txs, { jurisdiction: 'AU' });
  expect(alerts).toHaveLength(1);
  expect(JSON.parse(block as string)).toEqual(JSON.parse(JSON.stringify(alerts[0])));
});
