import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createSpillBuffer, decodeTransaction, encodeTransaction } from '../../src/ingest/spill-codec.js';
import type { Transaction } from '../../src/schema/transaction.js';

const text = fc.oneof({ arbitrary: fc.string({ maxLength: 12, unit: 'grapheme' }), weight: 9 }, { arbitrary: fc.constant('€𝄞'.repeat(30_000)), weight: 1 });
const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

/** Rows with every field optional where the schema allows it, non-ASCII and text long enough for the u32 length. */
const arbRow = fc.record({
  id: text, timestamp: fc.integer({ min: 0, max: 2 ** 42 }), amount: fc.integer({ min: 1, max: 2 ** 50 }),
  currency: fc.constantFrom('MYR', 'USD', 'THB'), kind: fc.constantFrom('cash_deposit', 'cash_withdrawal', 'transfer'),
  channel: optional(fc.constantFrom('branch', 'atm', 'online')), fromAccount: optional(text), fromName: optional(text),
  toAccount: optional(text), toName: optional(text), conductor: optional(text), location: optional(text), reference: optional(text),
  attributes: optional(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 8 }), { maxKeys: 3 })),
}).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as unknown as Transaction);

describe('spill codec: records in a row', () => {
  test('each record decodes to its row, and the next record starts where its length says', () => {
    let withConductor = 0;
    let long = 0;
    fc.assert(
      fc.property(fc.array(arbRow, { minLength: 1, maxLength: 6 }), (rows) => {
        const out = createSpillBuffer(64);
        for (const tx of rows) encodeTransaction(out, tx);
        let off = 0;
        for (const tx of rows) {
          expect(decodeTransaction(out.buf, off)).toEqual(tx);
          if (tx.conductor !== undefined) withConductor++;
          if (JSON.stringify(tx).length > 30_000) long++;
          off += 4 + out.buf.readUInt32LE(off);
        }
        expect(off).toBe(out.off);
      }),
      { numRuns: 200, seed: 7 },
    );
    // The cases the walk must get right: optional fields present (a conductor) and fields long enough for the u32 length.
    expect(withConductor).toBeGreaterThan(100);
    expect(long).toBeGreaterThan(50);
  });
});
