import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { HOTSPOTS, hotspotMatcher, type Hotspot, type HotspotMatcher } from '../../domain/hotspots.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, compareRefs, hitOf, isCash, money, newest, flowReference } from '../_lib.js';
import { holderDiscount } from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardFacts, scanGuard, scanRecent } from '../scan-guard.js';

/**
 * Options of {@link hotspotCash}; defaults from RESEARCH §a.1 MS-CASH-01 and §a.3 (*proposed*).
 * @category Rules
 * @example hotspotCashOptionsSchema.parse({ extraHotspots: [{ names: ['Kuala Perlis'], country: 'MY' }] })
 */
export const hotspotCashOptionsSchema = z.object({
  /** Rolling window (RESEARCH: 7 days). */
  windowDays: days(1, 30, 7),
  /** Cash at hotspots in one direction within the window, as a share of the cash threshold T (RESEARCH: 0.5 × T). */
  minShareOfThreshold: ratioOpt(0.1, 1, 0.5),
  /** Distinct hotspot places with cash on one local day (RESEARCH: 2). */
  minSitesPerDay: countOpt(2, 10, 2),
  /** Further places (a bank's own branch list near a landing point); matched like the defaults. */
  extraHotspots: z
    .array(z.object({
      names: z.array(z.string().min(3).max(100)).min(1).max(20),
      /** ISO 3166-1 alpha-2; without it the names match whatever the location country. */
      country: z.string().regex(/^[A-Z]{2}$/).optional(),
      role: z.enum(['departure', 'transit', 'camp', 'landing', 'arrival']).default('landing'),
    }))
    .max(500)
    .default([]),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(50, 50_000),
});
/** Options accepted by {@link hotspotCash}. @category Rules @example const o: HotspotCashOptions = { minSitesPerDay: 3 }; */
export type HotspotCashOptions = z.input<typeof hotspotCashOptionsSchema>;
type Options = z.output<typeof hotspotCashOptionsSchema>;

const ID = 'hotspot_cash';
const INDICATORS = ['MS-CASH-01'] as const;

/**
 * MS-CASH-01, cash at departure, landing, camp and transit places (RESEARCH §a.3): per conductor
 * (party window) or account, within 7 days, cash deposits or withdrawals at hotspots reaching
 * 0.5 × the cash threshold, or cash at ≥ 2 different hotspot places on one local day. A context
 * signal (family `context`): it amplifies other indicators and is never alone a reason to alert.
 * Places are recognised by name in the free-text `location` (see {@link hotspotMatcher}): the
 * input carries no coordinates, so the geofences RESEARCH proposes cannot be drawn. Licensed
 * remitters, government, NGO and business accounts (shops and hotels banking their takings) and
 * residents of the place (address names it) are discounted below half strength.
 * @category Rules
 * @example const rule = hotspotCash({ extraHotspots: [{ names: ['Jeti Kuala Perlis'], country: 'MY' }] });
 */
export function hotspotCash(options: HotspotCashOptions = {}): Rule<typeof ID> {
  const o = parseOptions(hotspotCashOptionsSchema, options, ID);
  const extra: Hotspot[] = o.extraHotspots.map((h, i) => ({ id: `extra_${i + 1}`, country: h.country ?? '', role: h.role, names: h.names, source: 'options' }));
  const matcher = hotspotMatcher([...HOTSPOTS, ...extra]);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'context',
    entities: ['account', 'party'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Context: substantial cash, or cash at several places in a day, at known departure, landing or camp locations.',
    evaluate: (window, context) => evaluate(window, context, o, matcher, rule),
  };
  return rule;
}

/** Strength factor for the holder: those who bank others' cash, or their own takings, as their business. */
const holderFactor = (window: EntityWindow) => holderDiscount(window.account?.type, { factor: 0.4, why: 'business_takings' });

function evaluate(window: EntityWindow, context: RuleContext, o: Options, matcher: HotspotMatcher, rule: Rule): RuleHit[] {
  const last = newest(window);
  if (!isCash(last)) return [];
  const here = matcher.match(last.location, last.tx.locationCountry);
  if (here === undefined) return [];
  const profile = context.jurisdiction;
  // ceil(share × T) in integers: the share in basis points.
  const bp = Math.round(o.minShareOfThreshold * 10_000);
  const minTotal = Math.floor((bp * flowReference(profile) + 9_999) / 10_000);
  const events: WindowEvent[] = [];
  const sites = new Map<string, Hotspot>();
  const today = new Set<string>();
  let deposits = 0;
  let withdrawals = 0;
  const from = last.ts - o.windowDays * DAY_MS + 1;
  const guard = scanGuard(o.maxScan);
  scanRecent(window, from, guard, (e) => {
    if (!isCash(e)) return;
    const site = e === last ? here : matcher.match(e.location, e.tx.locationCountry);
    if (site === undefined) return;
    events.push(e);
    sites.set(site.id, site);
    if (e.day === last.day) today.add(site.id);
    if (e.direction === 'in') deposits += e.amount;
    else withdrawals += e.amount;
  });
  const volume = deposits >= minTotal || withdrawals >= minTotal;
  const spread = today.size >= o.minSitesPerDay;
  if (!volume && !spread) return [];

  const holder = holderFactor(window);
  let factor = holder.factor;
  const discounts: string[] = holder.why === undefined ? [] : [holder.why];
  // A resident of the place banks there as a matter of course.
  const home = matcher.match(window.party?.address, window.party?.country);
  if (home !== undefined && sites.has(home.id)) {
    factor *= 0.5;
    discounts.push('local_resident');
  }
  const top = Math.max(deposits, withdrawals);
  const strength = (0.35 + 0.05 * Math.min(3, sites.size - 1) + (volume && spread ? 0.1 : 0) + (top >= profile.cashThreshold ? 0.1 : 0)) * factor;
  const names = [...sites.values()].map((s) => s.names[0] as string).sort();
  const what = deposits >= withdrawals ? `${money(profile, deposits)} in cash deposits` : `${money(profile, withdrawals)} in cash withdrawals`;
  const reason = spread
    ? `Possible hotspot cash pattern: cash at ${today.size} departure, landing or camp locations on one day (${names.join(', ')}), ${what} at such places within ${o.windowDays} days.`
    : `Possible hotspot cash pattern: ${what} at departure, landing or camp locations (${names.join(', ')}) within ${o.windowDays} days.`;
  const facts: Record<string, number | string | boolean> = {
    sites: sites.size,
    sitesSameDay: today.size,
    places: [...sites.keys()].sort().join(','),
    depositsMinor: deposits,
    withdrawalsMinor: withdrawals,
    minTotalMinor: minTotal,
    count: events.length,
    windowDays: o.windowDays,
  };
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  const hit = hitOf(rule, window, events, strength, reason, guardFacts(facts, guard));
  // Ties for network alerts: a conductor's accounts, or an account's conductors.
  const ids = new Set<string>();
  const related: EntityRef[] = [];
  for (const e of events) {
    const ref: EntityRef | undefined =
      window.kind === 'party' ? (e.counterparty === undefined ? undefined : { kind: 'account', id: e.counterparty })
        : e.conductor === undefined || e.conductor === window.account?.party ? undefined : { kind: 'party', id: e.conductor };
    if (ref !== undefined && !ids.has(`${ref.kind}:${ref.id}`)) {
      ids.add(`${ref.kind}:${ref.id}`);
      related.push(ref);
    }
  }
  related.sort(compareRefs);
  return [related.length > 0 ? { ...hit, related } : hit];
}
