import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { packPartitionScan, unpackPartitionScan } from '../../src/engine/packed-candidates.js';
import { mergePartitionScans, scanPartition, type PartitionScan } from '../../src/engine/partitioned-scan.js';
import { scan } from '../../src/engine/scan.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, at, streamedAndBatch } from '../helpers/builders.js';

/** Noise: cash and transfers of a few holders at two ATMs and a CDM of one site (and one elsewhere), on a few days, minutes apart. */
const arbNoise = fc.array(
  fc.record({
    kind: fc.constantFrom('cash_withdrawal', 'cash_withdrawal', 'cash_deposit', 'transfer') as fc.Arbitrary<Transaction['kind']>,
    a: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
    b: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'X'),
    location: fc.constantFrom('S-K-A01', 'S-K-A01', 'S-K-A02', 'S-K-C01', 'S-P-A01'),
    day: fc.constantFrom(0, 1, 30, 31, 60, 95),
    minute: fc.integer({ min: 0, max: 150 }),
    amount: fc.constantFrom(40_000, 42_000, 50_000, 90_000),
  }),
  { maxLength: 30 },
);
const DAYS = [0, 1, 30, 31, 60, 95];
/** A crew's card sessions (members minutes apart at one ATM on some days) and a payer's hand-overs to a collector, near or past the joins' bounds. */
const arbWorld = fc.record({
  crew: fc.subarray(['A', 'B', 'C', 'D', 'E'], { minLength: 2 }),
  crewDays: fc.subarray(DAYS, { minLength: 2 }),
  gap: fc.integer({ min: 0, max: 20 }),
  payer: fc.constantFrom('A', 'B', 'F'),
  collector: fc.constantFrom('C', 'G'),
  payDays: fc.subarray(DAYS, { minLength: 2 }),
  lag: fc.integer({ min: -10, max: 130 }),
  deposit: fc.constantFrom(35_000, 40_000, 48_000, 52_000),
  noise: arbNoise,
}).map((w) => {
  const txs: Transaction[] = [];
  let n = 0;
  const id = (): string => `T${String(n++).padStart(3, '0')}`;
  for (const d of w.crewDays) w.crew.forEach((h, i) => txs.push({ id: id(), timestamp: at(d * 24 + 18 + (i * w.gap) / 60), amount: 50_000, currency: 'AUD', kind: 'cash_withdrawal', fromAccount: h, location: 'S-K-A02' }));
  for (const d of w.payDays) {
    txs.push({ id: id(), timestamp: at(d * 24 + 12), amount: 40_000, currency: 'AUD', kind: 'cash_withdrawal', fromAccount: w.payer, location: 'S-K-A01' });
    txs.push({ id: id(), timestamp: at(d * 24 + 12 + w.lag / 60), amount: w.deposit, currency: 'AUD', kind: 'cash_deposit', toAccount: w.collector, location: 'S-K-C01' });
  }
  for (const r of w.noise) {
    const base = { id: id(), timestamp: at(r.day * 24 + 9 + r.minute / 60), amount: r.amount, currency: 'AUD', kind: r.kind };
    txs.push(r.kind === 'transfer' ? { ...base, fromAccount: r.a, toAccount: r.b } : r.kind === 'cash_withdrawal' ? { ...base, fromAccount: r.a, location: r.location } : { ...base, toAccount: r.a, location: r.location });
  }
  return txs;
});

const isCashJoin = (json: string): boolean => json.includes('"structure":"card_session"') || json.includes('"structure":"cash_handover"');

describe('cash joins over random cash worlds', () => {
  test('1 partition = N partitions packed as the CLI\'s workers send them = stream (worlds with and without a cash join counted)', () => {
    let joined = 0;
    let quiet = 0;
    fc.assert(
      fc.property(arbWorld, fc.integer({ min: 2, max: 4 }), (txs, n) => {
        const options = { jurisdiction: AU_LIKE, minScore: 0 };
        const whole = JSON.stringify(scan(txs, options));
        if (isCashJoin(whole)) joined++;
        else quiet++;
        const throughThread = (part: PartitionScan) => {
          const { packed, transfer } = packPartitionScan(part);
          return unpackPartitionScan(structuredClone(packed, { transfer }));
        };
        const parts = Array.from({ length: n }, (_, index) => scanPartition(txs, options, { index, count: n }));
        expect(JSON.stringify(mergePartitionScans(parts.map(throughThread).reverse(), options))).toBe(whole);
        const { streamed, batch } = streamedAndBatch(txs, AU_LIKE);
        expect(streamed).toEqual(batch);
      }),
      { numRuns: 150, seed: 13 },
    );
    // The property must exercise the joins, not only quiet worlds.
    expect(joined).toBeGreaterThanOrEqual(20);
    expect(quiet).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
