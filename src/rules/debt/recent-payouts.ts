import { appendCompact, dropDeadPrefix } from '../../engine/incremental/fifo.js';
import type { RuleIncremental, WindowEvent } from '../types.js';

// An account's recent payouts to known accounts, kept on arrival and on leaving, so a rule reads
// the few outflows of a busy collecting account instead of every event of the last weeks.

/**
 * @internal The transfers out to a known account (`direction` out, `counterparty` set) with
 * `ts ≥ newest − horizon`, oldest first from `head`: exactly the events a newest-first window scan
 * back to `newest − horizon` would keep with that filter.
 */
export interface RecentPayouts {
  /** A shared empty list until the first payout; short lists grow by exact copies. */
  outs: WindowEvent[];
  /** Index of the oldest payout still inside the horizon. */
  head: number;
}

/** Shared by every state without a payout yet; never written (appendCompact copies short lists). */
const NONE: WindowEvent[] = [];

/** Whether an event is a payout to a known account. */
const isPayout = (e: WindowEvent): boolean => e.direction === 'out' && e.counterparty !== undefined;

/** @internal Transitions over one horizon (ms): payouts older than `newest − horizonMs` leave. */
export function recentPayouts(horizonMs: number): RuleIncremental<RecentPayouts> {
  return {
    horizonsMs: [horizonMs],
    init: () => ({ outs: NONE, head: 0 }),
    enter(s, e) {
      if (isPayout(e)) s.outs = appendCompact(s.outs, e);
    },
    leave(s, e) {
      // Events leave oldest first, so a payout that leaves is the head.
      if (s.outs[s.head] !== e) return;
      s.head++;
      s.head -= dropDeadPrefix(s.outs, s.head);
    },
  };
}

/** @internal Whether any payout in the state satisfies `test` (newest first; stops at the first). */
export function anyRecentPayout(s: RecentPayouts, test: (e: WindowEvent) => boolean): boolean {
  for (let i = s.outs.length - 1; i >= s.head; i--) if (test(s.outs[i] as WindowEvent)) return true;
  return false;
}
