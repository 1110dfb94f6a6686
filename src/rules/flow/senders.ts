/**
 * Senders of a collecting account (internal; shared by funnel_account and corridor_collector): who
 * counts as a sender, the newest-first scan that groups an account's inflows by sender, families
 * among them, standing arrangements, amount similarity and rotating-savings payouts.
 */
import type { EntityRef, EntityWindow, RuleContext, WindowEvent } from '../types.js';
import { DAY_MS, compareRefs } from '../_lib.js';
import { rawSenderId } from './funnel-gate.js';
import { cv, familyClusters, isFamily, isOrganisation, median, ownRef, payerOf, phoneKeys, type Payer } from '../_payments.js';

/** @internal A person paying into a collector, with their inflows in the window (oldest first). */
export interface Sender {
  readonly payer: Payer;
  readonly events: WindowEvent[];
  /** Oldest inflow of this sender seen in the scan, history included. */
  oldest: number;
  /** This sender's newest inflow before the window, if any (a standing arrangement shows in it). */
  previous: WindowEvent | undefined;
}

/** @internal What one pass over a collector's window found. */
export interface SenderScan {
  /** Counted senders by payer key (inflows since `from`), in no particular order. */
  readonly senders: Map<string, Sender>;
  /** Largest transfer out to each counterparty account since `from` (rotating-savings pot payouts). */
  readonly paidOut: Map<string, number>;
  /** The scan stopped at `maxScan` before reaching the start of the history. */
  readonly truncated: boolean;
  /** More senders paid in the window than `maxSenders`: only the most recent were analysed. */
  readonly sampled: boolean;
}

/** @internal Bounds of one scan. */
export interface ScanLimits {
  readonly maxScan: number;
  readonly maxSenders: number;
}

/**
 * @internal The newest event's sender, if it is one a collector rule counts: a person (not an
 * organisation) outside the holder's family, paying by transfer or third-party cash.
 */
export function countedSender(window: EntityWindow, context: RuleContext, last: WindowEvent): { payer: Payer; keep: (p: Payer) => boolean } | undefined {
  if (rawSenderId(last, window.account?.party) === undefined) return undefined;
  const payer = payerOf(window, last, context, false);
  if (payer === undefined) return undefined;
  const holder = ownRef(window, last);
  const keep = (p: Payer): boolean => !isOrganisation(p, context) && !isFamily(context.identity.familyLink(holder, p));
  return keep(payer) ? { payer, keep } : undefined;
}

/**
 * @internal One bounded pass, newest first, over inflows since `historyFrom`: groups the inflows
 * since `from` of the most recent `maxSenders` counted senders and notes each one's oldest inflow
 * (older senders are only noted as `sampled`, so the cost per evaluation stays linear and cheap).
 * Returns `undefined` as soon as the newest event's sender turns out to have paid since
 * `repeatFrom` (no new sender: nothing changed).
 */
export function scanSenders(
  window: EntityWindow, context: RuleContext, keep: (p: Payer) => boolean, from: number, historyFrom: number, repeatFrom: number, limits: ScanLimits,
): SenderScan | undefined {
  const { maxScan, maxSenders } = limits;
  const { events, start } = window;
  const holderParty = window.account?.party;
  const last = events.length - 1;
  const id0 = rawSenderId(events[last] as WindowEvent, holderParty);
  const byRaw = new Map<string, Sender | null>();
  const senders = new Map<string, Sender>();
  const paidOut = new Map<string, number>();
  let sampled = false;
  let i = last;
  for (let n = 0; i >= start && n < maxScan; i--, n++) {
    const e = events[i] as WindowEvent;
    if (e.ts < historyFrom) break;
    if (e.direction === 'out') {
      if (e.ts >= from && e.kind === 'transfer' && e.counterparty !== undefined) paidOut.set(e.counterparty, Math.max(paidOut.get(e.counterparty) ?? 0, e.amount));
      continue;
    }
    const raw = rawSenderId(e, holderParty);
    if (raw === undefined) continue;
    if (i !== last && raw === id0 && e.ts >= repeatFrom) return undefined;
    let g = byRaw.get(raw);
    if (g === undefined) {
      if (e.ts < from) continue; // only in the history: not a sender of this window
      if (byRaw.size >= maxSenders) {
        sampled = true;
        continue;
      }
      const p = payerOf(window, e, context, false);
      g = p === undefined ? null : (senders.get(p.key) ?? (keep(p) ? { payer: p, events: [], oldest: e.ts, previous: undefined } : null));
      if (p !== undefined && g !== null) senders.set(p.key, g);
      byRaw.set(raw, g);
    }
    if (g === null) continue;
    g.oldest = e.ts;
    if (e.ts >= from) g.events.push(e);
    else g.previous ??= e;
  }
  for (const g of senders.values()) g.events.reverse();
  const truncated = i >= start && (events[i] as WindowEvent).ts >= historyFrom;
  return { senders, paidOut, truncated, sampled };
}

/** @internal Senders with inflows since `from`, each with only those inflows (the newest earlier one becomes `previous`). */
export function sendersSince(senders: Iterable<Sender>, from: number): Sender[] {
  const out: Sender[] = [];
  for (const s of senders) {
    // In time order: when the oldest is since `from`, all are (the list itself, read only from here on).
    const events = s.events.length > 0 && (s.events[0] as WindowEvent).ts >= from ? s.events : s.events.filter((e) => e.ts >= from);
    if (events.length === 0) continue;
    // The newest inflow before `from`: the last one dropped here, else the scan's.
    const previous = events.length < s.events.length ? s.events[s.events.length - events.length - 1] : s.previous;
    out.push({ payer: s.payer, events, oldest: s.oldest, previous });
  }
  return out;
}

/** A monthly cycle, less a week of slack for late or early payers: the shortest gap of a standing monthly payment. */
const CYCLE_GAP_MS = 25 * DAY_MS;

/**
 * @internal Whether a sender who paid before the window did so under a standing arrangement, as
 * the lawful many-payer accounts do (RESEARCH §c.5): a savings group's fixed stake, a rent, an
 * instalment — its first payment in the window repeats its previous one (within ±`tolerance`), or
 * comes once a cycle (a month or more after it, as when a rent is raised or a stake is bid). A
 * sender who paid before, within the month and in another amount — a funnel's repeat payers,
 * "paying repeatedly" (RESEARCH §d #16) — has no such arrangement and still counts as new. O(1).
 */
export function standingArrangement(s: Sender, tolerance: number): boolean {
  const firstIn = s.events[0];
  const lastPrior = s.previous;
  if (firstIn === undefined || lastPrior === undefined) return true;
  if (firstIn.ts - lastPrior.ts >= CYCLE_GAP_MS) return true;
  const bp = Math.round(tolerance * 10_000);
  return Math.abs(firstIn.amount - lastPrior.amount) * 10_000 <= bp * Math.max(firstIn.amount, lastPrior.amount);
}

/**
 * @internal Distinct families among senders (one household, family name or phone quoted in deposits = one family), and how many are new since `from`.
 * With `fixedTolerance`, a sender who paid before `from` is old only under a standing arrangement ({@link standingArrangement}).
 */
export function familiesOf(senders: readonly Sender[], context: RuleContext, from: number, fixedTolerance?: number): { families: number; newFamilies: number } {
  const clusters = familyClusters(senders.map((s) => s.payer), context, false, phoneKeys(senders, context));
  const old = new Map<string, boolean>();
  for (const s of senders) {
    const c = clusters.clusterOf(s.payer.key);
    const established = s.oldest < from && (fixedTolerance === undefined || standingArrangement(s, fixedTolerance));
    old.set(c, (old.get(c) ?? false) || established);
  }
  let newFamilies = 0;
  for (const v of old.values()) if (!v) newFamilies++;
  return { families: old.size, newFamilies };
}

/** @internal Similar-amounts sub-score: CV ≤ `maxCv`, or ≥ `minShare` of amounts within ±`tolerance` of the median. */
export function amountSimilarity(amounts: readonly number[], maxCv: number, tolerance: number, minShare: number): { cv: number; nearMedianShare: number; similar: boolean } {
  if (amounts.length === 0) return { cv: 0, nearMedianShare: 0, similar: false };
  const m2 = median(amounts) * 2; // an integer: the median of integers is a whole or half unit
  const bp = Math.round(tolerance * 10_000);
  let near = 0;
  for (const a of amounts) if (Math.abs(2 * a - m2) * 10_000 <= bp * m2) near++;
  const c = cv(amounts);
  const share = near / amounts.length;
  return { cv: c, nearMedianShare: share, similar: c <= maxCv || share >= minShare };
}

/** @internal Senders who received a pot (≥ 2 × the median stake) back from the account: a rotating savings group paying out in turn. */
export function potsPaid(senders: readonly Sender[], paidOut: ReadonlyMap<string, number>, medianStake: number): number {
  let n = 0;
  for (const s of senders) if (s.payer.account !== undefined && (paidOut.get(s.payer.account) ?? 0) >= 2 * medianStake) n++;
  return n;
}

/** @internal The senders as entity references (accounts, else conductor parties), sorted, at most `max`. */
export function senderRefs(senders: readonly Sender[], max: number): EntityRef[] {
  const refs: EntityRef[] = [];
  for (const s of senders) {
    if (s.payer.account !== undefined) refs.push({ kind: 'account', id: s.payer.account });
    else if (s.payer.party !== undefined) refs.push({ kind: 'party', id: s.payer.party });
  }
  refs.sort(compareRefs);
  return refs.slice(0, max);
}

