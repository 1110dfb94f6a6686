import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { appendCompact, dropDeadPrefix } from '../../src/engine/incremental/fifo.js';

describe('appendCompact', () => {
  test('appends entries and pairs in order across the exact-copy limit (16) and into push growth', () => {
    let shortCopies = 0;
    let pushes = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.tuple(fc.integer(), fc.integer())), { minLength: 15, maxLength: 40 }), (ops) => {
        let list: number[] = [];
        const expected: number[] = [];
        for (const op of ops) {
          const before = list;
          list = Array.isArray(op) ? appendCompact(list, op[0], op[1]) : appendCompact(list, op);
          if (Array.isArray(op)) expected.push(op[0], op[1]);
          else expected.push(op);
          // Short lists come back as a new array at their size; longer ones are the same array, pushed.
          if (list.length <= 16) {
            expect(list).not.toBe(before);
            shortCopies++;
          } else if (before.length > 16 - (Array.isArray(op) ? 2 : 1)) {
            expect(list).toBe(before);
            pushes++;
          }
          expect(list).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
    expect(shortCopies).toBeGreaterThan(100);
    expect(pushes).toBeGreaterThan(100);
  });

  test('a list appended compactly still drops its dead prefix in place', () => {
    let list: string[] = [];
    for (const x of ['a', 'b', 'c', 'd']) list = appendCompact(list, x);
    expect(dropDeadPrefix(list, 2)).toBe(2);
    expect(list).toEqual(['c', 'd']);
    list = appendCompact(list, 'e', 'f');
    expect(list).toEqual(['c', 'd', 'e', 'f']);
  });
});
