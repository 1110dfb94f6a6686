import type { DistinctKey } from './distinct-keys.js';
import { createKeyed, keyedDelete, keyedEntries, keyedGet, keyedSet, type Keyed } from './keyed.js';

/**
 * Distinct keys with counts, without a FIFO of its own: for rule states under the engine's
 * {@link RuleIncremental} contract, where the engine's window already is the FIFO and tells the
 * state which event leaves (`leave`), so the state stores nothing per entry. A {@link Keyed} small
 * map of counts: one live key in the object itself (most accounts have one sender, one region, one
 * payee in a window), a Map from the second (about 85 bytes per live key, see
 * {@link createDistinctKeys}). Not JSON-safe as it stands (the Map); rule states are rebuilt from
 * the window on restore, so they need no snapshot. Read it with {@link countedKeysGet} and `size`.
 * @category Incremental
 */
export type CountedKeys<K extends DistinctKey = DistinctKey> = Keyed<K, number>;

/**
 * An empty counted-key set.
 * @category Incremental
 * @example const senders = createCountedKeys<string>(); countedKeysAdd(senders, 'acct-17'); senders.size; // 1
 */
export function createCountedKeys<K extends DistinctKey = DistinctKey>(): CountedKeys<K> {
  return createKeyed<K, number>();
}

/**
 * The count of `key` (0 when it is not live). O(1).
 * @category Incremental
 * @example if (countedKeysGet(senders, 'acct-17') === 1) newSender = true;
 */
export function countedKeysGet<K extends DistinctKey>(c: CountedKeys<K>, key: K): number {
  return keyedGet(c, key) ?? 0;
}

/**
 * Counts one more entry of `key`; returns its new count (1 when the key just became live). O(1).
 * @category Incremental
 * @example if (countedKeysAdd(regions, 'c:BD') === 1) distinctCountries++;
 */
export function countedKeysAdd<K extends DistinctKey>(c: CountedKeys<K>, key: K): number {
  const n = (keyedGet(c, key) ?? 0) + 1;
  keyedSet(c, key, n);
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
  const n = keyedGet(c, key);
  if (n === undefined) throw new RangeError(`CountedKeys: remove of ${String(key)}, which has no entry`);
  if (n === 1) {
    keyedDelete(c, key);
    return 0;
  }
  keyedSet(c, key, n - 1);
  return n - 1;
}

/**
 * The live keys with their counts, in the order they became live (Map order from the second key).
 * O(live keys); for tests and inspection.
 * @category Incremental
 * @example countedKeysEntries(senders); // [['acct-17', 2]]
 */
export function countedKeysEntries<K extends DistinctKey>(c: CountedKeys<K>): [K, number][] {
  return keyedEntries(c);
}
