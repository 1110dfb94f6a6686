import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareRefs, compareShare } from '../../src/rules/_lib.js';

describe('rule helpers', () => {
  test('compareShare is the exact sign of part − share × whole (basis points), small and huge amounts alike', () => {
    const exact = (part: number, whole: number, share: number) => {
      const d = BigInt(part) * 10_000n - BigInt(Math.round(share * 10_000)) * BigInt(whole);
      return d > 0n ? 1 : d < 0n ? -1 : 0;
    };
    const amount = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
    fc.assert(fc.property(amount, amount, fc.integer({ min: 0, max: 30_000 }), (part, whole, bp) => {
      expect(compareShare(part, whole, bp / 10_000)).toBe(exact(part, whole, bp / 10_000));
    }), { numRuns: 2_000 });
    expect(compareShare(70, 100, 0.7)).toBe(0);
    expect(compareShare(69, 100, 0.7)).toBe(-1);
  });

  test('compareRefs orders by kind, then id', () => {
    const refs = [{ kind: 'party', id: 'A' }, { kind: 'account', id: 'B10' }, { kind: 'account', id: 'B1' }] as const;
    expect([...refs].sort(compareRefs).map((r) => `${r.kind}:${r.id}`)).toEqual(['account:B1', 'account:B10', 'party:A']);
  });
});
