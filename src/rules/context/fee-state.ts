import { countedKeysAdd, countedKeysRemove, createCountedKeys, type CountedKeys } from '../../engine/incremental/index.js';
import { appendCompact, dropDeadPrefix } from '../../engine/incremental/fifo.js';
import { createKeyed, keyedDelete, keyedGet, keyedSet, type Keyed } from '../../engine/incremental/keyed.js';
import type { EntityWindow, RuleContext, RuleIncremental, WindowEvent } from '../types.js';
import { DAY_MS, flowReference } from '../_lib.js';
import { counterpartyCountryOf, ownCountryOf, payerOf, type Payer } from '../_payments.js';
import { isExcludedPayment, isHotspotCash, matchEvent, touchesCorridor, type CompiledFees } from './fee-amounts.js';

/**
 * @internal The inflows that can count for {@link feeMatch}, classified once when each enters (a
 * transfer or cash deposit touching a corridor, not payroll, trade, rent or bills, with a payer),
 * flat: event, code, payer, back, event, code, payer, back… The code is the event's position times
 * four, plus one when its amount alone matches a fee, plus two when it crosses a border or is cash
 * paid in at a hotspot; the payer is the account's one {@link FeePayer} for the key of the event's
 * memoised {@link payerOf}, shared by all its candidates; back is the distance (in entries) to the
 * same payer's previous candidate, 0 for its first, so that a payer's own series is walked without
 * reading anybody else's payments. An evaluation reads the codes and payers only, and an event
 * itself only when it resolves a payer or becomes evidence: at a hub's hundreds of candidates per
 * evaluation, following each event to its transaction for the time and sender, and a Map lookup per
 * candidate, were most of the rule's cost. (An object per candidate was a third of the rule's state.)
 */
export type FeeCandidates = (WindowEvent | number | FeePayer)[];

/**
 * @internal One payer of an account's candidates (one per payer key, shared by its candidates):
 * its count and total in the cumulative window (the gate's cumulative test), how many candidates in
 * the rule's window name it, whether it counts as the last evaluation resolved it (a person outside
 * the holder's family, from its newest candidate `at`: valid while that is still its newest and the
 * holder reads the same), and what the current evaluation's pass found of it.
 */
export interface FeePayer {
  readonly key: string;
  /** Candidates in the rule's window naming this payer (the payer goes at 0). */
  refs: number;
  /** Candidates in the cumulative window and their total (jurisdiction minor units). */
  n: number;
  sum: number;
  /** Index of its newest candidate counted from the first candidate the account ever had (see {@link FeeState.dropped}). */
  newest: number;
  /** The candidate the verdict was resolved from; undefined when there is none (never resolved, or it left). */
  at: WindowEvent | undefined;
  /** The verdict: the payer when it counts, null when it does not. */
  payer: Payer | null;
  /** The evaluation that last met it; `grouped` is that evaluation's. */
  epoch: number;
  /** Met its newest fee-like payment in the senders window: its payments from there back are the senders variant's evidence. */
  grouped: boolean;
}

/** @internal Entries per candidate in a {@link FeeCandidates} list. */
export const CANDIDATE_STRIDE = 4;

/** @internal The event of the candidate at `i` (a multiple of {@link CANDIDATE_STRIDE}). */
export const candidateEvent = (list: FeeCandidates, i: number): WindowEvent => list[i] as WindowEvent;

/** @internal The position of the candidate at `i` of a {@link FeeCandidates} list. */
export const candidateSeq = (list: FeeCandidates, i: number): number => Math.floor((list[i + 1] as number) / 4);

/** @internal Whether the amount of the candidate at `i` alone matches a fee. */
export const candidateFeeLike = (list: FeeCandidates, i: number): boolean => ((list[i + 1] as number) & 1) === 1;

/** @internal Whether the candidate at `i` crosses a border or is cash paid in at a hotspot (see {@link isOutsideCandidate}). */
export const candidateOutside = (list: FeeCandidates, i: number): boolean => ((list[i + 1] as number) & 2) === 2;

/** @internal Index of the same payer's previous candidate before the one at `i`, or -1 when it has none (it may have left the window: compare with the window's start index). */
export const candidatePrevious = (list: FeeCandidates, i: number): number => {
  const back = list[i + 3] as number;
  return back === 0 ? -1 : i - back;
};

/** @internal The payer of the candidate at `i`. */
export const candidatePayer = (list: FeeCandidates, i: number): FeePayer => list[i + 2] as FeePayer;

/** Shared by every state without candidates or outflows yet; never written (appendCompact copies short lists). */
const NONE: (WindowEvent | number | FeePayer)[] = Object.freeze([]) as unknown as (WindowEvent | number | FeePayer)[];

/**
 * @internal The outflows to a known counterparty (rotating savings: payers paid back by the account),
 * flat: event, position, event, position… (an object per outflow was a tenth of the rule's state).
 */
export type FeeOutflows = (WindowEvent | number)[];

/**
 * @internal Incremental state of {@link feeMatch} for one account (rule contract v2): the
 * candidate inflows and the outflows to known counterparties in the rule's window, each with its
 * position so that the `maxScan` bound applies exactly as in a newest-first window scan; and, for
 * the gate, the distinct payers of fee-like candidates in the senders window and each payer's count
 * and total in the cumulative window; for the decision, the counterparties paid out in the rule's
 * window and each candidate's link to its payer's previous one. The rule also leaves out organisations, the holder's
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
  /** Counterparty → outflows to it in the rule's window (created at the first one). */
  paidOut: CountedKeys<string> | undefined;
  /** Entries dropped from the front of `candidates` so far: a list index plus this is stable for a candidate's life. */
  dropped: number;
  /** Payer key → fee-like candidates in the senders window (created at the first one). */
  feeLike: CountedKeys<string> | undefined;
  /** Payer key → the payer of the candidates in the rule's window (created at the first candidate). */
  payers: Keyed<string, FeePayer> | undefined;
  /** Evaluations so far (the current one's number: see {@link FeePayer.epoch}). */
  evaluations: number;
  /** The holder as the last evaluation read it (name, country): the payers' verdicts hold for it. */
  holderName: string | undefined;
  holderCountry: string | undefined;
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

/** @internal Whether a candidate crosses a border (the sender's country is not the account's) or is cash paid in at a smuggling hotspot. */
export function isOutsideCandidate(window: EntityWindow, e: WindowEvent, context: RuleContext, c: CompiledFees): boolean {
  const cp = counterpartyCountryOf(e, context);
  return (cp !== undefined && cp !== ownCountryOf(window, e)) || isHotspotCash(e, c);
}

/** @internal Horizon 0 is the senders window, 1 the cumulative window, 2 the rule's whole window (cumulative + history). */
export function feeState(o: FeeStateOptions, c: CompiledFees): FeeStateTransitions {
  /** The candidate's code (see {@link FeeCandidates}), or undefined when the event cannot count; its payer is resolved (and memoised) here. */
  const classify = (e: WindowEvent, seq: number, window: EntityWindow, context: RuleContext): number | undefined => {
    if (e.direction !== 'in' || (e.kind !== 'transfer' && e.kind !== 'cash_deposit')) return undefined;
    if (isExcludedPayment(e, context) || !touchesCorridor(window, e, context, c)) return undefined;
    if (payerOf(window, e, context) === undefined) return undefined;
    return seq * 4 + (matchEvent(e, context, c) !== undefined ? 1 : 0) + (isOutsideCandidate(window, e, context, c) ? 2 : 0);
  };
  const payerKey = (e: WindowEvent, window: EntityWindow, context: RuleContext): string => (payerOf(window, e, context) as Payer).key;
  const dropCandidates = (s: FeeState): void => {
    const n = dropDeadPrefix(s.candidates, Math.min(s.senders, s.cumulative, s.all));
    s.senders -= n;
    s.cumulative -= n;
    s.all -= n;
    s.dropped += n;
  };
  return {
    // A payment is inside a window of D days when ts > newest − D, i.e. it leaves once ts < newest − (D − 1 ms).
    horizonsMs: [o.senderDays * DAY_MS - 1, o.cumulativeDays * DAY_MS - 1, Math.max(o.senderDays, o.cumulativeDays + o.historyDays) * DAY_MS - 1],
    init: () => ({
      seq: 0, candidates: NONE, senders: 0, cumulative: 0, all: 0, outflows: NONE as FeeOutflows, outHead: 0, paidOut: undefined, dropped: 0,
      feeLike: undefined, payers: undefined, evaluations: 0, holderName: undefined, holderCountry: undefined,
    }),
    enter(s, e, window, context) {
      const seq = s.seq++;
      if (e.direction === 'out') {
        if (e.counterparty !== undefined) {
          s.outflows = appendCompact(s.outflows, e, seq);
          countedKeysAdd((s.paidOut ??= createCountedKeys()), e.counterparty);
        }
        return;
      }
      const code = classify(e, seq, window, context);
      if (code === undefined) return;
      const key = payerKey(e, window, context);
      const payers = (s.payers ??= createKeyed());
      let payer = keyedGet(payers, key);
      const at = s.dropped + s.candidates.length;
      let back = 0;
      if (payer === undefined) {
        payer = { key, refs: 0, n: 0, sum: 0, newest: at, at: undefined, payer: null, epoch: 0, grouped: false };
        keyedSet(payers, key, payer);
      } else back = at - payer.newest;
      payer.newest = at;
      payer.refs++;
      payer.n++;
      payer.sum += e.amount;
      s.candidates = appendCompact<WindowEvent | number | FeePayer>(s.candidates, e, code, payer, back);
      if ((code & 1) === 1) countedKeysAdd((s.feeLike ??= createCountedKeys()), key);
    },
    leave(s, e, horizon, window, context) {
      if (horizon === 2 && s.outHead < s.outflows.length && s.outflows[s.outHead] === e) {
        countedKeysRemove(s.paidOut as CountedKeys<string>, e.counterparty as string);
        s.outHead += 2;
        s.outHead -= dropDeadPrefix(s.outflows, s.outHead);
        return;
      }
      const at = horizon === 0 ? s.senders : horizon === 1 ? s.cumulative : s.all;
      if (s.candidates[at] !== e) return;
      if (horizon === 0) {
        s.senders += CANDIDATE_STRIDE;
        if (candidateFeeLike(s.candidates, at)) countedKeysRemove(s.feeLike as CountedKeys<string>, candidatePayer(s.candidates, at).key);
      } else if (horizon === 1) {
        s.cumulative += CANDIDATE_STRIDE;
        const payer = candidatePayer(s.candidates, at);
        payer.n--;
        payer.sum -= e.amount;
      } else {
        s.all += CANDIDATE_STRIDE;
        // Leaving the rule's window: a verdict resolved from this candidate (the payer's newest when resolved) goes with it, the payer with its last candidate.
        const payer = candidatePayer(s.candidates, at);
        if (payer.at === e) payer.at = undefined;
        if (--payer.refs === 0) keyedDelete(s.payers as Keyed<string, FeePayer>, payer.key);
      }
      dropCandidates(s);
    },
    mayFire(s, last, window, context) {
      const at = s.candidates.length - CANDIDATE_STRIDE;
      if (at < 0 || s.candidates[at] !== last) return false;
      // Senders variant: the newest payment is fee-like and enough payers paid fee-like sums.
      if (candidateFeeLike(s.candidates, at) && (s.feeLike?.size ?? 0) >= o.minSenders) return true;
      // Cumulative variant: this payer's payments number minPayments and reach a tenth of the threshold.
      const payer = candidatePayer(s.candidates, at);
      return payer.n >= o.minPayments && payer.sum * 10 >= flowReference(context.jurisdiction);
    },
  };
}
