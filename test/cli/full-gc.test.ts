import { describe, expect, test } from 'vitest';
import { runInNewContext } from 'node:vm';
import { getHeapStatistics } from 'node:v8';
import { collectGarbageNow } from '../../src/cli/full-gc.js';

describe('collectGarbageNow', () => {
  test('collects garbage now and leaves `gc` exposed to no context', () => {
    let garbage: { n: number; s: string }[] | undefined = Array.from({ length: 300_000 }, (_, n) => ({ n, s: `row ${n}` }));
    const held = getHeapStatistics().used_heap_size;
    expect(garbage.length).toBe(300_000);
    garbage = undefined;
    collectGarbageNow();
    const after = getHeapStatistics().used_heap_size;
    // 300k objects with their strings are well over 10 MB; a full collection takes them all.
    expect(held - after).toBeGreaterThan(10 * 2 ** 20);
    collectGarbageNow(); // again, from the function it kept
    expect(runInNewContext('typeof gc')).toBe('undefined');
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe('undefined');
  });
});
