import type { DistinctKey } from './distinct-keys.js';

/**
 * Distinct keys with counts, without a FIFO of its own: for rule states under the engine's
 * {@link RuleIncremental} contract, where the engine's window already is the FIFO and tells the
 * state which event leaves (`leave`), so the state stores nothing per entry — only one Map entry
 * per live key (about 85 bytes, see {@link createDistinctKeys}). Not JSON-safe as it stands (the
 * Map); rule states are rebuilt from the window on restore, so they need no snapshot.
 * @category Incremental
 */
export type CountedKeys<K extends DistinctKey = DistinctKey> = Map<K, number>;

/**
 * An empty counted-key set.
 * @category Incremental
 * @example const senders = createCountedKeys<string>(); countedKeysAdd(senders, 'acct-17'); senders.size; // 1
 */
export function createCountedKeys<K extends DistinctKey = DistinctKey>(): CountedKeys<K> {
  return new Map();
}

/**
 * Counts one more entry of `key`; returns its new count (1 when the key just became live). O(1).
 * @category Incremental
 * @example if (countedKeysAdd(regions, 'c:BD') === 1) distinctCountries++;
 */
export function countedKeysAdd<K extends DistinctKey>(c: CountedKeys<K>, key: K): number {
  const n = (c.get(key) ?? 0) + 1;
  c.set(key, n);
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
  const n = c.get(key);
  if (n === undefined) throw new RangeError(`CountedKeys: remove of ${String(key)}, which has no entry`);
  if (n === 1) {
    c.delete(key);
    return 0;
  }
  c.set(key, n - 1);
  return n - 1;
}
