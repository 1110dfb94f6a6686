import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isoInstant } from '../../src/_internal/iso-instant.js';

const END = 253_402_300_800_000; // 10000-01-01T00:00:00.000Z

describe('isoInstant writes what Date.prototype.toISOString writes', () => {
  test('any whole millisecond from 1970 to 9999, and days far apart that share a table slot', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: END - 1 }), (ms) => {
      expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    }), { numRuns: 5000 });
    // Days 1024 apart share a slot: each must replace the other's date part.
    const day = 86_400_000;
    for (const ms of [0, 1024 * day + 1, 5, 2048 * day + 86_399_999, 1_700_000_000_123]) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });

  test('the edges: the first and last millisecond of a day, of 1970 and of year 9999', () => {
    for (const ms of [0, 1, 86_399_999, 86_400_000, 951_782_400_000 /* 2000-02-29 */, END - 1]) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });

  test('outside the range, or not a whole millisecond: the builtin answers (or throws)', () => {
    for (const ms of [-1, -86_400_001, END, END + 1, 1.5, 8.64e15]) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
    expect(() => isoInstant(Number.NaN)).toThrow(RangeError);
    expect(() => isoInstant(8.64e15 + 1)).toThrow(RangeError);
  });
});
