import { countedKeysAdd, countedKeysRemove, createCountedKeys, type CountedKeys } from '../../engine/incremental/index.js';
import type { EntityWindow, RuleContext, RuleIncremental, WindowEvent } from '../types.js';
import { DAY_MS } from '../_lib.js';
import { isOrganisation, payerOf } from '../_payments.js';
import { isExcludedPayment, matchEvent, touchesCorridor, type CompiledFees } from './fee-amounts.js';

/** A payment that can count for {@link feeMatch}, classified once when it enters. */
interface Candidate {
  readonly event: WindowEvent;
  /** The payer's key (payers as {@link payerOf} resolves them; organisations never count). */
  readonly payer: string;
  /** Whether the amount alone matches a fee. */
  readonly feeLike: boolean;
}

/** Payments of one payer in the cumulative window. */
interface PayerTotal {
  n: number;
  sum: number;
}

/**
 * @internal Incremental state of {@link feeMatch} for one account: the inflows that can count (a
 * transfer or cash deposit touching a corridor, not payroll, trade, rent or bills, paid by a person)
 * with their payer and whether their amount matches a fee; the distinct payers of fee-like ones in
 * the senders window and each payer's count and total in the cumulative window. The rule also leaves
 * out the holder's relatives and reads at most `maxScan` events, so its sets are subsets of these:
 * `mayFire` is a necessary condition of a hit, and evaluations it rules out cannot fire.
 */
export interface FeeGateState {
  /** Candidates entered and not yet out of both windows, oldest first from `head`. */
  readonly candidates: Candidate[];
  /** First candidate still in the senders window. */
  senders: number;
  /** First candidate still in the cumulative window. */
  cumulative: number;
  /** Payer key → fee-like payments in the senders window (created at the first one). */
  feeLike: CountedKeys<string> | undefined;
  /** Payer key → count and total (jurisdiction minor units) in the cumulative window. */
  totals: Map<string, PayerTotal> | undefined;
}

/** @internal What the gate needs of the rule's options. */
export interface FeeGateOptions {
  readonly senderDays: number;
  readonly cumulativeDays: number;
  readonly minSenders: number;
  readonly minPayments: number;
}

/** @internal The gate's transitions: horizon 0 is the senders window, horizon 1 the cumulative one. */
export function feeGate(o: FeeGateOptions, c: CompiledFees): RuleIncremental<FeeGateState> & { mayFire(state: FeeGateState, last: WindowEvent, context: RuleContext): boolean } {
  const classify = (e: WindowEvent, window: EntityWindow, context: RuleContext): Candidate | undefined => {
    if (e.direction !== 'in' || (e.kind !== 'transfer' && e.kind !== 'cash_deposit')) return undefined;
    if (isExcludedPayment(e, context) || !touchesCorridor(window, e, context, c)) return undefined;
    const payer = payerOf(window, e, context);
    if (payer === undefined || isOrganisation(payer, context)) return undefined;
    return { event: e, payer: payer.key, feeLike: matchEvent(e, context, c) !== undefined };
  };
  const compact = (s: FeeGateState): void => {
    const dead = Math.min(s.senders, s.cumulative);
    if (dead > 16 && dead * 2 > s.candidates.length) {
      s.candidates.splice(0, dead);
      s.senders -= dead;
      s.cumulative -= dead;
    }
  };
  return {
    // A payment is inside a window of D days when ts > newest − D, i.e. it leaves once ts < newest − (D − 1 ms).
    horizonsMs: [o.senderDays * DAY_MS - 1, o.cumulativeDays * DAY_MS - 1],
    init: () => ({ candidates: [], senders: 0, cumulative: 0, feeLike: undefined, totals: undefined }),
    enter(s, e, window, context) {
      const k = classify(e, window, context);
      if (k === undefined) return;
      s.candidates.push(k);
      if (k.feeLike) countedKeysAdd((s.feeLike ??= createCountedKeys()), k.payer);
      const totals = (s.totals ??= new Map());
      const t = totals.get(k.payer);
      if (t === undefined) totals.set(k.payer, { n: 1, sum: e.amount });
      else {
        t.n++;
        t.sum += e.amount;
      }
    },
    leave(s, e, horizon) {
      if (horizon === 0) {
        const k = s.candidates[s.senders];
        if (k?.event !== e) return;
        s.senders++;
        if (k.feeLike) countedKeysRemove(s.feeLike as CountedKeys<string>, k.payer);
      } else {
        const k = s.candidates[s.cumulative];
        if (k?.event !== e) return;
        s.cumulative++;
        const totals = s.totals as Map<string, PayerTotal>;
        const t = totals.get(k.payer) as PayerTotal;
        if (--t.n === 0) totals.delete(k.payer);
        else t.sum -= e.amount;
      }
      compact(s);
    },
    mayFire(s, last, context) {
      const k = s.candidates[s.candidates.length - 1];
      if (k?.event !== last) return false;
      // Senders variant: the newest payment is fee-like and enough other payers paid fee-like sums.
      if (k.feeLike && (s.feeLike?.size ?? 0) >= o.minSenders) return true;
      // Cumulative variant: this payer's payments number minPayments and reach a tenth of the threshold.
      const t = s.totals?.get(k.payer);
      return t !== undefined && t.n >= o.minPayments && t.sum * 10 >= context.jurisdiction.cashThreshold;
    },
  };
}
