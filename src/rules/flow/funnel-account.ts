import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, accountTypeFactor, hitOf, historyFactor, historyCoverage, HISTORY_UNSEEN, money, newest, ratio, flowReference } from '../_lib.js';
import { funnelGate, hasNoGeography, regionCount, regionOf, type FunnelGateState } from './funnel-gate.js';
import { indexedSenders, senderIndex, type SenderIndex } from './sender-index.js';
import { counterpartyCountryOf, median, ownCountryOf, type Payer } from '../_payments.js';
import { CO_RESIDENT_FACTOR, coResidentDiscount } from '../_co-resident.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { amountSimilarity, countedSender, familiesOf, potsPaid, senderRefs, sendersSince, type Sender, type SenderScan } from './senders.js';
import { carrierSettlement } from './carrier-settlement.js';

/** Options of {@link funnelAccount}; defaults from RESEARCH §a.1 / §c.4 (MS-FUN-01, all *proposed*). @category Rules
 * @example funnelAccountOptionsSchema.parse({ minSendersShort: 6 }) */
export const funnelAccountOptionsSchema = z
  .object({
    /** Short window D (7 d) and its distinct-sender minimum n_min (5). */
    shortWindowDays: days(1, 30, 7),
    minSendersShort: countOpt(2, 200, 5),
    /** Long window D (30 d) and its distinct-sender minimum n_min (10). */
    longWindowDays: days(2, 90, 30),
    minSendersLong: countOpt(2, 1000, 10),
    /** Distinct sender regions g_min (countries abroad; domestic institutions or cash locations). Where the payments carry no geography at all the condition stands down and the hit weakens (× 0.8); 1 disables it. */
    minRegions: countOpt(1, 50, 2),
    /** Share of sender families new to the account, p_new (0.8): no payment before the window, or only repeat payments outside a standing arrangement (same amount, or once a month). */
    minNewShare: ratioOpt(0, 1, 0.8),
    /** History before the window searched for earlier payments by the same senders (payroll, rent, savings groups). */
    historyDays: days(0, 365, 60),
    /** Similar-amounts sub-score: CV of the amounts ≤ cv_max (0.25), or ≥ q (0.6) of them within ±X (15 %) of the median. */
    maxAmountCv: ratioOpt(0, 2, 0.25),
    similarTolerance: ratioOpt(0.01, 0.5, 0.15),
    minSimilarShare: ratioOpt(0.1, 1, 0.6),
    /**
     * Payments below this share of the cash threshold are not counted (MYR 125, USD 50 at the
     * defaults): a hawker's or online shop's many small customer payments are not collection.
     */
    minPaymentShareOfThreshold: ratioOpt(0, 1, 0.005),
    /** The counted payments must total at least this share of the cash threshold (MYR 2,500; one smuggling fee is MYR 2,200–10,000, RESEARCH §a.2). */
    minTotalShareOfThreshold: ratioOpt(0, 10, 0.1),
    /** Most sender accounts listed in `related`. */
    maxRelated: countOpt(0, 1000, 50),
    /** Most recent distinct senders analysed per evaluation; beyond it counts are lower bounds (the strength saturates long before). */
    maxSenders: countOpt(20, 5000, 100),
    /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.historyTruncated`. */
    maxScan: scanGuardOpt(100, 100_000),
  })
  .refine((o) => o.longWindowDays >= o.shortWindowDays, { message: 'longWindowDays must be at least shortWindowDays', path: ['longWindowDays'] })
  .refine((o) => o.maxSenders >= Math.max(o.minSendersShort, o.minSendersLong), { message: 'maxSenders must be at least the sender minimums', path: ['maxSenders'] });
/** Options accepted by {@link funnelAccount} (defaults filled in). @category Rules @example const o: FunnelAccountOptions = { minRegions: 1 }; */
export type FunnelAccountOptions = z.input<typeof funnelAccountOptionsSchema>;
type Options = z.output<typeof funnelAccountOptionsSchema>;

const ID = 'funnel_account';
const INDICATORS = ['MS-FUN-01'] as const;

/**
 * MS-FUN-01, funnel / collection account (many-to-one, the AMLSim "fan-in"): within 7 days ≥ 5
 * (or within 30 days ≥ 10) distinct sender families pay one account by transfer or third-party
 * cash, from ≥ 2 regions (countries abroad, else the sender's institution or the cash location),
 * with ≥ 80 % of them new to the account (a sender who paid before counts as new unless under a
 * standing arrangement: the same amount again, or once a month — a funnel's payers pay repeatedly). Senders of the holder's own family and organisations
 * are not counted; senders of one household or family are counted once. Similar amounts (CV ≤ 0.25
 * or ≥ 60 % within ±15 % of the median) raise the strength. Licensed remitters and government
 * accounts never fire; businesses and NGOs are discounted below half strength; payroll and rent
 * receivers and rotating savings groups (the same payers every cycle; the pot paid back to a
 * member) fail the new-sender share or are discounted. An old account whose history before the
 * window is not in the data is discounted towards × 0.3 (`history_unseen`), unless three or more
 * senders pay from two or more foreign countries (no standing local arrangement: facts
 * `sendersAbroad`, `countriesAbroad`). The senders are listed in `related`.
 * @category Rules
 * @example const rule = funnelAccount({ minRegions: 1 });
 */
export function funnelAccount(options: FunnelAccountOptions = {}): Rule<typeof ID> {
  const o = parseOptions(funnelAccountOptionsSchema, options, ID);
  const windowMs = (o.longWindowDays + o.historyDays) * DAY_MS;
  const gate = funnelGate(o);
  const index = senderIndex(windowMs);
  const rule: Rule<typeof ID, FunnelState> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs,
    options: o,
    description: 'Possible funnel-account pattern: many new, unrelated senders from several places paying one account.',
    // The gate's counts (horizons 0 and 1: the short and the long window) and the sender index (horizon 2: the rule's window).
    incremental: {
      horizonsMs: [...gate.horizonsMs, ...index.horizonsMs],
      init: () => ({ gate: gate.init(), index: index.init() }),
      // The index takes an event in before the gate counts it on the sender's entry, and lets it go after (the rule's window is the longest horizon).
      enter(s, e, window, context) {
        index.enter(s.index, e, window, context);
        gate.enter(s.gate, s.index, e, window, context);
      },
      leave(s, e, horizon, window, context) {
        if (horizon < 2) gate.leave(s.gate, s.index, e, horizon, window, context);
        else index.leave(s.index, e, 0, window, context);
      },
    },
    evaluate: (window, context, state) =>
      gate.mayFire(state.gate) ? funnelDecision(window, context, o, rule, (keep, from, repeatFrom) => indexedSenders(state.index, window, context, keep, from, repeatFrom, o)) : [],
  };
  return rule as Rule<typeof ID>;
}

/** @internal State of {@link funnelAccount} for one account: the gate's counts and the sender index. */
export interface FunnelState {
  readonly gate: FunnelGateState;
  readonly index: SenderIndex;
}

/**
 * @internal How a funnel evaluation reads the senders since `from` (history back to the rule
 * window's start; `undefined` when the newest event's sender also paid since `repeatFrom`).
 */
export type SendersOf = (keep: (p: Payer) => boolean, from: number, repeatFrom: number) => SenderScan | undefined;

/** Distinct regions of the counted payments (see {@link regionOf}). */
function countRegions(events: readonly WindowEvent[], window: EntityWindow, context: RuleContext): number {
  const set = new Set<string>();
  let domestic = false;
  let specific = false;
  for (const e of events) {
    const r = regionOf(e, ownCountryOf(window, e) ?? context.jurisdiction.code, context);
    if (r === 'domestic') domestic = true;
    else {
      set.add(r);
      if (!r.startsWith('c:')) specific = true;
    }
  }
  return regionCount(set.size, domestic, specific);
}

/** Fewest senders abroad, from at least {@link MIN_COUNTRIES_ABROAD} countries, for which unseen history does not discount a funnel. */
const MIN_SENDERS_ABROAD = 3;
/** Fewest foreign countries those senders pay from. */
const MIN_COUNTRIES_ABROAD = 2;

/** Senders with a transfer from a country other than the account's own, and how many countries they pay from. */
function sendersAbroad(senders: readonly Sender[], window: EntityWindow, context: RuleContext): { senders: number; countries: number } {
  const countries = new Set<string>();
  let n = 0;
  for (const s of senders) {
    let abroad = false;
    for (const e of s.events) {
      if (e.kind !== 'transfer') continue;
      const own = ownCountryOf(window, e) ?? context.jurisdiction.code;
      const c = counterpartyCountryOf(e, context);
      if (c !== undefined && c !== own) {
        countries.add(c);
        abroad = true;
      }
    }
    if (abroad) n++;
  }
  return { senders: n, countries: countries.size };
}

interface Candidate {
  readonly days: number;
  readonly senders: Sender[];
  readonly events: WindowEvent[];
  readonly strength: number;
  readonly facts: Record<string, number | string | boolean>;
  readonly families: number;
  readonly regions: number;
  readonly newShare: number;
  readonly similar: boolean;
  readonly total: number;
}

/** @internal The rule's decision, given how to read the senders (the index, or in tests the window scan it replaced). */
export function funnelDecision(window: EntityWindow, context: RuleContext, o: Options, rule: Pick<Rule, 'id' | 'indicators'>, sendersOf: SendersOf): RuleHit[] {
  const last = newest(window);
  if (last.direction !== 'in' || (last.kind !== 'transfer' && last.kind !== 'cash_deposit')) return [];
  const type = window.account?.type;
  if (type === 'msb' || type === 'government') return [];
  const minPayment = o.minPaymentShareOfThreshold * flowReference(context.jurisdiction);
  if (last.amount < minPayment) return [];
  const first = countedSender(window, context, last);
  if (first === undefined) return [];
  const longFrom = last.ts - o.longWindowDays * DAY_MS + 1;
  const shortFrom = last.ts - o.shortWindowDays * DAY_MS + 1;
  const scan = sendersOf(first.keep, longFrom, shortFrom);
  if (scan === undefined) return [];
  let best: Candidate | undefined;
  for (const [days, minSenders, from] of [[o.shortWindowDays, o.minSendersShort, shortFrom], [o.longWindowDays, o.minSendersLong, longFrom]] as const) {
    const c = candidate(window, context, o, scan, days, minSenders, from);
    if (c !== undefined && (best === undefined || c.strength >= best.strength)) best = c;
  }
  if (best === undefined) return [];
  const profile = context.jurisdiction;
  const n = best.senders.length;
  const reason =
    `Possible funnel-account pattern: ${scan.sampled ? 'at least ' : ''}${best.families} unrelated senders${n > best.families ? ` (${n} payers)` : ''} from ${best.regions} ` +
    `place${best.regions === 1 ? '' : 's'} paid this account ${money(profile, best.total)} in ${best.events.length} payments within ${best.days} days, ` +
    `${Math.round(best.newShare * 100)} % of them paying it for the first time${best.similar ? ', in similar amounts' : ''}` +
    (typeof best.facts['historyCoverage'] === 'number' ? ` — though only ${Math.round(best.facts['historyCoverage'] * o.historyDays)} of the ${o.historyDays} days before them are in the data, so "first time" is uncertain.` : '.');
  return [{ ...hitOf(rule, window, best.events, best.strength, reason, best.facts), related: senderRefs(best.senders, o.maxRelated) }];
}

function candidate(window: EntityWindow, context: RuleContext, o: Options, scan: SenderScan, days: number, minSenders: number, from: number): Candidate | undefined {
  const minPayment = o.minPaymentShareOfThreshold * flowReference(context.jurisdiction);
  const senders = sendersSince(scan.senders.values(), from).filter((s) => s.events.some((e) => e.amount >= minPayment));
  if (senders.length < minSenders) return undefined;
  const { families, newFamilies } = familiesOf(senders, context, from, o.similarTolerance);
  if (families < minSenders) return undefined;
  const newShare = newFamilies / families;
  if (newShare < o.minNewShare) return undefined;
  const events: WindowEvent[] = [];
  for (const s of senders) for (const e of s.events) if (e.amount >= minPayment) events.push(e);
  let total = 0;
  for (const e of events) total += e.amount;
  if (total < o.minTotalShareOfThreshold * flowReference(context.jurisdiction)) return undefined;
  const regions = countRegions(events, window, context);
  // Input without any geography cannot show regions: the condition stands down and the hit weakens (× 0.8).
  const noGeography = regions < o.minRegions && events.every((e) => hasNoGeography(e, window, context));
  if (regions < o.minRegions && !noGeography) return undefined;
  const amounts = events.map((e) => e.amount);
  const sim = amountSimilarity(amounts, o.maxAmountCv, o.similarTolerance, o.minSimilarShare);
  const discounts: string[] = [];
  let factor = accountTypeFactor(window);
  let cap = 1;
  if (noGeography) {
    factor *= 0.8;
    discounts.push('no_geography');
  }
  const type = window.account?.type;
  if (type === 'business' || type === 'ngo') {
    discounts.push(`${type}_account`);
    cap = 0.45; // a declared collector: below half strength
  }
  const carrier = carrierSettlement(window);
  if (carrier !== undefined) {
    factor *= carrier.factor;
    discounts.push(carrier.why);
  }
  // Senders paying from abroad are no standing local arrangement (a landlord's tenants, a savings
  // group, a payroll) whose repeat payments unseen history could hide: several countries' senders
  // make "first time" plain whatever the history shows.
  const abroad = sendersAbroad(senders, window, context);
  const fromAbroad = abroad.senders >= MIN_SENDERS_ABROAD && abroad.countries >= MIN_COUNTRIES_ABROAD;
  const coverage = fromAbroad ? 1 : historyCoverage(window, from, o.historyDays);
  if (coverage < 1) {
    factor *= historyFactor(coverage);
    discounts.push(HISTORY_UNSEEN);
  }
  const pots = potsPaid(senders, scan.paidOut, median(amounts));
  if (pots > 0) {
    factor *= 0.2;
    discounts.push('rotating_savings_payout');
  }
  const coResident = coResidentDiscount(senders.map((s) => s.payer), context);
  if (coResident !== undefined) {
    factor *= CO_RESIDENT_FACTOR;
    discounts.push('co_resident_payers');
  }
  const strength = Math.min(cap,
    (0.45 + 0.05 * Math.min(6, families - minSenders) + 0.05 * Math.max(0, Math.min(3, regions - o.minRegions)) + (sim.similar ? 0.15 : 0)) * factor);
  const facts: Record<string, number | string | boolean> = {
    senders: families, payers: senders.length, regions, newShare: ratio(newShare), payments: events.length, totalMinor: total,
    windowDays: days, amountCv: ratio(sim.cv), nearMedianShare: ratio(sim.nearMedianShare), similarAmounts: sim.similar,
  };
  if (pots > 0) facts['potsPaidOut'] = pots;
  if (coResident !== undefined) facts['coResidentPayers'] = coResident;
  if (coverage < 1) facts['historyCoverage'] = ratio(coverage);
  if (abroad.senders > 0) {
    facts['sendersAbroad'] = abroad.senders;
    facts['countriesAbroad'] = abroad.countries;
  }
  if (noGeography) facts['geography'] = 'none';
  if (scan.truncated) facts['historyTruncated'] = true;
  if (scan.sampled) facts['sampledSenders'] = o.maxSenders;
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  return { days, senders, events, strength, facts, families, regions, newShare, similar: sim.similar, total };
}

