import { appendCompact, dropDeadPrefix } from '../../engine/incremental/fifo.js';
import { createKeyed, keyedDelete, keyedGet, keyedSet, type Keyed } from '../../engine/incremental/keyed.js';
import type { RuleIncremental, WindowEvent } from '../types.js';

/**
 * @internal Per-payer series of an account's inflows over one horizon (the "own payments" of a
 * sender, matched by the raw sender fields as {@link ownPayments} matches them), kept on arrival and
 * on leaving, so a rule reads one payer's recent payments in O(their count) instead of re-scanning
 * the window. Each entry carries its position in the entity's event sequence, so the bound of a
 * window scan (`maxScan` newest events) applies exactly as before. Positions are relative: after a
 * checkpoint the replayed window gives other absolute numbers but the same distances.
 */
export interface OwnPaymentsState {
  /** Events entered so far (the position of the next one). */
  seq: number;
  /** Created at the first inflow (most accounts in a window have none or few). */
  byPayer: Keyed<string, PayerSeries> | undefined;
}

/**
 * One payer's inflows with their positions, flat, after the index of its oldest live entry: head,
 * event, position, event, position… (`head` is odd: the first live event). One array per payer,
 * created at the exact size of its first entry: most payers pay an account once in a window (two
 * arrays and an object per payer were a sixth of the engine's state on the bench file; the head
 * kept in the array saves the object).
 */
type PayerSeries = (WindowEvent | number)[];

/**
 * The raw-sender key of an inflow: same kind and same written sender (transfer: account and name;
 * cash: conductor, name and reference). A transfer with an account and no name is keyed by the
 * account itself (no new string per event); every other key is JSON, which starts with `[`, so an
 * account id that does is written as JSON too.
 */
function payerKey(e: WindowEvent): string | undefined {
  if (e.direction !== 'in') return undefined;
  if (e.kind === 'transfer') {
    const cp = e.counterparty;
    if (cp !== undefined && e.counterpartyName === undefined && !cp.startsWith('[')) return cp;
    return JSON.stringify(['t', cp ?? null, e.counterpartyName ?? null]);
  }
  if (e.kind === 'cash_deposit') return JSON.stringify(['c', e.conductor ?? null, e.counterpartyName ?? null, e.tx.reference ?? null]);
  return undefined;
}

/** @internal Transitions over one horizon (ms): inflows older than `newest − horizonMs` leave. */
export function ownPaymentsState(horizonMs: number): RuleIncremental<OwnPaymentsState> {
  return {
    horizonsMs: [horizonMs],
    init: () => ({ seq: 0, byPayer: undefined }),
    enter(s, e) {
      const seq = s.seq++;
      const key = payerKey(e);
      if (key === undefined) return;
      const byPayer = (s.byPayer ??= createKeyed());
      const series = keyedGet(byPayer, key);
      if (series === undefined) keyedSet(byPayer, key, [1, e, seq]);
      else {
        const grown = appendCompact(series, e, seq);
        if (grown !== series) keyedSet(byPayer, key, grown);
      }
    },
    leave(s, e) {
      const key = payerKey(e);
      if (key === undefined) return;
      const byPayer = s.byPayer as Keyed<string, PayerSeries>;
      const series = keyedGet(byPayer, key) as PayerSeries;
      const head = (series[0] as number) + 2;
      if (head === series.length) {
        keyedDelete(byPayer, key);
        return;
      }
      // Slots 1 … head − 1 are dead: dropped behind the head slot on the FIFO's schedule.
      series[0] = head - dropDeadPrefix(series, head - 1, 1);
    },
  };
}

/**
 * @internal The newest event's payer's inflows inside the horizon, oldest first, among the
 * `maxScan` newest events of the entity — exactly what a newest-first scan of at most `maxScan`
 * events back to the horizon finds. The newest event must have entered last.
 */
export function ownPaymentsOf(s: OwnPaymentsState, last: WindowEvent, maxScan: number): WindowEvent[] {
  const key = payerKey(last);
  const series = key === undefined || s.byPayer === undefined ? undefined : keyedGet(s.byPayer, key);
  if (series === undefined) return [];
  const newest = s.seq - 1;
  const head = series[0] as number;
  let i = series.length;
  while (i > head && newest - (series[i - 1] as number) < maxScan) i -= 2;
  const out: WindowEvent[] = [];
  for (; i < series.length; i += 2) out.push(series[i] as WindowEvent);
  return out;
}

