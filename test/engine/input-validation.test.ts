import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createMonitor } from '../../src/engine/monitor.js';
import { scan } from '../../src/engine/scan.js';
import { checkTransaction } from '../../src/engine/validate-input.js';
import { parseTransaction } from '../../src/schema/transaction.js';
import type { Transaction } from '../../src/schema/transaction.js';
import { AU_LIKE, at, deposit, transfer } from '../helpers/builders.js';

/**
 * Issue 16, point 1: bad input never stalls or corrupts a monitor, never loses a batch, never passes
 * silently. Before: one transaction without a timestamp held 5,125 rows pending with 0 processed;
 * scan() threw RangeError and lost the batch; negative, fractional, string and 2^60 amounts passed.
 */

/** Near-threshold deposits into many accounts: every account alerts. */
const valid: Transaction[] = Array.from({ length: 60 }, (_, i) => deposit(`ACC${i % 12}`, 950_000, i * 2, { id: `ok${i}` }));
const opts = { jurisdiction: AU_LIKE, minScore: 0, latenessMs: 3_600_000 };

const bad = (fields: Record<string, unknown>, drop: string[] = []): Transaction => {
  const t: Record<string, unknown> = { ...deposit('ACC0', 950_000, 1), ...fields };
  for (const d of drop) delete t[d];
  return t as unknown as Transaction;
};

describe('a monitor keeps processing around bad input', () => {
  test.each([
    ['missing timestamp', bad({ id: 'x1' }, ['timestamp']), 'timestamp', 'required'],
    ['string timestamp', bad({ id: 'x2', timestamp: '2025-03-03T01:00:00Z' }), 'timestamp', 'invalid_type'],
    ['NaN timestamp', bad({ id: 'x3', timestamp: Number.NaN }), 'timestamp', 'invalid_timestamp'],
  ])('%s first, then valid rows: the rows are evaluated, the bad one rejected and counted', (_name, first, field, code) => {
    const m = createMonitor(opts);
    const u1 = m.push(first);
    expect(u1.rejected).toEqual([expect.objectContaining({ code: 'invalid_transaction', index: 0, issues: [expect.objectContaining({ field, code })] })]);
    const updates = [u1, m.push(valid), m.flush()];
    const alerted = new Set(updates.flatMap((u) => u.alerts).filter((a) => a.entity.kind === 'account').map((a) => a.entity.id));
    expect(alerted.size).toBe(12);
    const s = m.stats();
    expect(s).toMatchObject({ received: 61, processed: 60, pending: 0, rejected: 1 });
    // The alerts are exactly those of the valid rows alone.
    const alone = createMonitor(opts);
    const clean = [alone.push(valid), alone.flush()].flatMap((u) => u.alerts);
    expect(updates.flatMap((u) => u.alerts)).toEqual(clean);
  });

  test('received = processed + pending + duplicates + late + rejected, whatever is pushed', () => {
    const junk = fc.oneof(
      fc.constantFrom<unknown>(null, undefined, 42, 'T1', [], {}),
      fc.record({ id: fc.string(), timestamp: fc.oneof(fc.double(), fc.string()), amount: fc.oneof(fc.double(), fc.string()) }),
    );
    const item = fc.oneof(
      { weight: 4, arbitrary: fc.record({ n: fc.nat({ max: 80 }), h: fc.integer({ min: 0, max: 200 }), cur: fc.constantFrom('AUD', 'AUD', 'USD') })
        .map(({ n, h, cur }) => deposit(`A${n % 7}`, 950_000, h, { id: `v${n}`, currency: cur }) as unknown) },
      { weight: 1, arbitrary: junk },
    );
    fc.assert(
      fc.property(fc.array(fc.array(item, { maxLength: 12 }), { maxLength: 10 }), fc.boolean(), (batches, flush) => {
        const m = createMonitor({ ...opts, latenessMs: 5 * 3_600_000 });
        for (const b of batches) m.push(b as Transaction[]);
        if (flush) m.flush();
        const s = m.stats();
        expect(s.received).toBe(batches.flat().length);
        expect(s.processed + s.pending + s.duplicates + s.late + s.rejected).toBe(s.received);
      }),
      { numRuns: 200 },
    );
  });
});

describe('scan never loses the batch', () => {
  test('a NaN timestamp is a rejection, and the other transactions give their alerts', () => {
    const input = [...valid.slice(0, 30), bad({ id: 'nan', timestamp: Number.NaN }), ...valid.slice(30)];
    const r = scan(input, opts);
    expect(r.rejections).toEqual([expect.objectContaining({ id: 'nan', code: 'invalid_transaction', index: 30 })]);
    expect(r.alerts).toEqual(scan(valid, opts).alerts);
    expect(r.summary).toEqual({ transactions: 61, processed: 60, duplicates: 0, rejected: 1 });
  });

  test('every problem of a record is collected, with its field and a stable code', () => {
    const r = scan([bad({ amount: -5, kind: 'deposit', currency: 'XXQ', channel: 'pigeon', toCountry: 'Atlantis' }, ['id'])], opts);
    const rej = r.rejections[0];
    expect(rej).toMatchObject({ id: '', code: 'invalid_transaction', index: 0 });
    expect(rej?.code === 'invalid_transaction' ? rej.issues.map((i) => `${i.field}:${i.code}`) : []).toEqual([
      'id:required', 'currency:unknown_currency', 'amount:amount_not_positive', 'kind:invalid_value', 'channel:invalid_value', 'toCountry:invalid_country',
    ]);
    expect(rej?.message).toMatch(/input 0 \(no usable id\) not evaluated: id: is required; currency/);
  });

  test.each([
    ['negative', -950_000, 'amount_not_positive'],
    ['zero', 0, 'amount_not_positive'],
    ['fractional', 9500.5, 'invalid_amount'],
    ['string', '9500.00', 'invalid_type'],
    ['2^60', 2 ** 60, 'amount_too_large'],
    ['Infinity', Number.POSITIVE_INFINITY, 'invalid_amount'],
  ])('a %s amount is rejected, not evaluated', (_name, amount, code) => {
    const r = scan([bad({ id: 'amt', amount })], opts);
    expect(r.rejections).toEqual([expect.objectContaining({ id: 'amt', issues: [expect.objectContaining({ field: 'amount', code })] })]);
    expect(r.summary.processed).toBe(0);
  });

  test('transfers need both accounts, withdrawals the originator, deposits the beneficiary', () => {
    expect(checkTransaction({ ...transfer('A', 'B', 100, 0), toAccount: undefined }).map((i) => i.field)).toEqual(['toAccount']);
    expect(checkTransaction({ id: 'w', timestamp: at(0), amount: 100, currency: 'AUD', kind: 'cash_withdrawal' }).map((i) => i.field)).toEqual(['fromAccount']);
    expect(checkTransaction(deposit('A', 100, 0))).toEqual([]);
  });

  test('values that are not objects at all', () => {
    const r = scan([null, undefined, 7, 'T1', [1]] as unknown as Transaction[], opts);
    expect(r.rejections.map((x) => x.code === 'invalid_transaction' && x.issues[0]?.code)).toEqual(Array(5).fill('malformed_row'));
  });
});

describe('parseTransaction: typed results for anything, all problems at once', () => {
  test.each([null, undefined, 42, 'row', [1, 2]])('parseTransaction(%s) is a malformed_row result, not a TypeError', (value) => {
    expect(parseTransaction(value)).toEqual({ ok: false, issues: [expect.objectContaining({ field: '', code: 'malformed_row' })] });
  });

  test('a row with three bad fields reports all three', () => {
    const r = parseTransaction({ id: 'T1', timestamp: 'yesterday', amount: '-5', currency: 'AUD', kind: 'deposit', to_account: 'A' });
    expect(r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['kind:invalid_value', 'timestamp:invalid_timestamp', 'amount:amount_not_positive']);
  });
});

describe('readers: the same guarantees for objects', () => {
  test('an iterable with non-objects and a row with three bad fields: each rejected with every issue, the valid row accepted', async () => {
    const { ingestTransactions } = await import('../../src/ingest/index.js');
    const rows = [null, 5, 'x', { id: 'T1', timestamp: 'yesterday', amount: '-5', currency: 'AUD', kind: 'deposit', to_account: 'A' },
      { id: 'T2', timestamp: '2025-03-01T09:30:00Z', amount: '9500.00', currency: 'AUD', kind: 'cash_deposit', to_account: 'A' }];
    const accepted: Transaction[] = [];
    const s = await ingestTransactions(rows, {}, (b) => accepted.push(...b.transactions));
    expect(s).toMatchObject({ read: 5, accepted: 1, rejected: 4, duplicates: 0 });
    expect(s.issues.map((i) => `${i.row}:${i.field}:${i.code}`)).toEqual([
      '1::malformed_row', '2::malformed_row', '3::malformed_row', '4:kind:invalid_value', '4:timestamp:invalid_timestamp', '4:amount:amount_not_positive',
    ]);
    expect(accepted.map((t) => t.id)).toEqual(['T2']);
  });
});

test('scanPartition rejects invalid values the same way (every partition reports them)', async () => {
  const { scanPartition, mergePartitionScans } = await import('../../src/engine/partitioned-scan.js');
  const input = [...valid, bad({ id: 'nan', timestamp: Number.NaN })];
  const parts = [0, 1].map((index) => scanPartition(input, opts, { index, count: 2 }));
  for (const p of parts) expect(p.rejections).toEqual([expect.objectContaining({ id: 'nan', code: 'invalid_transaction' })]);
  expect(mergePartitionScans(parts, opts)).toEqual(scan(input, opts));
});
