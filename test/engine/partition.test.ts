import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { mergePartitionScans, scanPartition } from '../../src/engine/partitioned-scan.js';
import { partitionOf } from '../../src/engine/partition.js';
import { scan } from '../../src/engine/scan.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { loadScenario } from '../../examples/scenarios/load.js';
import { MY_LIKE } from '../helpers/builders.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 0, 6);

function partitioned(txs: readonly Transaction[], options: Parameters<typeof scan>[1], count: number) {
  const parts = Array.from({ length: count }, (_, index) => scanPartition(txs, options, { index, count }));
  return mergePartitionScans(parts.reverse(), options); // merge order must not matter
}

describe('keyed partitions', () => {
  test('partitionOf is stable (known answers) and spreads keys evenly', () => {
    // Known answers of FNV-1a 32-bit over "kind:id" (e.g. "account:A" = 0xea8bcb29 = 3,934,964,521): changing them breaks deployed routing.
    expect([partitionOf('account', 'A', 1_000), partitionOf('party', 'A', 1_000), partitionOf('account', 'MY0003626', 1_000), partitionOf('account', 'MY0003626', 4)]).toEqual([57, 946, 853, 1]);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[partitionOf('account', `MY${String(i).padStart(7, '0')}`, 4)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    expect(partitionOf('account', 'A', 1)).toBe(0);
  });

  test('the demo bank: the merge of 2 and 3 partitions is byte-identical to one scan', async () => {
    const s = await loadScenario('examples/data');
    const options = { jurisdiction: 'MY', accounts: s.accounts, parties: s.parties, minScore: 0 };
    const whole = scan(s.transactions, options);
    expect(whole.alerts.length).toBeGreaterThan(100);
    expect(whole.alerts.some((a) => a.entity.kind === 'network')).toBe(true);
    for (const n of [2, 3]) expect(JSON.stringify(partitioned(s.transactions, options, n))).toBe(JSON.stringify(whole));
  });

  test('random worlds: 1 partition = N partitions (alerting and evicting worlds counted; networks: the demo bank above)', () => {
    let alerting = 0;
    let evicting = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            kind: fc.constantFrom('cash_deposit', 'cash_deposit', 'cash_deposit', 'cash_withdrawal', 'transfer', 'transfer') as fc.Arbitrary<Transaction['kind']>,
            a: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
            b: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'X1', 'X2', 'X3', 'X4', 'X5', 'X6'),
            conductor: fc.option(fc.constantFrom('P1', 'P2', 'P3'), { nil: undefined }),
            location: fc.option(fc.constantFrom('L1', 'L2', 'L3'), { nil: undefined }),
            amount: fc.oneof(fc.integer({ min: 1, max: 3_000_000 }), fc.integer({ min: 2_000_000, max: 2_499_999 })),
            gapMinutes: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 600 }), weight: 9 }, { arbitrary: fc.integer({ min: 40 * 24 * 60, max: 200 * 24 * 60 }), weight: 1 }),
          }),
          { minLength: 20, maxLength: 120 },
        ),
        fc.integer({ min: 2, max: 5 }),
        (rows, n) => {
          let t = T0;
          const txs = rows.map((r, i): Transaction => {
            t += r.gapMinutes * 60_000;
            const base = { id: `T${i}`, timestamp: t, amount: r.amount, currency: 'MYR', kind: r.kind };
            const extra = { ...(r.conductor ? { conductor: r.conductor } : {}), ...(r.location ? { location: r.location } : {}) };
            if (r.kind === 'cash_deposit') return { ...base, ...extra, toAccount: r.a };
            if (r.kind === 'cash_withdrawal') return { ...base, ...extra, fromAccount: r.a };
            return { ...base, fromAccount: r.b, toAccount: r.a };
          });
          const options = { jurisdiction: MY_LIKE, minScore: 0 };
          const whole = scan(txs, options);
          if (whole.alerts.length > 0) alerting++;
          // An idle gap past the longest retention (180 days) evicts every entity at the next sweep.
          if (rows.some((r) => r.gapMinutes > 180 * 24 * 60)) evicting++;
          expect(JSON.stringify(partitioned(txs, options, n))).toBe(JSON.stringify(whole));
        },
      ),
      { numRuns: 150 },
    );
    expect(alerting).toBeGreaterThan(75);
    expect(evicting).toBeGreaterThan(15);
  });

  test('a merge with a partition missing, repeated or from another configuration is refused', () => {
    const txs: Transaction[] = [{ id: 'T1', timestamp: T0 + HOUR, amount: 100, currency: 'MYR', kind: 'cash_deposit', toAccount: 'A' }];
    const options = { jurisdiction: MY_LIKE };
    const p0 = scanPartition(txs, options, { index: 0, count: 2 });
    const p1 = scanPartition(txs, options, { index: 1, count: 2 });
    expect(() => mergePartitionScans([p0], options)).toThrow(RangeError);
    expect(() => mergePartitionScans([p0, p0], options)).toThrow(RangeError);
    expect(() => mergePartitionScans([p0, p1], { ...options, minScore: 90 })).toThrow(/configuration/);
    expect(() => scanPartition(txs, options, { index: 2, count: 2 })).toThrow(RangeError);
  });
});
