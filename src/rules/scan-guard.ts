/**
 * The guard on one evaluation's window scans (internal; the `maxScan` option of the rules that
 * still read their window): how many events an evaluation may read, and whether a scan stopped
 * there with events of its span unread. The defaults are far above any account in the benchmark or
 * the scenario bank — a guard against a pathological hub, not a performance cap that changes
 * results — and a hit raised after a scan stopped at the guard says so in `facts.scanLimit`.
 */
import type { EntityWindow, HitFacts, WindowEvent } from './types.js';

/** @internal A scan guard for one evaluation. */
export interface ScanGuard {
  /** Most events one scan may read. */
  readonly limit: number;
  /** Set when a scan stopped at `limit` while events of its span were still unread. */
  reached: boolean;
}

/** @internal A fresh guard of `limit` events (one per evaluation: it records whether any scan of it was cut short). */
export function scanGuard(limit: number): ScanGuard {
  return { limit, reached: false };
}

/**
 * @internal Visits the window's events newest first back to `from` (inclusive), at most
 * `guard.limit` of them; `visit` returns `false` to stop. Stopping at the guard with an event at or
 * after `from` unread marks the guard reached.
 */
export function scanRecent(window: EntityWindow, from: number, guard: ScanGuard, visit: (e: WindowEvent) => boolean | void): void {
  const { events, start } = window;
  let read = 0;
  for (let i = events.length - 1; i >= start; i--) {
    const e = events[i] as WindowEvent;
    if (e.ts < from) return;
    if (read === guard.limit) {
      guard.reached = true;
      return;
    }
    read++;
    if (visit(e) === false) return;
  }
}

/**
 * @internal Records where a newest-first loop of its own stopped: `read` events read, `next` the
 * index of the first one not read. The guard is reached when the loop stopped for the limit while
 * that event is still at or after `from`.
 */
export function noteStop(guard: ScanGuard, window: EntityWindow, read: number, next: number, from: number): void {
  if (read >= guard.limit && next >= window.start && (window.events[next] as WindowEvent).ts >= from) guard.reached = true;
}

/**
 * @internal Whether more than `guard.limit` events lie at or after `from` (binary search, O(log n)):
 * the check of the rules that do not judge such an account at all (a total that cannot be read whole
 * would be undercounted). Marks the guard reached when so.
 */
export function beyondGuard(window: EntityWindow, from: number, guard: ScanGuard): boolean {
  const { events, start } = window;
  const cut = events.length - 1 - guard.limit;
  if (cut >= start && (events[cut] as WindowEvent).ts >= from) guard.reached = true;
  return guard.reached;
}

/**
 * @internal Index of the oldest event at or after `from` among the window's newest `guard.limit`
 * (binary search): where a rule's own oldest-first pass over its span starts. Marks the guard
 * reached when events at or after `from` lie beyond them. The newest event must be at or after `from`.
 */
export function guardedStart(window: EntityWindow, from: number, guard: ScanGuard): number {
  const { events, start } = window;
  beyondGuard(window, from, guard);
  let lo = Math.max(start, events.length - guard.limit);
  for (let hi = events.length - 1; lo < hi; ) {
    const mid = (lo + hi) >> 1;
    if ((events[mid] as WindowEvent).ts < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** @internal `facts` with `scanLimit` (the guard's limit) added when a scan was cut short at the guard. */
export function guardFacts<F extends HitFacts>(facts: F, guard: ScanGuard): F {
  return guard.reached ? { ...facts, scanLimit: guard.limit } : facts;
}
