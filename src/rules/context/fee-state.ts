import { countedKeysAdd, countedKeysRemove, createCountedKeys, type CountedKeys } from '../../engine/incremental/index.js';
import { appendCompact, dropDeadPrefix } from '../../engine/incremental/fifo.js';
import { createKeyed, keyedDelete, keyedGet, keyedSet, type Keyed } from '../../engine/incremental/keyed.js';
import type { EntityWindow, RuleContext, RuleIncremental, WindowEvent } from '../types.js';
import { DAY_MS } from '../_lib.js';
import { payerOf, type Payer } from '../_payments.js';
import { isExcludedPayment, matchEvent, touchesCorridor, type CompiledFees } from './fee-amounts.js';

/**
 * @internal The inflows that can count for {@link feeMatch}, classified once when each enters (a
 * transfer or cash deposit touching a corridor, not payroll, trade, rent or bills, with a payer),
 * flat: event, code, payer key, event, code, payer key… The code is the event's position times
 * two, plus one when its amount alone matches a fee; the payer key is that of the event's memoised
 * {@link payerOf} (the string the payer holds, not a copy). An evaluation's pass reads the codes and
 * keys only, and an event itself only when it becomes evidence: at a hub's hundreds of candidates
 * per evaluation, following each event to its transaction for the time and sender was most of the
 * rule's cost. (An object per candidate was a third of the rule's state.)
 */
export type FeeCandidates = (WindowEvent | number | string)[];

/** @internal Entries per candidate in a {@link FeeCandidates} list. */
export const CANDIDATE_STRIDE = 3;

/** @internal The event of the candidate at `i` (a multiple of {@link CANDIDATE_STRIDE}). */
export const candidateEvent = (list: FeeCandidates, i: number): WindowEvent => list[i] as WindowEvent;

/** @internal The position of the candidate at `i` of a {@link FeeCandidates} list. */
export const candidateSeq = (list: FeeCandidates, i: number): number => Math.floor((list[i + 1] as number) / 2);

/** @internal Whether the amount of the candidate at `i` alone matches a fee. */
export const candidateFeeLike = (list: FeeCandidates, i: number): boolean => (list[i + 1] as number) % 2 === 1;

/** @internal The payer key of the candidate at `i`. */
export const candidatePayer = (list: FeeCandidates, i: number): string => list[i + 2] as string;

/** Shared by every state without candidates or outflows yet; never written (appendCompact copies short lists). */
const NONE: (WindowEvent | number | string)[] = Object.freeze([]) as unknown as (WindowEvent | number | string)[];

/**
 * @internal The outflows to a known counterparty (rotating savings: payers paid back by the account),
 * flat: event, position, event, position… (an object per outflow was a tenth of the rule's state).
 */
export type FeeOutflows = (WindowEvent | number)[];

/** Payments of one payer in the cumulative window. */
interface PayerTotal {
  n: number;
  sum: number;
}

/**
 * @internal Incremental state of {@link feeMatch} for one account (rule contract v2): the
 * candidate inflows and the outflows to known counterparties in the rule's window, each with its
 * position so that the `maxScan` bound applies exactly as in a newest-first window scan; and, for
 * the gate, the distinct payers of fee-like candidates in the senders window and each payer's count
 * and total in the cumulative window. The rule also leaves out organisations, the holder's
 * relatives and what lies beyond `maxScan`, so the gate's sets are supersets of the rule's:
 * {@link FeeStateTransitions.mayFire} is a necessary condition of a hit.
 */
export interface FeeState {
  /** Events entered so far (the position of the next one). Positions are relative: a replayed window gives other numbers but the same distances. */
  seq: number;
  /** Candidates not yet out of every horizon, oldest first. */
  candidates: FeeCandidates;
  /** Index of the first candidate still in the senders window (candidates from here on are exactly those of the last `senderDays`). */
  senders: number;
  /** Index of the first candidate still in the cumulative window. */
  cumulative: number;
  /** Index of the first candidate still in the rule's window. */
  all: number;
  /** Outflows to a known counterparty (event, position pairs) from index `outHead` (even) on are in the rule's window. */
  outflows: FeeOutflows;
  outHead: number;
  /** Payer key → fee-like candidates in the senders window (created at the first one). */
  feeLike: CountedKeys<string> | undefined;
  /** Payer key → count and total (jurisdiction minor units) of candidates in the cumulative window. */
  totals: Keyed<string, PayerTotal> | undefined;
  /** What evaluations found of each payer (see {@link PayerVerdicts}); created by the first evaluation that passes the gate. */
  verdicts: PayerVerdicts | undefined;
}

/**
 * @internal Whether each payer counts for the account (a person outside the holder's family), as
 * the last evaluation resolved it from the payer's newest candidate: valid while that candidate is
 * still the payer's newest and the holder reads the same (its name and country can come from each
 * transaction when parties.csv has none). A busy account's evaluations meet the same payers again
 * and again; resolving each payer anew was most of the rule's remaining cost. Entries go when their
 * candidate leaves the rule's window, so the map follows the window.
 */
export interface PayerVerdicts {
  readonly byKey: Map<string, PayerVerdict>;
  /** Number of the current evaluation: an entry stamped with it was met in this evaluation already. */
  epoch: number;
  holderName: string | undefined;
  holderCountry: string | undefined;
}

/** @internal One payer's verdict: the candidate it was resolved from, the payer (null: does not count), the evaluation that last met it. */
export interface PayerVerdict {
  at: WindowEvent;
  payer: Payer | null;
  epoch: number;
}

/** @internal What the state needs of the rule's options. */
export interface FeeStateOptions {
  readonly senderDays: number;
  readonly cumulativeDays: number;
  readonly historyDays: number;
  readonly minSenders: number;
  readonly minPayments: number;
}

/** @internal The transitions of {@link FeeState} and its gate. */
export interface FeeStateTransitions extends RuleIncremental<FeeState> {
  /** Whether the newest event can raise a hit: it is a candidate, and enough fee-like payers or this payer's payments are in reach. */
  mayFire(state: FeeState, last: WindowEvent, window: EntityWindow, context: RuleContext): boolean;
}

/** @internal Horizon 0 is the senders window, 1 the cumulative window, 2 the rule's whole window (cumulative + history). */
export function feeState(o: FeeStateOptions, c: CompiledFees): FeeStateTransitions {
  /** The candidate's code (see {@link FeeCandidates}), or undefined when the event cannot count; its payer is resolved (and memoised) here. */
  const classify = (e: WindowEvent, seq: number, window: EntityWindow, context: RuleContext): number | undefined => {
    if (e.direction !== 'in' || (e.kind !== 'transfer' && e.kind !== 'cash_deposit')) return undefined;
    if (isExcludedPayment(e, context) || !touchesCorridor(window, e, context, c)) return undefined;
    if (payerOf(window, e, context) === undefined) return undefined;
    return seq * 2 + (matchEvent(e, context, c) !== undefined ? 1 : 0);
  };
  const payerKey = (e: WindowEvent, window: EntityWindow, context: RuleContext): string => (payerOf(window, e, context) as Payer).key;
  const dropCandidates = (s: FeeState): void => {
    const n = dropDeadPrefix(s.candidates, Math.min(s.senders, s.cumulative, s.all));
    s.senders -= n;
    s.cumulative -= n;
    s.all -= n;
  };
  return {
    // A payment is inside a window of D days when ts > newest − D, i.e. it leaves once ts < newest − (D − 1 ms).
    horizonsMs: [o.senderDays * DAY_MS - 1, o.cumulativeDays * DAY_MS - 1, Math.max(o.senderDays, o.cumulativeDays + o.historyDays) * DAY_MS - 1],
    init: () => ({ seq: 0, candidates: NONE, senders: 0, cumulative: 0, all: 0, outflows: NONE as FeeOutflows, outHead: 0, feeLike: undefined, totals: undefined, verdicts: undefined }),
    enter(s, e, window, context) {
      const seq = s.seq++;
      if (e.direction === 'out') {
        if (e.counterparty !== undefined) s.outflows = appendCompact(s.outflows, e, seq);
        return;
      }
      const code = classify(e, seq, window, context);
      if (code === undefined) return;
      const payer = payerKey(e, window, context);
      s.candidates = appendCompact<WindowEvent | number | string>(s.candidates, e, code, payer);
      if (code % 2 === 1) countedKeysAdd((s.feeLike ??= createCountedKeys()), payer);
      const totals = (s.totals ??= createKeyed());
      const t = keyedGet(totals, payer);
      if (t === undefined) keyedSet(totals, payer, { n: 1, sum: e.amount });
      else {
        t.n++;
        t.sum += e.amount;
      }
    },
    leave(s, e, horizon, window, context) {
      if (horizon === 2 && s.outHead < s.outflows.length && s.outflows[s.outHead] === e) {
        s.outHead += 2;
        s.outHead -= dropDeadPrefix(s.outflows, s.outHead);
        return;
      }
      const at = horizon === 0 ? s.senders : horizon === 1 ? s.cumulative : s.all;
      if (s.candidates[at] !== e) return;
      if (horizon === 0) {
        s.senders += CANDIDATE_STRIDE;
        if (candidateFeeLike(s.candidates, at)) countedKeysRemove(s.feeLike as CountedKeys<string>, candidatePayer(s.candidates, at));
      } else if (horizon === 1) {
        s.cumulative += CANDIDATE_STRIDE;
        const totals = s.totals as Keyed<string, PayerTotal>;
        const payer = candidatePayer(s.candidates, at);
        const t = keyedGet(totals, payer) as PayerTotal;
        if (--t.n === 0) keyedDelete(totals, payer);
        else t.sum -= e.amount;
      } else {
        // Leaving the rule's window: a verdict resolved from this candidate (the payer's newest when resolved) goes with it.
        if (s.verdicts !== undefined) {
          const key = candidatePayer(s.candidates, at);
          if (s.verdicts.byKey.get(key)?.at === e) s.verdicts.byKey.delete(key);
        }
        s.all += CANDIDATE_STRIDE;
      }
      dropCandidates(s);
    },
    mayFire(s, last, window, context) {
      const at = s.candidates.length - CANDIDATE_STRIDE;
      if (at < 0 || s.candidates[at] !== last) return false;
      // Senders variant: the newest payment is fee-like and enough payers paid fee-like sums.
      if (candidateFeeLike(s.candidates, at) && (s.feeLike?.size ?? 0) >= o.minSenders) return true;
      // Cumulative variant: this payer's payments number minPayments and reach a tenth of the threshold.
      const t = s.totals === undefined ? undefined : keyedGet(s.totals, candidatePayer(s.candidates, at));
      return t !== undefined && t.n >= o.minPayments && t.sum * 10 >= context.jurisdiction.cashThreshold;
    },
  };
}
