import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole } from '../../domain/corridors.js';
import { isCountryCode } from '../../schema/countries.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, accountTypeFactor, hitOf, money, newest, ratio } from '../_lib.js';
import { counterpartyCountryOf, familyClusters, median, ownCountryOf, phoneKeys } from '../_payments.js';
import { amountSimilarity, countedSender, potsPaid, scanSenders, senderRefs, sendersSince } from './senders.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';

/** Options of {@link corridorCollector}; defaults from RESEARCH §a.1 / §c.4 (MS-FUN-02, all *proposed*). @category Rules
 * @example corridorCollectorOptionsSchema.parse({ minSenders: 6 }) */
export const corridorCollectorOptionsSchema = z.object({
  /** Window (14 d). */
  windowDays: days(1, 60, 14),
  /** Distinct unrelated sender families N (5). */
  minSenders: countOpt(2, 200, 5),
  /** Share of sender families paying from ORIGIN ∪ DIASPORA countries (RESEARCH §a.5) other than the collector's, c_frac (0.7). */
  minCorridorShare: ratioOpt(0.1, 1, 0.7),
  /**
   * Distinct unrelated sender families abroad (ORIGIN ∪ DIASPORA countries other than the collector's) that meet the
   * corridor test on their own, whatever the share of domestic payers (3): people abroad who are strangers to the holder
   * do not pay a personal account in a transit or destination country; family remittances flow the other way. 0 disables it.
   */
  minAbroadSenders: countOpt(0, 200, 3),
  /** Share of sender families new to the account (no payment before the window), p_new of MS-FUN-01 (0.8); 0 disables it. */
  minNewShare: ratioOpt(0, 1, 0.8),
  /** History before the window searched for earlier payments by the same senders. */
  historyDays: days(0, 365, 60),
  /** Similar amounts: ≥ q (0.6) of them within ±X (10–15 %, here 15 %) of the median, or CV ≤ 0.25 (MS-FUN-01 cv_max). */
  similarTolerance: ratioOpt(0.01, 0.5, 0.15),
  minSimilarShare: ratioOpt(0.1, 1, 0.6),
  maxAmountCv: ratioOpt(0, 2, 0.25),
  /** Most sender accounts listed in `related`. */
  maxRelated: countOpt(0, 1000, 50),
  /** Most recent distinct senders analysed per evaluation; beyond it counts are lower bounds. */
  maxSenders: countOpt(20, 5000, 100),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.historyTruncated`. */
  maxScan: scanGuardOpt(100, 100_000),
}).refine((o) => o.maxSenders >= o.minSenders, { message: 'maxSenders must be at least minSenders', path: ['maxSenders'] });
/** Options accepted by {@link corridorCollector} (defaults filled in). @category Rules @example const o: CorridorCollectorOptions = { windowDays: 30 }; */
export type CorridorCollectorOptions = z.input<typeof corridorCollectorOptionsSchema>;
type Options = z.output<typeof corridorCollectorOptionsSchema>;

const ID = 'corridor_collector';

/**
 * A wage earner's occupation, or none: a "business" account held by a labourer, a fisherman or an
 * unemployed person is not a declared trade, so it is read as a personal one (MS-PROF-01).
 */
const WAGE_EARNER = /\b(worker|labou?rer|fisherm[ae]n|deckhand|crew|maid|domestic helper|housewife|homemaker|unemployed|student|retired|pensioner)\b/i;

/** Whether the holder declares a wage earner's occupation (or none at all) in parties.csv. */
const wageEarner = (window: EntityWindow): boolean => {
  const occupation = window.party?.occupation;
  return occupation !== undefined && WAGE_EARNER.test(occupation);
};
const INDICATORS = ['MS-FUN-02'] as const;

/**
 * MS-FUN-02, corridor collector, the corridor specialisation of MS-FUN-01: within 14 days ≥ 5
 * unrelated sender families pay one account in a TRANSIT or DESTINATION country (RESEARCH §a.5;
 * the event's own country, else accounts.csv, else the jurisdiction's), ≥ 70 % of them from ORIGIN
 * or DIASPORA countries other than the collector's (the event's sender country, else the sender
 * account's) — or ≥ 3 of them abroad there, whatever the share of domestic payers — and ≥ 80 % of
 * them new to the account. Amounts within ±15 % of each other raise the
 * strength. Direction-aware: only inflows of the collector are read, and a collector in a country
 * that is also an origin (Bangladesh) paid mostly from diaspora countries — the remittance
 * direction — is discounted. The holder's own family (one payer, or senders sharing the holder's
 * family name or address) is not counted; licensed remitters and government accounts never fire;
 * businesses and NGOs are discounted below half strength, except a business account whose holder
 * declares a wage earner's occupation or none (labourer, fisherman, unemployed …), read as personal. Only evaluated when the newest inflow is
 * a corridor payment from a sender new to the window. The senders are listed in `related`.
 * @category Rules
 * @example const rule = corridorCollector({ windowDays: 30, minSenders: 8 });
 */
export function corridorCollector(options: CorridorCollectorOptions = {}): Rule<typeof ID> {
  const o = parseOptions(corridorCollectorOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs: (o.windowDays + o.historyDays) * DAY_MS,
    options: o,
    description: 'Possible corridor-collection pattern: many new, unrelated senders in origin or diaspora countries paying one collector in a transit or destination country.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

/** The collector's country: the event's own side, else accounts.csv, else the jurisdiction's country. */
function collectorCountry(window: EntityWindow, e: WindowEvent, context: RuleContext): string | undefined {
  return ownCountryOf(window, e) ?? (isCountryCode(context.jurisdiction.code) ? context.jurisdiction.code : undefined);
}

/** The sender's country: the event's, else the sending account's (cash is paid in where it is deposited). */
function senderCountry(e: WindowEvent, context: RuleContext, collector: string | undefined): string | undefined {
  if (e.kind === 'cash_deposit') return e.counterpartyCountry ?? e.tx.locationCountry ?? collector;
  return counterpartyCountryOf(e, context);
}

const corridorOrigin = (c: string | undefined, collector: string | undefined): boolean =>
  c !== undefined && c !== collector && (hasRole(c, 'origin') || hasRole(c, 'diaspora'));

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit[] {
  const last = newest(window);
  if (last.direction !== 'in' || (last.kind !== 'transfer' && last.kind !== 'cash_deposit')) return [];
  const type = window.account?.type;
  if (type === 'msb' || type === 'government') return [];
  const country = collectorCountry(window, last, context);
  if (!hasRole(country, 'transit') && !hasRole(country, 'destination')) return [];
  if (!corridorOrigin(senderCountry(last, context, country), country)) return [];
  const first = countedSender(window, context, last);
  if (first === undefined) return [];
  const from = last.ts - o.windowDays * DAY_MS + 1;
  const scan = scanSenders(window, context, first.keep, from, from - o.historyDays * DAY_MS, from, o);
  if (scan === undefined) return [];
  const senders = sendersSince(scan.senders.values(), from);
  if (senders.length < o.minSenders) return [];

  // One family = one sender; a family pays from the corridor, or is new, if any / all of its members do.
  const clusters = familyClusters(senders.map((s) => s.payer), context, false, phoneKeys(senders, context));
  const families = new Map<string, { corridor: boolean; old: boolean; origin: boolean }>();
  const countries = new Set<string>();
  for (const s of senders) {
    const id = clusters.clusterOf(s.payer.key);
    const f = families.get(id) ?? { corridor: false, old: false, origin: false };
    for (const e of s.events) {
      const c = senderCountry(e, context, country);
      if (!corridorOrigin(c, country)) continue;
      f.corridor = true;
      countries.add(c as string);
      if (hasRole(c, 'origin')) f.origin = true;
    }
    if (s.oldest < from) f.old = true;
    families.set(id, f);
  }
  const n = families.size;
  if (n < o.minSenders) return [];
  let corridorFamilies = 0;
  let newFamilies = 0;
  let originFamilies = 0;
  for (const f of families.values()) {
    if (f.corridor) corridorFamilies++;
    if (!f.old) newFamilies++;
    if (f.origin) originFamilies++;
  }
  const corridorShare = corridorFamilies / n;
  const newShare = newFamilies / n;
  const manyAbroad = o.minAbroadSenders > 0 && corridorFamilies >= o.minAbroadSenders;
  if ((corridorShare < o.minCorridorShare && !manyAbroad) || newShare < o.minNewShare) return [];

  const events = senders.flatMap((s) => s.events);
  const amounts = events.map((e) => e.amount);
  const sim = amountSimilarity(amounts, o.maxAmountCv, o.similarTolerance, o.minSimilarShare);
  const discounts: string[] = [];
  const personalBusiness = type === 'business' && wageEarner(window);
  let factor = personalBusiness ? 1 : accountTypeFactor(window);
  let cap = 1;
  if ((type === 'business' && !personalBusiness) || type === 'ngo') {
    discounts.push(`${type}_account`);
    cap = 0.45; // a declared collector: below half strength
  }
  // A collector in an origin country paid mostly from diaspora countries: the way remittances go home.
  if (hasRole(country, 'origin') && originFamilies * 2 < corridorFamilies) {
    factor *= 0.5;
    discounts.push('remittance_direction');
  }
  const pots = potsPaid(senders, scan.paidOut, median(amounts));
  if (pots > 0) {
    factor *= 0.2;
    discounts.push('rotating_savings_payout');
  }
  const strength = Math.min(cap,
    (0.5 + 0.05 * Math.min(5, n - o.minSenders) + (corridorShare >= 0.9 ? 0.1 : 0) + (sim.similar ? 0.15 : 0) + (countries.size >= 2 ? 0.05 : 0)) * factor);

  let total = 0;
  for (const a of amounts) total += a;
  const profile = context.jurisdiction;
  const countryList = [...countries].sort();
  const reason =
    `Possible corridor-collection pattern: ${scan.sampled ? 'at least ' : ''}${n} unrelated senders, ${corridorFamilies} of them in ${countryList.join(', ')}, ` +
    `paid this account in ${country} ${money(profile, total)} in ${events.length} payments within ${o.windowDays} days` +
    `${sim.similar ? ', in similar amounts' : ''}.`;
  const facts: Record<string, number | string | boolean> = {
    senders: n, payers: senders.length, corridorSenders: corridorFamilies, corridorShare: ratio(corridorShare), newShare: ratio(newShare),
    senderCountries: countryList.join(','), collectorCountry: country as string, payments: events.length, totalMinor: total, windowDays: o.windowDays,
    amountCv: ratio(sim.cv), nearMedianShare: ratio(sim.nearMedianShare), similarAmounts: sim.similar,
  };
  if (pots > 0) facts['potsPaidOut'] = pots;
  if (scan.truncated) facts['historyTruncated'] = true;
  if (scan.sampled) facts['sampledSenders'] = o.maxSenders;
  if (personalBusiness) facts['holderOccupation'] = window.party?.occupation as string;
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  return [{ ...hitOf(rule, window, events, strength, reason, facts), related: senderRefs(senders, o.maxRelated) }];
}

