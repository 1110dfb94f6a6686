/**
 * Money collected at home and paid out again within days (internal; shared by `relay_abroad` and
 * `cash_out_relay`): the options both read, what counts as collected, the FIFO scan that matches
 * collected credits to the debits a rule names, and the money floor (MS-PROF-01).
 */
import * as z from 'zod';
import { isCountryCode } from '../../schema/countries.js';
import type { EntityWindow, RuleContext, RuleIncremental, WindowEvent } from '../types.js';
import { DAY_MS, atLeastShare, flowReference } from '../_lib.js';
import { HOUR_MS, counterpartyCountryOf, isFamily, isWageLike, ownCountryOf, ownRef } from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardedStart, scanGuard, type ScanGuard } from '../scan-guard.js';
import { declaredIncome } from '../_income.js';
import { internalOf, profileOf } from './pass-through.js';
import { addCredit, creditQueue, eachUnpaid, payFromCredits, weightedMedian } from './credit-fifo.js';

/** The option fields of a relay rule (MS-PT-01 read over days, MS-PROF-01 as its floor; *proposed*). */
export const relayOptionFields = {
  /** W, the window examined (30 d). */
  windowDays: days(7, 90, 30),
  /** Credits collected at home (cash, unrelated domestic senders, not wages) within W. */
  minInflows: countOpt(2, 100, 3),
  /** ρ: the share of those credits paid out again (FIFO-matched to the later debits the rule reads). */
  minOutInRatio: ratioOpt(0.5, 1, 0.9),
  /** h: the amount-weighted median dwell, in hours (MS-PT-01: "within hours or days"; 144 h = 6 days). */
  maxMedianDwellHours: z.number().min(1).max(336).default(144),
  /** MS-PROF-01 m: the money relayed reaches this multiple of the holder's declared monthly income. */
  incomeMultiple: z.number().min(1).max(100).default(3),
  /** The floor never falls below this share of the cash threshold T … */
  minShareOfThreshold: ratioOpt(0.01, 10, 0.05),
  /** … and never rises above this share of T (`pass_through`'s conduit floor), which is the floor where no income is declared. */
  maxShareOfThreshold: ratioOpt(0.01, 10, 0.5),
  /** MS-NEW-01: an account opened at most this many days before the money arrived adds 0.1. */
  newAccountDays: days(7, 365, 90),
  /** Strength factor for accounts the bank does not hold (seen only in part). */
  partialViewFactor: ratioOpt(0.1, 1, 0.8),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); the window is then its last `maxScan` events, reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(100, 50_000),
};

/** The effective options of a relay rule. */
export type RelayOptions = z.output<z.ZodObject<typeof relayOptionFields>>;

/** How a relay rule reads the counterparties of one evaluation. */
export interface RelayView {
  /** The holder's country. */
  readonly home: string;
  /** Transfers between the holder's own or household accounts. */
  readonly internal: (e: WindowEvent) => boolean;
  /** Whether the counterparty is the holder's family (memoised). */
  readonly family: (e: WindowEvent) => boolean;
}

/** The view of an evaluation whose newest event is `last`; `undefined` when the holder's country is unknown. */
export function relayView(window: EntityWindow, context: RuleContext, last: WindowEvent): RelayView | undefined {
  const home = ownCountryOf(window, last) ?? (isCountryCode(context.jurisdiction.code) ? context.jurisdiction.code : undefined);
  if (home === undefined) return undefined;
  const holder = ownRef(window, last);
  const memo = new Map<string, boolean>();
  const family = (e: WindowEvent): boolean => {
    const key = e.counterparty ?? `n:${e.counterpartyName ?? '?'}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = isFamily(context.identity.familyLink(holder, { account: e.counterparty, name: e.counterpartyName, country: counterpartyCountryOf(e, context) }));
      memo.set(key, v);
    }
    return v;
  };
  return { home, internal: internalOf(window, context), family };
}

/** Money collected at home: cash paid in, or a transfer from an unrelated domestic sender that is not a wage. */
export function isCollected(view: RelayView, e: WindowEvent, context: RuleContext): boolean {
  if (e.direction !== 'in' || view.internal(e)) return false;
  if (e.kind === 'cash_deposit') return true;
  if (e.kind !== 'transfer' || isWageLike(e, context)) return false;
  const from = counterpartyCountryOf(e, context);
  return (from === undefined || from === view.home) && !view.family(e);
}

/**
 * A cheap superset of {@link isCollected} that needs no counterparty lookup (an inflow in cash, or
 * a transfer that is not a wage): what a rule may count incrementally as a gate before it scans.
 */
export function mayBeCollected(e: WindowEvent, context: RuleContext): boolean {
  return e.direction === 'in' && (e.kind === 'cash_deposit' || (e.kind === 'transfer' && !isWageLike(e, context)));
}

/**
 * @internal State of a relay rule's gate for one account: count and sum (minor units) of the inflows
 * in the rule's window that {@link mayBeCollected} — a superset of what {@link relayScan} counts, so
 * a gate on it never hides a hit.
 */
export interface RelayGate {
  n: number;
  sum: number;
}

/** The incremental gate of a relay rule over its window of `windowMs`: {@link RelayGate} kept on arrival and expiry. */
export function relayGate(windowMs: number): RuleIncremental<RelayGate> {
  return {
    horizonsMs: [windowMs],
    init: () => ({ n: 0, sum: 0 }),
    enter(s, e, _window, context) {
      if (mayBeCollected(e, context)) {
        s.n++;
        s.sum += e.amount;
      }
    },
    leave(s, e, _horizon, _window, context) {
      if (mayBeCollected(e, context)) {
        s.n--;
        s.sum -= e.amount;
      }
    },
  };
}

/** Whether {@link relayScan} can hold given the gate: enough candidate credits, and their sum at least the floor. */
export function relayMayHold(s: RelayGate, o: RelayOptions, window: EntityWindow, context: RuleContext): boolean {
  return s.n >= o.minInflows && s.sum >= relayFloor(o, flowReference(context.jurisdiction), declaredIncome(window, context.jurisdiction.currency));
}

/** The aggregates of a relay scan over the window: collected credits FIFO-matched to the debits paid out. */
export interface RelayScan {
  readonly inflows: number;
  readonly sumIn: number;
  readonly cashIn: number;
  readonly matched: number;
  readonly sumOut: number;
  /** Paid out to destinations `marked` names (a corridor country, for `relay_abroad`). */
  readonly markedOut: number;
  readonly medianMs: number;
  readonly floor: number;
  readonly fit: ReturnType<typeof profileOf>;
  /** Collected credits and the debits that paid them out, in time order. */
  readonly evidence: WindowEvent[];
  readonly outDays: number;
  readonly guard: ScanGuard;
}

/** The money floor: `incomeMultiple` × the declared monthly income, within [min, max] share of T (max where no income, or zero, is declared). */
export function relayFloor(o: RelayOptions, threshold: number, income: number | undefined): number {
  const ceiling = Math.ceil(o.maxShareOfThreshold * threshold);
  return income === undefined || income <= 0 ? ceiling : Math.min(ceiling, Math.max(Math.ceil(o.minShareOfThreshold * threshold), Math.ceil(o.incomeMultiple * income)));
}

/**
 * Scans the last W days (at most the last `maxScan` events) of the window ending at `last`:
 * collected credits, FIFO-matched to the debits `out` names (a destination key, or `undefined`
 * for a debit the rule does not read). Returns the aggregates when the relay holds — at least
 * `minInflows` credits totalling at least the floor, at least ρ of it matched, an amount-weighted
 * median dwell of at most h (credits still held at `last` dwell until then) — else `undefined`.
 */
export function relayScan(
  window: EntityWindow, context: RuleContext, o: RelayOptions, last: WindowEvent, view: RelayView,
  out: (e: WindowEvent) => string | undefined, marked: (destination: string) => boolean,
): RelayScan | undefined {
  const all = window.events;
  const guard = scanGuard(o.maxScan);
  const lo = guardedStart(window, last.ts - o.windowDays * DAY_MS, guard);
  const credits = creditQueue();
  let sumIn = 0;
  let cashIn = 0;
  let matched = 0;
  let sumOut = 0;
  let markedOut = 0;
  const dwells: number[] = [];
  const amounts: number[] = [];
  const piece = (dwell: number, take: number): void => {
    dwells.push(dwell);
    amounts.push(take);
  };
  const evidence: WindowEvent[] = [];
  const outDays = new Set<number>();
  for (let k = lo; k < all.length; k++) {
    const e = all[k] as WindowEvent;
    if (isCollected(view, e, context)) {
      addCredit(credits, e.ts, e.amount);
      sumIn += e.amount;
      if (e.kind === 'cash_deposit') cashIn += e.amount;
      evidence.push(e);
      continue;
    }
    if (credits.head >= credits.ts.length) continue;
    const to = out(e);
    if (to === undefined) continue;
    matched += payFromCredits(credits, e.ts, e.amount, piece);
    sumOut += e.amount;
    if (marked(to)) markedOut += e.amount;
    outDays.add(e.day);
    evidence.push(e);
  }
  const inflows = credits.ts.length;
  if (inflows < o.minInflows) return undefined;
  const fit = profileOf(window, context, o, credits.ts[0] as number, sumIn);
  const floor = relayFloor(o, flowReference(context.jurisdiction), fit.income);
  if (sumIn < floor || !atLeastShare(matched, sumIn, o.minOutInRatio)) return undefined;
  // Credits not paid out by the last debit are still dwelling: they count in the median too.
  eachUnpaid(credits, last.ts, piece);
  const medianMs = weightedMedian(dwells, amounts, sumIn / 2);
  if (medianMs > o.maxMedianDwellHours * HOUR_MS) return undefined;
  return { inflows, sumIn, cashIn, matched, sumOut, markedOut, medianMs, floor, fit, evidence, outDays: outDays.size, guard };
}
