import { formatMoney, formatMoneyRange } from '../schema/format-money.js';
import type { JurisdictionProfile } from '../jurisdictions/types.js';
import type { EntityRef, EntityWindow, HitFacts, Rule, RuleHit, WindowEvent } from './types.js';

/** Shared helpers for rule modules (not exported from the package). */

export const DAY_MS = 86_400_000;

/** Most evidence ids one hit lists (the newest); counts in `facts` cover all of them. */
export const MAX_HIT_IDS = 200;

/** Cash that entered (deposit) or left (withdrawal) through the entity, as seen from its window. */
export function isCash(e: WindowEvent): boolean {
  return e.kind === 'cash_deposit' || e.kind === 'cash_withdrawal';
}

/** Whether an amount (minor units) is reportable under the profile's cash threshold on its own. */
export function reportableAmount(profile: JurisdictionProfile, amount: number): boolean {
  return profile.thresholdInclusive ? amount >= profile.cashThreshold : amount > profile.cashThreshold;
}

/** The amount the flow, debt and context rules' money floors scale with: the profile's `flowReference`, else its cash threshold. */
export function flowReference(profile: JurisdictionProfile): number {
  return profile.flowReference ?? profile.cashThreshold;
}

/**
 * Visits the window's events newest first while `ts >= from`, stopping early when `visit`
 * returns false. The newest event is the one being evaluated.
 */
export function eachRecent(window: EntityWindow, from: number, visit: (e: WindowEvent) => boolean | void): void {
  const { events, start } = window;
  for (let i = events.length - 1; i >= start; i--) {
    const e = events[i] as WindowEvent;
    if (e.ts < from) return;
    if (visit(e) === false) return;
  }
}

/** The event being evaluated (the newest in the window). */
export function newest(window: EntityWindow): WindowEvent {
  return window.events[window.events.length - 1] as WindowEvent;
}

/** Money as an analyst reads it: `MYR 25,000.00`. */
export function money(profile: JurisdictionProfile, minor: number): string {
  return formatMoney(minor, profile.currency);
}

/** A range in the profile's currency, or one value when both ends are equal: `MYR 630.00–MYR 1,060.00`, `MYR 900.00`. */
export function moneyRange(profile: JurisdictionProfile, low: number, high: number): string {
  return formatMoneyRange(low, high, profile.currency);
}

/** Rounds a ratio for facts (4 decimals) so output is stable and readable. */
export function ratio(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Builds a hit with the rule's id and indicators; events are listed oldest first. */
export function hitOf(
  rule: Pick<Rule, 'id' | 'indicators'>,
  window: EntityWindow,
  events: readonly WindowEvent[],
  strength: number,
  reason: string,
  facts: HitFacts,
  variant?: string,
): RuleHit {
  // Most rules list their evidence from the window, already in time order: check before sorting a copy.
  const order = (a: WindowEvent, b: WindowEvent): number => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  let inOrder = true;
  for (let i = 1; i < events.length && inOrder; i++) inOrder = order(events[i - 1] as WindowEvent, events[i] as WindowEvent) < 0;
  const sorted = inOrder ? events : [...events].sort(order);
  const hit: { -readonly [K in keyof RuleHit]: RuleHit[K] } = {
    rule: rule.id,
    indicators: rule.indicators,
    entity: { kind: window.kind, id: window.id },
    strength: ratio(clamp01(strength)),
    window: { from: (sorted[0] as WindowEvent).ts, to: (sorted[sorted.length - 1] as WindowEvent).ts },
    transactionIds: (sorted.length > MAX_HIT_IDS ? sorted.slice(sorted.length - MAX_HIT_IDS) : sorted).map((e) => e.id),
    reason,
    facts,
  };
  if (variant !== undefined) hit.variant = variant;
  return hit;
}

/** "deposit" / "withdrawal" wording for a cash direction. */
export function cashNoun(direction: 'in' | 'out', plural: boolean): string {
  const noun = direction === 'in' ? 'deposit' : 'withdrawal';
  return plural ? `${noun}s` : noun;
}

/**
 * Cash-intensive look-alike: how many of the entity's same-direction cash transactions in the
 * lookback were reportable on their own. Businesses that routinely cross the threshold are
 * reported, so they are not avoiding it.
 */
export function reportedCashCount(window: EntityWindow, profile: JurisdictionProfile, direction: 'in' | 'out', from: number): number {
  let n = 0;
  eachRecent(window, from, (e) => {
    if (isCash(e) && e.direction === direction && e.reportable) n++;
  });
  return n;
}

/**
 * Whether the window's account is of a type whose trade is moving other people's money (msb,
 * government, NGO, business): the evidence-only rules (`layering_hop`, `fan_leg`, `cash_site`) record
 * nothing for it, as its hops, legs and cash are its business (see {@link accountTypeFactor} for the
 * scoring rules' discount).
 */
export function isTradeAccount(window: EntityWindow): boolean {
  const type = window.account?.type;
  return type === 'msb' || type === 'government' || type === 'ngo' || type === 'business';
}

/**
 * Discount for account types that handle others' cash as their business and are reported as such:
 * licensed remitters (msb) and government 0.3, NGOs 0.6, businesses 0.8, personal 1 (RESEARCH §c.5).
 */
export function accountTypeFactor(window: EntityWindow): number {
  switch (window.account?.type) {
    case 'msb':
    case 'government':
      return 0.3;
    case 'ngo':
      return 0.6;
    case 'business':
      return 0.8;
    default:
      return 1;
  }
}

/**
 * Sign of `part − share × whole` for integer minor units, exactly: basis points in doubles while
 * the products stay safe integers, BigInt beyond (money never meets a float at a threshold).
 */
export function compareShare(part: number, whole: number, share: number): number {
  const bp = Math.round(share * 10_000);
  const a = part * 10_000;
  const b = bp * whole;
  if (Math.abs(a) < Number.MAX_SAFE_INTEGER && Math.abs(b) < Number.MAX_SAFE_INTEGER) return a > b ? 1 : a < b ? -1 : 0;
  const d = BigInt(part) * 10_000n - BigInt(bp) * BigInt(whole);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
}

/** `part ≥ share × whole`, exactly (see {@link compareShare}). */
export function atLeastShare(part: number, whole: number, share: number): boolean {
  return compareShare(part, whole, share) >= 0;
}

/** `part ≤ share × whole`, exactly (see {@link compareShare}). */
export function atMostShare(part: number, whole: number, share: number): boolean {
  return compareShare(part, whole, share) <= 0;
}

/** Orders entity refs by kind, then id: the one order of `related` lists. */
export function compareRefs(a: EntityRef, b: EntityRef): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The discount a rule states when the weeks before its window are not in the data
 * ({@link historyCoverage} under 1): `facts.discount` or a `discounts` entry. The network stage
 * reads it (a paymaster whose fan-out is weak only for want of history).
 * @internal
 */
export const HISTORY_UNSEEN = 'history_unseen';

/**
 * Share (0–1) of the `historyDays` before `from` that the data shows for this account:
 * 1 once anything has left the window (`expiredTs`: the data reaches further back) or when its
 * opening date is unknown; otherwise 1 less the part between the later of opening and the
 * history's start and the oldest event seen (up to a week unseen counts as seen). An account open
 * for years whose history begins with the data cannot show what that history would: that its
 * senders are new (funnel_account: a landlord's tenants, a savings group's members in the first
 * month of an export, RESEARCH §c.5) or that a payout repeats last month's payroll (fan_out), or that cash deposits at one branch are a
 * shop's routine takings (split_sum). Deterministic: it
 * reads only the window and the reference data, the same in a stream and a batch.
 * @example if (historyCoverage(window, from, 60) < 1) discounts.push(HISTORY_UNSEEN);
 */
export function historyCoverage(window: EntityWindow, from: number, historyDays: number): number {
  if (window.expiredTs !== undefined || historyDays <= 0) return 1;
  const opened = window.account?.openedAt;
  const oldest = window.events[window.start]?.ts;
  if (opened === undefined || oldest === undefined) return 1;
  const unseen = oldest - Math.max(opened, from - historyDays * DAY_MS);
  return unseen <= QUIET_START_MS ? 1 : Math.max(0, 1 - unseen / (historyDays * DAY_MS));
}

/** A week without activity after opening is ordinary: history this short unseen counts as seen. */
const QUIET_START_MS = 7 * DAY_MS;

/** Strength kept when none of the history a rule needs is seen (× 0.3, rising linearly to × 1 with full coverage). */
const UNSEEN_HISTORY_FACTOR = 0.3;

/**
 * The discount for a {@link historyCoverage} below 1: × 0.3 with none of the history seen, rising
 * linearly to × 1 — what a lawful account shows in its history (standing payers, payroll cycles,
 * steady takings) cannot be checked where the data does not reach.
 * @example const factor = historyFactor(historyCoverage(window, from, 60)); // 0.65 at half coverage
 */
export function historyFactor(coverage: number): number {
  return UNSEEN_HISTORY_FACTOR + (1 - UNSEEN_HISTORY_FACTOR) * Math.max(0, Math.min(1, coverage));
}
