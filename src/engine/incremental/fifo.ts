/**
 * Helpers shared by the incremental primitives: time-ordered FIFOs kept as plain number arrays
 * with a head index (JSON-safe as they stand), exact integer sums. Internal: not re-exported.
 */

/** A dead prefix shorter than this is never compacted (tiny windows would copy on every evict). */
const COMPACT_MIN = 32;

/**
 * Drops the dead prefix `[0, head)` of parallel arrays when it is at least half of them, so an
 * entry is copied O(1) times over its life (amortised O(1) eviction); returns the new head.
 */
export function compactHead(head: number, a: unknown[], b?: unknown[]): number {
  const length = a.length;
  if (head === length) {
    a.length = 0;
    if (b !== undefined) b.length = 0;
    return 0;
  }
  if (head < COMPACT_MIN || head * 2 < length) return head;
  a.splice(0, head);
  if (b !== undefined) b.splice(0, head);
  return 0;
}

/**
 * Drops the first `dead` entries of `list` in place when they are at least a quarter of it (or the
 * list is short), so an entry is moved O(1) times over its life (amortised O(1) per entry) and
 * what a list holds beyond its live part stays below a third of it: memory follows the window, not
 * the history (a window of a few events no longer keeps up to 32 expired ones, with their
 * transactions, until the entity is evicted). Returns how many entries were dropped (0 or `dead`).
 */
export function dropDeadPrefix(list: unknown[], dead: number): number {
  if (dead <= 0 || (dead * 4 < list.length && list.length > 16)) return 0;
  list.copyWithin(0, dead);
  list.length -= dead;
  return dead;
}

/** Throws unless `ts` is a safe-integer epoch-ms time no earlier than `last` (the newest entry). */
export function checkTime(ts: number, last: number | undefined, what: string): void {
  if (!Number.isSafeInteger(ts)) throw new RangeError(`${what}: time ${ts} is not an integer epoch-ms value`);
  if (last !== undefined && ts < last) throw new RangeError(`${what}: time ${ts} is earlier than the newest entry (${last}); add in non-decreasing time order`);
}

/** Throws unless `amount` is a safe integer (minor units). */
export function checkAmount(amount: number, what: string): void {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`${what}: amount ${amount} is not a safe integer in minor units`);
}

/** `a + b` for safe integers, exact; throws a RangeError when the result would not be exact. */
export function exactAdd(a: number, b: number, what: string): number {
  const r = a + b;
  if (!Number.isSafeInteger(r)) throw new RangeError(`${what}: sum ${a} + ${b} exceeds Number.MAX_SAFE_INTEGER`);
  return r;
}

/** Throws a TypeError naming the primitive when restored data has the wrong shape. */
export function badSnapshot(what: string, detail: string): never {
  throw new TypeError(`${what}: invalid snapshot (${detail})`);
}

/** True when `v` is an array of safe integers in non-decreasing order. */
export function isTimeColumn(v: unknown): v is number[] {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) {
    const t: unknown = v[i];
    if (typeof t !== 'number' || !Number.isSafeInteger(t) || (i > 0 && t < (v[i - 1] as number))) return false;
  }
  return true;
}
