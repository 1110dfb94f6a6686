import type { DistinctKey } from './distinct-keys.js';

/**
 * Distinct keys with counts, without a FIFO of its own: for rule states under the engine's
 * {@link RuleIncremental} contract, where the engine's window already is the FIFO and tells the
 * state which event leaves (`leave`), so the state stores nothing per entry. One live key is held
 * in the object itself (about 50 bytes: most accounts have one sender, one region, one payee in a
 * window); from the second a Map holds them (about 85 bytes per live key, see
 * {@link createDistinctKeys}) — a Map for every set cost about 200 bytes even with one key, and
 * rule states hold several per account. Not JSON-safe as it stands (the Map); rule states are
 * rebuilt from the window on restore, so they need no snapshot. Read it with
 * {@link countedKeysGet} and `size`.
 * @category Incremental
 */
export interface CountedKeys<K extends DistinctKey = DistinctKey> {
  /** Live keys (count ≥ 1). */
  size: number;
  /** The live key while there is at most one and no Map. */
  key: K | undefined;
  /** Its count. */
  count: number;
  /** Every live key with its count, from the second key on (kept once created). */
  map: Map<K, number> | undefined;
}

/**
 * An empty counted-key set.
 * @category Incremental
 * @example const senders = createCountedKeys<string>(); countedKeysAdd(senders, 'acct-17'); senders.size; // 1
 */
export function createCountedKeys<K extends DistinctKey = DistinctKey>(): CountedKeys<K> {
  return { size: 0, key: undefined, count: 0, map: undefined };
}

/**
 * The count of `key` (0 when it is not live). O(1).
 * @category Incremental
 * @example if (countedKeysGet(senders, 'acct-17') === 1) newSender = true;
 */
export function countedKeysGet<K extends DistinctKey>(c: CountedKeys<K>, key: K): number {
  if (c.map !== undefined) return c.map.get(key) ?? 0;
  return c.size === 1 && c.key === key ? c.count : 0;
}

/**
 * Counts one more entry of `key`; returns its new count (1 when the key just became live). O(1).
 * @category Incremental
 * @example if (countedKeysAdd(regions, 'c:BD') === 1) distinctCountries++;
 */
export function countedKeysAdd<K extends DistinctKey>(c: CountedKeys<K>, key: K): number {
  if (c.map === undefined) {
    if (c.size === 0) {
      c.key = key;
      c.count = 1;
      c.size = 1;
      return 1;
    }
    if (c.key === key) return ++c.count;
    c.map = new Map([[c.key as K, c.count]]);
    c.key = undefined;
    c.count = 0;
  }
  const n = (c.map.get(key) ?? 0) + 1;
  c.map.set(key, n);
  c.size = c.map.size;
  return n;
}

/**
 * Counts one entry of `key` less; returns its new count (0 when the key just left, and is then
 * deleted). O(1).
 * @category Incremental
 * @throws RangeError when `key` has no entry (a leave without its enter: a broken transition).
 * @example if (countedKeysRemove(regions, 'c:BD') === 0) distinctCountries--;
 */
export function countedKeysRemove<K extends DistinctKey>(c: CountedKeys<K>, key: K): number {
  if (c.map === undefined) {
    if (c.size !== 1 || c.key !== key) throw new RangeError(`CountedKeys: remove of ${String(key)}, which has no entry`);
    if (--c.count === 0) {
      c.size = 0;
      c.key = undefined;
    }
    return c.count;
  }
  const n = c.map.get(key);
  if (n === undefined) throw new RangeError(`CountedKeys: remove of ${String(key)}, which has no entry`);
  if (n === 1) {
    c.map.delete(key);
    c.size = c.map.size;
    return 0;
  }
  c.map.set(key, n - 1);
  return n - 1;
}

/**
 * The live keys with their counts, in the order they became live (Map order from the second key).
 * O(live keys); for tests and inspection.
 * @category Incremental
 * @example countedKeysEntries(senders); // [['acct-17', 2]]
 */
export function countedKeysEntries<K extends DistinctKey>(c: CountedKeys<K>): [K, number][] {
  if (c.map !== undefined) return [...c.map];
  return c.size === 1 ? [[c.key as K, c.count]] : [];
}
