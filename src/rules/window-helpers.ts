import { eachRecent as eachRecentInternal } from './_lib.js';
import type { EntityWindow, WindowEvent } from './types.js';

/**
 * The events inside an entity's window, oldest first: `window.events` from `window.start` on.
 * `window.events` itself may still hold expired events before `start` (the engine trims it lazily),
 * so a rule that reads `events.length` or loops from 0 counts events that have left the window —
 * and gives different answers depending on when the engine last trimmed, so a monitor restored
 * from a checkpoint disagrees with an uninterrupted one. Read the window through this (or
 * {@link eachRecent}) instead.
 *
 * The window spans what the longest enabled rule needs (its retention), which may be longer than
 * your rule's own `windowMs`: to look back over your own span use
 * `eachRecent(window, newestTs - windowMs, visit)`. Allocates a copy when `start > 0`; for hot
 * loops prefer {@link eachRecent} or {@link windowSize}.
 * @category Rules
 * @example
 * // A custom rule: twenty or more transactions within its own seven days.
 * const WEEK = 7 * 86_400_000;
 * const busy: Rule<'busy_account'> = {
 *   id: 'busy_account', indicators: ['X-01'], family: 'network_flow', entities: ['account'],
 *   windowMs: WEEK, options: {}, description: 'Twenty or more transactions in a week.',
 *   evaluate: (w) => {
 *     const all = windowEvents(w);                 // never w.events: it may hold expired events
 *     const now = all[all.length - 1]!.ts;
 *     const recent: WindowEvent[] = [];
 *     eachRecent(w, now - WEEK, (e) => { recent.push(e); });
 *     if (recent.length < 20) return [];
 *     return [{ rule: 'busy_account', indicators: ['X-01'], entity: { kind: w.kind, id: w.id }, strength: 1,
 *       window: { from: recent[recent.length - 1]!.ts, to: now }, transactionIds: recent.map((e) => e.id).reverse(),
 *       reason: `Possible busy-account pattern: ${recent.length} transactions in seven days.`, facts: { count: recent.length } }];
 *   },
 * };
 */
export function windowEvents(window: EntityWindow): readonly WindowEvent[] {
  return window.start === 0 ? window.events : window.events.slice(window.start);
}

/**
 * How many events are inside the window: `events.length - start`, never `events.length`.
 * @category Rules
 * @example if (windowSize(window) < 3) return [];
 */
export function windowSize(window: EntityWindow): number {
  return window.events.length - window.start;
}

/**
 * Visits the window's events newest first while `ts >= from`, stopping early when `visit`
 * returns false; never visits an expired event. The newest event is the one being evaluated.
 * The loop every shipped rule uses; O(events visited), no allocation.
 * @category Rules
 * @example
 * let deposits = 0;
 * eachRecent(window, newestTs - 86_400_000, (e) => { if (e.kind === 'cash_deposit') deposits++; });
 */
export function eachRecent(window: EntityWindow, from: number, visit: (e: WindowEvent) => boolean | void): void {
  eachRecentInternal(window, from, visit);
}
