import type { DistinctKey } from './distinct-keys.js';

/** Most entries held in the flat `pairs` array; a Map holds them from one more on (kept once created). */
export const KEYED_PAIRS_MAX = 8;

/**
 * A small map for per-entity rule states, in three forms by size: its one entry is held in the
 * object itself; from the second to {@link KEYED_PAIRS_MAX} entries a flat array (key, value, key,
 * value…, about 16 bytes an entry) searched linearly; a Map from one more on (kept once created).
 * Most accounts have one or two payers, payees or senders in a window, and a Map costs about 230
 * bytes with two entries — rule states hold several per account (a fifth of the engine's state on
 * the bench file). The form changes nothing observable: entries keep the order they were added in.
 * @category Incremental
 */
export interface Keyed<K extends DistinctKey, V> {
  /** Entries. */
  size: number;
  /** The entry's key while there is at most one entry and no array or Map. */
  key: K | undefined;
  value: V | undefined;
  /** Entries as key, value pairs, oldest first, while there are 2 to {@link KEYED_PAIRS_MAX} (the array stays once created, down to none). */
  pairs: (K | V)[] | undefined;
  map: Map<K, V> | undefined;
}

/**
 * An empty small map.
 * @category Incremental
 * @example const totals = createKeyed<string, number>(); keyedSet(totals, 'payer-1', 5000);
 */
export function createKeyed<K extends DistinctKey, V>(): Keyed<K, V> {
  return { size: 0, key: undefined, value: undefined, pairs: undefined, map: undefined };
}

/** Index of `key` in `pairs` (even), or -1. */
function pairIndex<K, V>(pairs: readonly (K | V)[], key: K): number {
  for (let i = 0; i < pairs.length; i += 2) if (pairs[i] === key) return i;
  return -1;
}

/**
 * The value of `key`, or undefined. O(1) (a linear scan of at most {@link KEYED_PAIRS_MAX} keys in the array form).
 * @category Incremental
 * @example const t = keyedGet(totals, 'payer-1');
 */
export function keyedGet<K extends DistinctKey, V>(k: Keyed<K, V>, key: K): V | undefined {
  if (k.map !== undefined) return k.map.get(key);
  if (k.pairs !== undefined) {
    const i = pairIndex(k.pairs, key);
    return i < 0 ? undefined : (k.pairs[i + 1] as V);
  }
  return k.size === 1 && k.key === key ? k.value : undefined;
}

/**
 * Sets the value of `key`. O(1).
 * @category Incremental
 * @example keyedSet(totals, 'payer-1', 5000);
 */
export function keyedSet<K extends DistinctKey, V>(k: Keyed<K, V>, key: K, value: V): void {
  if (k.map !== undefined) {
    k.map.set(key, value);
    k.size = k.map.size;
    return;
  }
  if (k.pairs !== undefined) {
    const pairs = k.pairs;
    const i = pairIndex(pairs, key);
    if (i >= 0) {
      pairs[i + 1] = value;
      return;
    }
    if (k.size < KEYED_PAIRS_MAX) {
      // A copy at the new size: push would reserve 17 more slots (about 140 bytes) for what is mostly two or three entries.
      const n = pairs.length;
      const grown = new Array<K | V>(n + 2);
      for (let j = 0; j < n; j++) grown[j] = pairs[j] as K | V;
      grown[n] = key;
      grown[n + 1] = value;
      k.pairs = grown;
      k.size++;
      return;
    }
    const map = new Map<K, V>();
    for (let j = 0; j < pairs.length; j += 2) map.set(pairs[j] as K, pairs[j + 1] as V);
    map.set(key, value);
    k.map = map;
    k.pairs = undefined;
    k.size = map.size;
    return;
  }
  if (k.size === 0 || k.key === key) {
    k.key = key;
    k.value = value;
    k.size = 1;
    return;
  }
  // An array literal is allocated at its size; push would reserve 17 slots more.
  k.pairs = [k.key as K, k.value as V, key, value];
  k.key = undefined;
  k.value = undefined;
  k.size = 2;
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
  if (k.pairs !== undefined) {
    const i = pairIndex(k.pairs, key);
    if (i < 0) return false;
    k.pairs.splice(i, 2);
    k.size--;
    return true;
  }
  if (k.size !== 1 || k.key !== key) return false;
  k.size = 0;
  k.key = undefined;
  k.value = undefined;
  return true;
}

/**
 * The entries in the order they were added. O(size); for tests and inspection.
 * @category Incremental
 * @example keyedEntries(totals); // [['payer-1', 5000]]
 */
export function keyedEntries<K extends DistinctKey, V>(k: Keyed<K, V>): [K, V][] {
  if (k.map !== undefined) return [...k.map];
  if (k.pairs !== undefined) {
    const out: [K, V][] = [];
    for (let i = 0; i < k.pairs.length; i += 2) out.push([k.pairs[i] as K, k.pairs[i + 1] as V]);
    return out;
  }
  return k.size === 1 ? [[k.key as K, k.value as V]] : [];
}
