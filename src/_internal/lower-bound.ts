/**
 * The first index in `[lo, hi)` at which `before(i)` is false, for a predicate that is true on a
 * prefix of the range and false after it (a sorted column searched for a key: `before(i)` is
 * "element i sorts before the key"); `hi` when it is true throughout. O(log n) calls.
 * @internal
 * @example const at = lowerBound(0, ts.length, (i) => ts[i] < from);
 */
export function lowerBound(lo: number, hi: number, before: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
