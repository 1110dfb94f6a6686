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

  test('a list with a header slot drops the dead entries behind it, and only on the compaction schedule', () => {
    const series: (string | number)[] = [5, 'e1', 1, 'e2', 2, 'e3', 3];
    expect(dropDeadPrefix(series, 4, 1)).toBe(4);
    expect(series).toEqual([5, 'e3', 3]);
    const long: number[] = [0, ...Array.from({ length: 40 }, (_, i) => i)];
    expect(dropDeadPrefix(long, 4, 1)).toBe(0); // 4 dead of 41: not yet a quarter
    expect(long).toHaveLength(41);
  });
});
