import { appendCompact, dropDeadPrefix } from '../../engine/incremental/fifo.js';
import type { EntityWindow, RuleContext, RuleIncremental, WindowEvent } from '../types.js';
import { DAY_MS, flowReference } from '../_lib.js';
import { counterpartyCountryOf, ownCountryOf, payerOf, type Payer } from '../_payments.js';
import { isExcludedPayment, isHotspotCash, matchEvent, touchesCorridor, type CompiledFees } from './fee-amounts.js';

/**
 * @internal The inflows that can count for {@link feeMatch}, classified once when each enters (a
 * transfer or cash deposit touching a corridor, not payroll, trade, rent or bills, with a payer),
 * flat: event, code, payer, back, event, code, payer, back… The code is the event's position times
 * four, plus one when its amount alone matches a fee, plus two when it crosses a border or is cash
 * paid in at a hotspot; the payer is the offset of its record in the account's {@link FeePayers}
 * (one per payer key, shared by all its candidates); back is the distance (in entries) to the
 * same payer's previous candidate, 0 for its first, so that a payer's own series is walked without
 * reading anybody else's payments. An evaluation reads the codes and payers only, and an event
 * itself only when it resolves a payer or becomes evidence: at a hub's hundreds of candidates per
 * evaluation, following each event to its transaction for the time and sender, and a Map lookup per
 * candidate, were most of the rule's cost. (An object per candidate was a third of the rule's state.)
 * Every entry but the event is a small integer.
 */
export type FeeCandidates = (WindowEvent | number)[];

/**
 * @internal The payers of an account's candidates in the rule's window, flat: a header of
 * {@link PAYERS_HEAD} slots (the first free record, the payers with a fee-like candidate in the
 * senders window, the holder as the last evaluation read it — name, country — and the key → record
 * index once there are more than {@link PAYERS_SCANNED} records), then a record of
 * {@link PAYER_STRIDE} slots per payer: its key; its count and total in the cumulative window (the
 * gate's cumulative test); the index of its newest candidate counted from the first candidate the
 * account ever had (see {@link FeeState.dropped}); its verdict as resolved from that newest
 * candidate for that holder (the payer when it counts — a person outside the holder's family —,
 * null when it does not, undefined when not resolved since); the evaluation that last grouped it
 * (met a fee-like payment of it in the senders window); and its fee-like candidates in the senders
 * window. A record whose payer left (its newest candidate left the rule's window) is free: its key
 * undefined, its count slot the next free record. Records are reused, so the list follows the
 * most payers an account had at once, never every payer it has seen. (An object per payer, a
 * small map of payers and one of fee-like payers were two thirds of the rule's state.)
 */
export type FeePayers = (string | number | Payer | null | undefined | Map<string, number>)[];

/** @internal Header slot of a {@link FeePayers} list: the first free record, -1 for none. */
export const PAYERS_FREE = 0;
/** @internal Header slot: the payers with a fee-like candidate in the senders window. */
export const PAYERS_FEE_LIKE = 1;
/** @internal Header slot: the holder's name as the last evaluation read it (the verdicts hold for it). */
export const PAYERS_HOLDER_NAME = 2;
/** @internal Header slot: the holder's country as the last evaluation read it. */
export const PAYERS_HOLDER_COUNTRY = 3;
/** @internal Header slot: key → record, once there are more than {@link PAYERS_SCANNED} records. */
export const PAYERS_INDEX = 4;
/** @internal Slots before the first payer record of a {@link FeePayers} list. */
export const PAYERS_HEAD = 5;
/** @internal Slots of one payer record. */
export const PAYER_STRIDE = 7;
/** @internal Record slot: the payer's key (undefined in a free record). */
export const PAYER_KEY = 0;
/** @internal Record slot: the payer's candidates in the cumulative window (in a free record, the next free one). */
export const PAYER_N = 1;
/** @internal Record slot: their total (jurisdiction minor units). */
export const PAYER_SUM = 2;
/** @internal Record slot: the index of the payer's newest candidate, counted from the first candidate the account ever had. */
export const PAYER_NEWEST = 3;
/** @internal Record slot: the verdict from the newest candidate for the holder read last (the payer when it counts, null when not, undefined when not resolved since). */
export const PAYER_VERDICT = 4;
/** @internal Record slot: the evaluation that last grouped the payer (met a fee-like payment of it in the senders window). */
export const PAYER_GROUPED = 5;
/** @internal Record slot: the payer's fee-like candidates in the senders window. */
export const PAYER_FEE_LIKE = 6;
/** @internal Records searched one by one for a key; from one more on, a Map indexes them (kept once created). */
export const PAYERS_SCANNED = 8;

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

/** @internal The offset of the payer record (in the state's {@link FeePayers}) of the candidate at `i`. */
export const candidatePayer = (list: FeeCandidates, i: number): number => list[i + 2] as number;

/** Shared by every state without candidates, payers or outflows; never written (appendCompact copies short lists, the payers are replaced at their first). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * @internal The outflows to a known counterparty (rotating savings: payers paid back by the account),
 * flat: event, position, event, position… (an object per outflow was a tenth of the rule's state).
 */
export type FeeOutflows = (WindowEvent | number)[];

/**
 * @internal Incremental state of {@link feeMatch} for one account (rule contract v2): the
 * candidate inflows and the outflows to known counterparties in the rule's window, each with its
 * position so that the `maxScan` bound applies exactly as in a newest-first window scan; and, for
 * the gate, per payer its fee-like candidates in the senders window and its count and total in the
 * cumulative window (see {@link FeePayers}); for the decision, each candidate's link to its payer's
 * previous one. The rule also leaves out organisations, the holder's relatives and what lies beyond
 * `maxScan`, so the gate's sets are supersets of the rule's: {@link FeeStateTransitions.mayFire} is
 * a necessary condition of a hit. An account with none of them left holds only numbers.
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
  /** Entries dropped from the front of `candidates` so far: a list index plus this is stable for a candidate's life. */
  dropped: number;
  /** The payers of the candidates in the rule's window (empty without candidates). */
  payers: FeePayers;
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

/** The record of `key` in `p`, or -1. */
function findPayer(p: FeePayers, key: string): number {
  const index = p[PAYERS_INDEX] as Map<string, number> | undefined;
  if (index !== undefined) return index.get(key) ?? -1;
  for (let r = PAYERS_HEAD; r < p.length; r += PAYER_STRIDE) if (p[r + PAYER_KEY] === key) return r;
  return -1;
}

/** Writes a fresh record of `key` at `r`: no candidates, no verdict, newest at `newest` (the fields in `push` order of {@link addPayer}). */
function newPayer(p: FeePayers, r: number, key: string, newest: number): void {
  p[r + PAYER_KEY] = key;
  p[r + PAYER_N] = 0;
  p[r + PAYER_SUM] = 0;
  p[r + PAYER_NEWEST] = newest;
  p[r + PAYER_VERDICT] = undefined;
  p[r + PAYER_GROUPED] = 0;
  p[r + PAYER_FEE_LIKE] = 0;
}

/** Adds a payer (in a free record, else a new one at the end) and returns its list and record; the list is replaced while it grows to two records. */
function addPayer(p: FeePayers, key: string, newest: number): [FeePayers, number] {
  let r = p[PAYERS_FREE] as number;
  if (r >= 0) {
    p[PAYERS_FREE] = p[r + PAYER_N];
    newPayer(p, r, key, newest);
  } else {
    r = p.length;
    if (r < PAYERS_HEAD + 2 * PAYER_STRIDE) {
      // Most accounts have one or two payers: held at their size, not with push's spare slots.
      const grown: FeePayers = new Array(r + PAYER_STRIDE);
      for (let i = 0; i < r; i++) grown[i] = p[i];
      newPayer(grown, r, key, newest);
      p = grown;
    } else p.push(key, 0, 0, newest, undefined, 0, 0);
  }
  const index = p[PAYERS_INDEX] as Map<string, number> | undefined;
  if (index !== undefined) index.set(key, r);
  else if (p.length > PAYERS_HEAD + PAYERS_SCANNED * PAYER_STRIDE) {
    const built = new Map<string, number>();
    for (let q = PAYERS_HEAD; q < p.length; q += PAYER_STRIDE) if (p[q + PAYER_KEY] !== undefined) built.set(p[q + PAYER_KEY] as string, q);
    p[PAYERS_INDEX] = built;
  }
  return [p, r];
}

/** Frees the record `r` of a payer whose last candidate left the rule's window. */
function freePayer(p: FeePayers, r: number): void {
  (p[PAYERS_INDEX] as Map<string, number> | undefined)?.delete(p[r + PAYER_KEY] as string);
  p[r + PAYER_KEY] = undefined;
  p[r + PAYER_VERDICT] = undefined;
  p[r + PAYER_N] = p[PAYERS_FREE];
  p[PAYERS_FREE] = r;
}

/** @internal The key of the payer record `r`. */
export const payerKeyAt = (p: FeePayers, r: number): string => p[r + PAYER_KEY] as string;

/**
 * @internal The live payers of a state with their count and total in the cumulative window and
 * fee-like candidates in the senders window, in record order (for tests and inspection).
 */
export function feePayerEntries(s: FeeState): { key: string; n: number; sum: number; feeLike: number }[] {
  const p = s.payers;
  const out: { key: string; n: number; sum: number; feeLike: number }[] = [];
  for (let r = PAYERS_HEAD; r < p.length; r += PAYER_STRIDE) {
    if (p[r + PAYER_KEY] !== undefined) out.push({ key: p[r + PAYER_KEY] as string, n: p[r + PAYER_N] as number, sum: p[r + PAYER_SUM] as number, feeLike: p[r + PAYER_FEE_LIKE] as number });
  }
  return out;
}

/** @internal Payers of a state with a fee-like candidate in the senders window (the gate's count). */
export const feeLikePayers = (s: FeeState): number => (s.payers.length === 0 ? 0 : (s.payers[PAYERS_FEE_LIKE] as number));

/** Evaluations so far over every state (the current one's number: see {@link PAYER_GROUPED}); only compared for equality. */
let evaluations = 0;

/** @internal A number for a new evaluation, different from every earlier one's. */
export const nextEvaluation = (): number => ++evaluations;

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
    init: () => ({ seq: 0, candidates: NONE, senders: 0, cumulative: 0, all: 0, outflows: NONE, outHead: 0, dropped: 0, payers: NONE }),
    enter(s, e, window, context) {
      const seq = s.seq++;
      if (e.direction === 'out') {
        if (e.counterparty !== undefined) s.outflows = appendCompact<WindowEvent | number>(s.outflows, e, seq);
        return;
      }
      const code = classify(e, seq, window, context);
      if (code === undefined) return;
      const key = payerKey(e, window, context);
      // The header as an array literal, allocated at its size.
      let p: FeePayers = s.payers.length === 0 ? [-1, 0, undefined, undefined, undefined] : s.payers;
      const at = s.dropped + s.candidates.length;
      let r = findPayer(p, key);
      let back = 0;
      if (r < 0) [p, r] = addPayer(p, key, at);
      else {
        back = at - (p[r + PAYER_NEWEST] as number);
        p[r + PAYER_NEWEST] = at;
        // A verdict holds for the payer's newest candidate only.
        p[r + PAYER_VERDICT] = undefined;
      }
      s.payers = p;
      p[r + PAYER_N] = (p[r + PAYER_N] as number) + 1;
      p[r + PAYER_SUM] = (p[r + PAYER_SUM] as number) + e.amount;
      s.candidates = appendCompact<WindowEvent | number>(s.candidates, e, code, r, back);
      if ((code & 1) === 1) {
        const n = p[r + PAYER_FEE_LIKE] as number;
        p[r + PAYER_FEE_LIKE] = n + 1;
        if (n === 0) p[PAYERS_FEE_LIKE] = (p[PAYERS_FEE_LIKE] as number) + 1;
      }
    },
    leave(s, e, horizon) {
      if (horizon === 2 && s.outHead < s.outflows.length && s.outflows[s.outHead] === e) {
        s.outHead += 2;
        s.outHead -= dropDeadPrefix(s.outflows, s.outHead);
        if (s.outHead === s.outflows.length) {
          s.outflows = NONE;
          s.outHead = 0;
        }
        return;
      }
      const at = horizon === 0 ? s.senders : horizon === 1 ? s.cumulative : s.all;
      if (s.candidates[at] !== e) return;
      const p = s.payers;
      const r = candidatePayer(s.candidates, at);
      if (horizon === 0) {
        s.senders += CANDIDATE_STRIDE;
        if (candidateFeeLike(s.candidates, at)) {
          const n = (p[r + PAYER_FEE_LIKE] as number) - 1;
          p[r + PAYER_FEE_LIKE] = n;
          if (n === 0) p[PAYERS_FEE_LIKE] = (p[PAYERS_FEE_LIKE] as number) - 1;
        }
      } else if (horizon === 1) {
        s.cumulative += CANDIDATE_STRIDE;
        p[r + PAYER_N] = (p[r + PAYER_N] as number) - 1;
        p[r + PAYER_SUM] = (p[r + PAYER_SUM] as number) - e.amount;
      } else {
        s.all += CANDIDATE_STRIDE;
        // Candidates leave oldest first: the payer goes with its newest.
        if (p[r + PAYER_NEWEST] === s.dropped + at) freePayer(p, r);
        if (s.all === s.candidates.length) {
          // None left in any window (the rule's spans the others): nothing to keep but numbers.
          s.dropped += s.candidates.length;
          s.candidates = NONE;
          s.senders = 0;
          s.cumulative = 0;
          s.all = 0;
          s.payers = NONE;
          return;
        }
      }
      dropCandidates(s);
    },
    mayFire(s, last, window, context) {
      const at = s.candidates.length - CANDIDATE_STRIDE;
      if (at < 0 || s.candidates[at] !== last) return false;
      // Senders variant: the newest payment is fee-like and enough payers paid fee-like sums.
      if (candidateFeeLike(s.candidates, at) && (s.payers[PAYERS_FEE_LIKE] as number) >= o.minSenders) return true;
      // Cumulative variant: this payer's payments number minPayments and reach a tenth of the threshold.
      const r = candidatePayer(s.candidates, at);
      return (s.payers[r + PAYER_N] as number) >= o.minPayments && (s.payers[r + PAYER_SUM] as number) * 10 >= flowReference(context.jurisdiction);
    },
  };
}
