import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { counterpartiesOf, counterpartyCounts, transfersWith, type CounterpartyCounts } from '../_counterparty-counts.js';
import { DAY_MS, hitOf, isTradeAccount, newest } from '../_lib.js';
import type { EntityWindow, HitFacts, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';

/**
 * Options of {@link fanLeg} (MS-FAN-02, MS-FAN-03; labelled defaults, tuned on the
 * AMLSim dev run, see the rule's doc comment).
 * @category Rules
 * @example fanLegOptionsSchema.parse({ maxPayerDegree: 1 })
 */
export const fanLegOptionsSchema = z.strictObject({
  /** Distinct counterparties per direction are counted within this many days (three months). */
  lookbackDays: z.number().int().min(7).max(365).default(90),
  /**
   * Most distinct recipients a payer may have paid within the lookback for its payment to be a
   * dedicated fan-in leg (2). The spokes of a collection hub pay the hub and little else; a
   * household paying a shop, a landlord and a friend has moved on to a third.
   */
  maxPayerDegree: z.number().int().min(1).max(10).default(2),
  /** Most distinct senders a payee may have had within the lookback for its receipt to be a dedicated fan-out leg (3). */
  maxPayeeDegree: z.number().int().min(1).max(10).default(3),
  /**
   * Distinct recipients within the lookback at which a payer is marked broad (10): a payroll, a
   * supplier run or a weekly standing-order book, whose many quiet payees are its trade, not a
   * dispersal (on the AMLSim dev run such payers reach 12–14 distinct payees a quarter, fan-out
   * patterns 5–8).
   */
  broadPayerDegree: z.number().int().min(3).max(1000).default(10),
  /**
   * Distinct senders within the lookback at which a payee is marked broad (25): a hawker's or a
   * landlord's customers, not a collection (on the scenario bank hawkers see 50 or more a quarter;
   * AMLSim fan-in hubs at most 18).
   */
  broadPayeeDegree: z.number().int().min(3).max(1000).default(25),
  /**
   * Days an account opened before it was first seen (accounts.csv `opened_at`) must have been
   * observed before its legs count: at the start of the data every counterparty is new and every
   * degree small (a tenant's first rent payment in the data looks like a dedicated leg). Accounts
   * opened since, or of unknown age, are judged at once. Two monthly cycles (60).
   */
  minHistoryDays: z.number().int().min(0).max(365).default(60),
}).refine((o) => o.broadPayerDegree > o.maxPayerDegree + 1 && o.broadPayeeDegree > o.maxPayeeDegree + 1, {
  message: 'a broad degree must exceed the dedicated degree + 1',
  path: ['broadPayerDegree'],
});

/** Options accepted by {@link fanLeg}. @category Rules @example const o: FanLegOptions = { maxPayerDegree: 1 }; */
export type FanLegOptions = z.input<typeof fanLegOptionsSchema>;
type Options = z.output<typeof fanLegOptionsSchema>;

/** @internal Counterparty → transfers with the account within the lookback, per direction (see {@link CounterpartyCounts}; the rule reads `ins` and `outs`). */
export type FanLegState = CounterpartyCounts;

type Edge = WindowEvent & { counterparty: string };
const isEdge = (e: WindowEvent): e is Edge => e.kind === 'transfer' && e.counterparty !== undefined && e.counterparty !== '';

const ID = 'fan_leg';
/** MS-FAN-02, fan-in through dedicated payers (a new id in the style of RESEARCH §a.1, next to MS-FAN-01; the catalogue lives in ../shared/domain/RESEARCH.md). */
export const FAN_IN_INDICATOR = 'MS-FAN-02';
/** MS-FAN-03, fan-out to dedicated payees (see {@link FAN_IN_INDICATOR}). */
export const FAN_OUT_INDICATOR = 'MS-FAN-03';
const INDICATORS = [FAN_IN_INDICATOR, FAN_OUT_INDICATOR] as const;

/**
 * Fan legs (MS-FAN-02, MS-FAN-03): evidence, from the spoke's side, for a fan-in or
 * fan-out hub. A hub's own window cannot tell a collection from a shop's takings — both have many
 * senders paying once — but its spokes can: a fan-in spoke pays the hub and hardly anyone else, a
 * fan-out spoke is paid by the hub and hardly anyone else. On a transfer with a counterparty new to
 * the account (one transfer that way within `lookbackDays`) the rule raises one **strength-0** hit:
 *
 * - role `payer` (variant `out>HUB`): the account has paid at most `maxPayerDegree` distinct
 *   recipients within the lookback, this one included — a dedicated fan-in leg to HUB;
 * - role `payee` (variant `in>HUB`): it has been paid by at most `maxPayeeDegree` distinct senders —
 *   a dedicated fan-out leg from HUB;
 * - role `busy_payer` / `busy_payee` (variants `out-busy`, `in-busy`): the new counterparty is the
 *   one past that degree. The network stage voids the account's legs within a lookback of it (an
 *   account that pays one today and five next month was never dedicated; a stream sees only the past);
 * - role `broad_payer` / `broad_payee` (variants `out-broad`, `in-broad`): the account has at least
 *   `broadPayerDegree` distinct recipients (`broadPayeeDegree` senders) within the lookback — a
 *   payroll or standing-order book, a hawker's or landlord's customers: its many dedicated spokes
 *   are its trade. The hit's window is the lookback it counted, so the markers of a broad period
 *   merge into one episode covering it.
 *
 * The engine emits no alert whose hits all have strength 0; the network stage
 * (`src/engine/fan.ts`) counts each hub's dedicated legs and only fan structures alert. Amounts,
 * names and geography are not read: the legs rest on counterparty counts alone. Business, NGO,
 * government and remitter accounts, and accounts missing from accounts.csv when it is given (seen
 * only through our customers, whose other counterparties we cannot see), are not judged; nor is a
 * counterparty the account also paid (or was paid by) within the lookback — money both ways is a
 * mutual relation (a savings-group member and its organiser), not a spoke: role `mutual` (variant
 * `mutual>HUB`) marks it, and the network stage voids the account's legs with HUB — nor is an
 * account older than the data before `minHistoryDays` of observation. Bounds:
 * one count per counterparty and direction in the lookback; O(1) per event, at most one hit.
 * @category Rules
 * @example const rule = fanLeg({ maxPayerDegree: 1 });
 */
export function fanLeg(options: FanLegOptions = {}): Rule<typeof ID, FanLegState> {
  const o = parseOptions(fanLegOptionsSchema, options, ID);
  return {
    id: ID,
    indicators: INDICATORS,
    // Evidence for the network stage: corroborates nothing and scores nothing on its own.
    family: 'context',
    entities: ['account'],
    windowMs: o.lookbackDays * DAY_MS,
    options: o,
    description: 'Fan leg: an account paying, or paid by, one new counterparty and hardly anyone else (evidence counted into fan-in and fan-out hubs by the network stage).',
    // The counterparty counts layering_hop keeps: one state per account when their lookbacks agree.
    incremental: counterpartyCounts(o.lookbackDays * DAY_MS),
    evaluate: (window, context, s) => evaluate(window, context, s, o),
  };
}

function evaluate(window: EntityWindow, context: RuleContext, s: FanLegState, o: Options): RuleHit[] {
  const e = newest(window);
  if (!isEdge(e) || e.counterparty === window.id) return [];
  if (transfersWith(s, e.counterparty, e.direction) !== 1) return [];
  if (isTradeAccount(window)) return [];
  if (context.accounts.size > 0 && window.account === undefined) return [];
  const firstSeen = window.expiredTs ?? (window.events[window.start] as WindowEvent).ts;
  const openedAt = window.account?.openedAt;
  if (openedAt !== undefined && openedAt < firstSeen - DAY_MS && e.ts - firstSeen < o.minHistoryDays * DAY_MS) return [];
  const degree = counterpartiesOf(s, e.direction);
  const max = e.direction === 'out' ? o.maxPayerDegree : o.maxPayeeDegree;
  const side = e.direction === 'out' ? 'payer' : 'payee';
  const leg = (role: FanLegRole): RuleHit => {
    const f: FanLegFacts = { role, hub: e.counterparty, tx: e.id, ts: e.ts, amount: e.amount, degree, lookbackDays: o.lookbackDays };
    return hitOf({ id: ID, indicators: INDICATORS }, window, [e], 0, fanLegReason(f), f as unknown as HitFacts, fanLegVariant(f));
  };
  // Money both ways with the counterparty within the lookback (a savings-group member paying its
  // organiser and paid the pot, friends settling up) is a mutual relation, not a dedicated spoke:
  // no leg, and a marker that voids the earlier leg the other way.
  if (transfersWith(s, e.counterparty, e.direction === 'in' ? 'out' : 'in') > 0) return [leg('mutual')];
  if (degree <= max) return [leg(side)];
  if (degree === max + 1) return [leg(side === 'payer' ? 'busy_payer' : 'busy_payee')];
  if (degree >= (e.direction === 'out' ? o.broadPayerDegree : o.broadPayeeDegree)) {
    // The marker covers the lookback it counted: successive markers overlap and merge into one
    // record spanning the whole broad period, however long (the network stage reads its window).
    const hit = leg(side === 'payer' ? 'broad_payer' : 'broad_payee');
    return [{ ...hit, window: { from: e.ts - o.lookbackDays * DAY_MS + 1, to: e.ts } }];
  }
  return [];
}

/** @internal What a `fan_leg` hit says about the account: a dedicated leg, a void marker, a broad marker or a mutual relation (see {@link fanLeg}). */
export type FanLegRole = 'payer' | 'payee' | 'busy_payer' | 'busy_payee' | 'broad_payer' | 'broad_payee' | 'mutual';

/**
 * @internal The facts of a `fan_leg` hit (strength 0): its role, the counterparty (`hub`), the
 * transaction that raised it, its time and amount, the account's distinct counterparties that way
 * within the lookback (`degree`), and the lookback. The engine keeps a leg as these facts alone (see
 * `src/engine/fan-legs.ts`).
 */
export type FanLegFacts = {
  readonly role: FanLegRole;
  readonly hub: string;
  readonly tx: string;
  readonly ts: number;
  readonly amount: number;
  readonly degree: number;
  readonly lookbackDays: number;
};

/** @internal Indicators of a fan leg. */
export const FAN_LEG_INDICATORS = INDICATORS;

/** @internal The variant of a fan leg (one per hub for legs and mutual markers, one per side for void and broad markers). */
export function fanLegVariant(f: FanLegFacts): string {
  switch (f.role) {
    case 'payer': return `out>${f.hub}`;
    case 'payee': return `in>${f.hub}`;
    case 'mutual': return `mutual>${f.hub}`;
    case 'busy_payer': return 'out-busy';
    case 'busy_payee': return 'in-busy';
    case 'broad_payer': return 'out-broad';
    case 'broad_payee': return 'in-broad';
  }
}

/** @internal The sentence of a fan leg, from its facts alone. */
export function fanLegReason(f: FanLegFacts): string {
  const days = f.lookbackDays;
  switch (f.role) {
    case 'mutual': return `Mutual relation: money both ways with ${f.hub} within ${days} days.`;
    case 'payer': return `Fan leg: paid ${f.hub} (${f.tx}), one of ${f.degree} recipient(s) within ${days} days.`;
    case 'payee': return `Fan leg: paid by ${f.hub} (${f.tx}), one of ${f.degree} sender(s) within ${days} days.`;
    case 'busy_payer': return `Fan leg void: ${f.degree} distinct recipients within ${days} days.`;
    case 'busy_payee': return `Fan leg void: ${f.degree} distinct senders within ${days} days.`;
    case 'broad_payer': return `Broad payer: ${f.degree} distinct recipients within ${days} days.`;
    case 'broad_payee': return `Broad payee: ${f.degree} distinct senders within ${days} days.`;
  }
}
