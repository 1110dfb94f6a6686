import type { DistinctKey } from './distinct-keys.js';

/**
 * A small map for per-entity rule states: its one entry is held in the object itself (about 50
 * bytes) and a Map holds the entries from the second on (kept once created). Most accounts have one
 * payer, one payee, one sender in a window, and a Map costs about 200 bytes even with one entry —
 * rule states held several per account (a fifth of the engine's state on the bench file).
 * @category Incremental
 */
export interface Keyed<K extends DistinctKey, V> {
  /** Entries. */
  size: number;
  /** The entry's key while there is at most one entry and no Map. */
  key: K | undefined;
  value: V | undefined;
  map: Map<K, V> | undefined;
}

/**
 * An empty small map.
 * @category Incremental
 * @example const totals = createKeyed<string, number>(); keyedSet(totals, 'payer-1', 5000);
 */
export function createKeyed<K extends DistinctKey, V>(): Keyed<K, V> {
  return { size: 0, key: undefined, value: undefined, map: undefined };
}

/**
 * The value of `key`, or undefined. O(1).
 * @category Incremental
 * @example const t = keyedGet(totals, 'payer-1');
 */
export function keyedGet<K extends DistinctKey, V>(k: Keyed<K, V>, key: K): V | undefined {
  if (k.map !== undefined) return k.map.get(key);
  return k.size === 1 && k.key === key ? k.value : undefined;
}

/**
 * Sets the value of `key`. O(1).
 * @category Incremental
 * @example keyedSet(totals, 'payer-1', 5000);
 */
export function keyedSet<K extends DistinctKey, V>(k: Keyed<K, V>, key: K, value: V): void {
  if (k.map === undefined) {
    if (k.size === 0 || k.key === key) {
      k.key = key;
      k.value = value;
      k.size = 1;
      return;
    }
    k.map = new Map([[k.key as K, k.value as V]]);
    k.key = undefined;
    k.value = undefined;
  }
  k.map.set(key, value);
  k.size = k.map.size;
}

/**
 * Removes `key`; returns whether it was there. O(1).
 * @category Incremental
 * @example keyedDelete(totals, 'payer-1');
 */
export function keyedDelete<K extends DistinctKey, V>(k: Keyed<K, V>, key: K): boolean {
  if (k.map !== undefined) {
    const had = k.map.delete(key);
    k.size = k.map.size;
    return had;
  }
  if (k.size !== 1 || k.key !== key) return false;
  k.size = 0;
  k.key = undefined;
  k.value = undefined;
  return true;
}

/**
 * The entries in the order they were added (Map order from the second). O(size); for tests and inspection.
 * @category Incremental
 * @example keyedEntries(totals); // [['payer-1', 5000]]
 */
export function keyedEntries<K extends DistinctKey, V>(k: Keyed<K, V>): [K, V][] {
  if (k.map !== undefined) return [...k.map];
  return k.size === 1 ? [[k.key as K, k.value as V]] : [];
}
