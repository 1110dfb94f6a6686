/**
 * Helpers shared by the incremental primitives: time-ordered FIFOs kept as plain number arrays
 * with a head index (JSON-safe as they stand), exact integer sums. Internal: not re-exported.
 */

/**
 * The one compaction policy of every head-indexed list (the primitives here, the engine's windows,
 * the rules' own series): drop a dead prefix once it is at least a quarter of the list, or at once
 * on lists of at most 16. Each entry is moved O(1) times over its life (amortised O(1) per entry)
 * and what a list holds beyond its live part stays below a third of it: memory follows the window,
 * not the history (a window of a few events no longer keeps up to 32 expired ones, with their
 * transactions, until the entity is evicted).
 */
function compactionDue(dead: number, length: number): boolean {
  return dead > 0 && (dead * 4 >= length || length <= 16);
}

function dropPrefix(list: unknown[], n: number, from = 0): void {
  list.copyWithin(from, from + n);
  list.length -= n;
}

/** Drops the dead prefix `[0, head)` of parallel arrays when {@link compactionDue}; returns the new head. */
export function compactHead(head: number, a: unknown[], b?: unknown[]): number {
  if (!compactionDue(head, a.length)) return head;
  dropPrefix(a, head);
  if (b !== undefined) dropPrefix(b, head);
  return 0;
}

/**
 * Drops the `dead` entries of `list` from index `from` on (default 0: its first ones) in place
 * when {@link compactionDue}; returns how many were dropped (0 or `dead`). A list that keeps a
 * header before its entries (a series with its head index in slot 0) passes `from` = 1.
 */
export function dropDeadPrefix(list: unknown[], dead: number, from = 0): number {
  if (!compactionDue(dead, list.length)) return 0;
  dropPrefix(list, dead, from);
  return dead;
}

/** Lists up to this length grow by an exact copy in {@link appendCompact}; longer ones as `push` does. */
const COMPACT_GROWTH_MAX = 16;

/**
 * Appends one entry, or two to four (`b`, `c`, `d` given), to a list that is mostly short — an
 * entity's window, a rule's per-account candidates — and returns the list to keep: up to 16 entries
 * a copy at the exact new size, from there on the same list after `push`. Push grows a short array
 * to 17 slots or more (about 140 bytes), and on a bank file most accounts hold one to three entries
 * per list, so short lists cost what they hold; the copies are O(16) and short-lived.
 */
export function appendCompact<T>(list: T[], a: T, b?: T, c?: T, d?: T): T[] {
  const n = list.length;
  const add = b === undefined ? 1 : c === undefined ? 2 : d === undefined ? 3 : 4;
  if (n + add > COMPACT_GROWTH_MAX) {
    if (b === undefined) list.push(a);
    else if (c === undefined) list.push(a, b);
    else if (d === undefined) list.push(a, b, c);
    else list.push(a, b, c, d);
    return list;
  }
  const out = new Array<T>(n + add);
  for (let i = 0; i < n; i++) out[i] = list[i] as T;
  out[n] = a;
  if (b !== undefined) out[n + 1] = b;
  if (c !== undefined) out[n + 2] = c;
  if (d !== undefined) out[n + 3] = d;
  return out;
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
