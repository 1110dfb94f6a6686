import { canonicalJson, stableHash } from '../_internal/hash.js';

/** One-shot iterators already read, by identity: a second engine from the same options gets the same items. */
let readOnce: WeakMap<object, readonly unknown[]> | undefined;

/**
 * The items of reference data given as any iterable, read exactly once. A one-shot iterator (an
 * object that is its own iterator, such as `map.values()` or a generator) is remembered by identity,
 * so options reused for a second `scan` or `createMonitor` see the same accounts instead of an
 * exhausted iterator (before: 19 alerts instead of 27, silently). Arrays and re-iterable collections
 * are read afresh each time, so later changes to them are seen.
 */
export function materialise<T>(items: Iterable<T> | undefined): readonly T[] {
  if (items === undefined) return [];
  if (Array.isArray(items)) return items as readonly T[];
  const oneShot = typeof (items as Partial<Iterator<T>>).next === 'function' && items[Symbol.iterator]() === (items as unknown);
  if (!oneShot) return [...items];
  readOnce ??= new WeakMap();
  let list = readOnce.get(items) as readonly T[] | undefined;
  if (list === undefined) {
    list = [...items];
    readOnce.set(items, list);
  }
  return list;
}

/** Count and order-independent hash of reference records keyed by `key` (the last record of a key wins, as in the engine). */
export function referenceFingerprint<T>(byKey: ReadonlyMap<string, T>): { count: number; hash: string } {
  const keys = [...byKey.keys()].sort();
  return { count: keys.length, hash: stableHash(canonicalJson(keys.map((k) => byKey.get(k)))) };
}
