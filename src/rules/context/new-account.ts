import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, hitOf, money, newest, flowReference } from '../_lib.js';
import { nameKey } from '../_names.js';
import { familyClusters, holderDiscount, isFamily, isOrganisation, isWageLike, ownRef, payerOf, type Payer } from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardFacts, scanGuard, scanRecent } from '../scan-guard.js';
import { lowerBound } from '../../_internal/lower-bound.js';

/** Options of {@link newAccount}; defaults from RESEARCH §a.1 / §c.4 (MS-NEW-01). @category Rules
 * @example newAccountOptionsSchema.parse({ dormantDays: 365 }) */
export const newAccountOptionsSchema = z
  .object({
    /** (a) Account age A at the event: `event time − opened_at ≤ A` (MS-NEW-01: 90 d; §c.4 range 7–365 d). */
    maxAgeDays: days(7, 365, 90),
    /** (a) The opening period whose throughput is measured (MS-NEW-01: "throughput in first 30 d"). */
    firstDays: days(1, 90, 30),
    /** (a) Throughput in the opening period, as a multiple of the cash threshold T (MS-NEW-01: V = 2·T). */
    minThroughputMultiple: ratioOpt(0.1, 100, 2),
    /** (a) Distinct counterparties since opening, counted as unrelated families of people (MS-NEW-01: n = 10). */
    minCounterparties: countOpt(2, 500, 10),
    /** (b) Dormancy D: gap since the previous event (MS-NEW-01: 6 months, Viet Nam Decree 19/2023 [S36]; §c.4 range 1–24 months). */
    dormantDays: days(30, 730, 180),
    /**
     * (b) Longest dormancy still read as a re-awakening (MS-NEW-01: 12 months, the reactivation
     * preset [S48]; default two years). The gap is read from the engine's memory of the last
     * activity (`EntityWindow.expiredTs`), so it costs no retained history.
     */
    maxDormantDays: days(30, 3650, 730),
    /** (b) Volume of the first active local day after the dormancy, as a multiple of T (MS-NEW-01: "a single day ≥ T"). */
    minDayMultiple: ratioOpt(0.1, 100, 1),
    /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit` (a re-awakened account with more events than this on its first day back is not judged). */
    maxScan: scanGuardOpt(50, 50_000),
  })
  .refine((o) => o.maxDormantDays >= o.dormantDays, { path: ['maxDormantDays'], message: 'maxDormantDays must be at least dormantDays' })
  .refine((o) => o.firstDays <= o.maxAgeDays, { path: ['firstDays'], message: 'firstDays must not exceed maxAgeDays' });
/** Options accepted by {@link newAccount} (defaults filled in). @category Rules
 * @example const o: NewAccountOptions = { maxAgeDays: 60, dormantDays: 365 }; */
export type NewAccountOptions = z.input<typeof newAccountOptionsSchema>;
type Options = z.output<typeof newAccountOptionsSchema>;

const ID = 'new_account';
const INDICATORS = ['MS-NEW-01'] as const;

/**
 * MS-NEW-01, a new or re-awakened account suddenly handling large volumes or many counterparties.
 * A context signal: it amplifies other indicators in scoring and its strength says how strong the
 * signal is. New (a): at most 90 days after `opened_at`, throughput (the larger of inflow and
 * outflow) within the first 30 days ≥ 2 × the cash threshold T, or ≥ 10 distinct counterparties
 * since opening (people, as unrelated families; organisations and the holder's own family do not
 * count). Re-awakened (b): after ≥ 180 days without any event, the first active local day moves
 * ≥ T (inflow plus outflow). Payroll-like credits and transfers between the holder's own accounts
 * are not throughput, so a salary account does not fire; licensed remitters, government, NGO and
 * business accounts are discounted. Accounts without `opened_at` only get (b). The gap is read
 * from the window, or, when the earlier activity has left it, from `EntityWindow.expiredTs`, so the
 * rule keeps only `maxAgeDays` of history; an account's first event in the data is never treated
 * as a re-awakening: the data do not show activity before the scan.
 * @category Rules
 * @example const rule = newAccount({ dormantDays: 365, maxDormantDays: 730 });
 */
export function newAccount(options: NewAccountOptions = {}): Rule<typeof ID> {
  const o = parseOptions(newAccountOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'context',
    entities: ['account'],
    windowMs: o.maxAgeDays * DAY_MS,
    options: o,
    description: 'Context: a new or long-dormant account suddenly handles large volumes or many counterparties.',
    evaluate: (window, context) => {
      const out: RuleHit[] = [];
      const young = youngAccount(window, context, o, rule);
      if (young !== undefined) out.push(young);
      const awake = reawakened(window, context, o, rule);
      if (awake !== undefined) out.push(awake);
      return out;
    },
  };
  return rule;
}

/**
 * Discount for holders whose new or seasonal accounts move large sums by design: licensed
 * remitters, government, NGOs, and businesses (opening stock, takings) all below half strength.
 */
const holderFactor = (window: EntityWindow) => holderDiscount(window.account?.type, { factor: 0.4, why: 'business_account' });

/** Not throughput: payroll-like credits, and transfers between the holder's own accounts. */
function ordinary(window: EntityWindow, e: WindowEvent, context: RuleContext): boolean {
  if (e.kind !== 'transfer') return false;
  const holder = window.account?.party;
  if (e.counterparty !== undefined && holder !== undefined && context.accounts.get(e.counterparty)?.party === holder) return true;
  return isWageLike(e, context);
}

/** The counterparty as written on the event (cash withdrawals have none). */
const rawCounterparty = (e: WindowEvent): string | undefined =>
  e.kind === 'transfer' ? (e.counterparty ?? e.counterpartyName) : e.kind === 'cash_deposit' ? (e.conductor ?? e.counterpartyName) : undefined;

function youngAccount(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit | undefined {
  const opened = window.account?.openedAt;
  if (opened === undefined) return undefined;
  const last = newest(window);
  const age = last.ts - opened;
  if (age < 0 || age > o.maxAgeDays * DAY_MS) return undefined;
  const firstEnd = opened + o.firstDays * DAY_MS;
  const lastInFirst = last.ts <= firstEnd;
  const lastRaw = rawCounterparty(last);
  if (!lastInFirst && lastRaw === undefined) return undefined;
  if (ordinary(window, last, context)) return undefined;

  // One bounded pass: raw sums of the opening period, and the events that name a counterparty.
  let rawIn = 0;
  let rawOut = 0;
  const period: WindowEvent[] = [];
  const withCounterparty: WindowEvent[] = [];
  const raw = new Set<string>();
  const guard = scanGuard(o.maxScan);
  scanRecent(window, opened, guard, (e) => {
    if (lastInFirst && e.ts <= firstEnd) {
      if (e.direction === 'in') rawIn += e.amount;
      else rawOut += e.amount;
      period.push(e);
    }
    if (lastRaw === undefined) return;
    const r = rawCounterparty(e);
    if (r !== undefined) {
      raw.add(r);
      withCounterparty.push(e);
    }
  });
  const profile = context.jurisdiction;
  const volumeFloor = o.minThroughputMultiple * flowReference(profile);
  // Payroll and the holder's own transfers are set aside only where the raw sums could reach V.
  let inflow = 0;
  let outflow = 0;
  const firstEvents: WindowEvent[] = [];
  if (Math.max(rawIn, rawOut) >= volumeFloor) {
    for (const e of period) {
      if (ordinary(window, e, context)) continue;
      if (e.direction === 'in') inflow += e.amount;
      else outflow += e.amount;
      firstEvents.push(e);
    }
  }
  const throughput = Math.max(inflow, outflow);
  const throughputMet = throughput >= volumeFloor && firstEvents.length > 0;

  // Counterparties: people outside the holder's family, newest first, resolved until the count
  // no longer changes the strength (n + 15 families) with room for clustering.
  let families = 0;
  let capped = false;
  let counted: WindowEvent[] = [];
  if (lastRaw !== undefined && raw.size >= o.minCounterparties) {
    const holder = ownRef(window, last);
    const people = new Map<string, Payer>();
    const byRaw = new Map<string, Payer | null>();
    const enough = o.minCounterparties + 30;
    for (const e of withCounterparty) {
      const r = rawCounterparty(e) as string;
      let p = byRaw.get(r);
      if (p === undefined) {
        if (people.size >= enough) {
          capped = true;
          continue;
        }
        const q: Payer | undefined = e.direction === 'in'
          ? payerOf(window, e, context, false)
          : { key: e.counterparty ?? `name:${nameKey(e.counterpartyName) ?? r}`, account: e.counterparty, name: e.counterpartyName, country: e.counterpartyCountry };
        p = q === undefined || isOrganisation(q, context) || isFamily(context.identity.familyLink(holder, q)) ? null : q;
        byRaw.set(r, p);
      }
      if (p === null) continue;
      people.set(p.key, p);
      counted.push(e);
    }
    if (people.size >= o.minCounterparties) {
      const clusters = familyClusters([...people.values()], context, false);
      families = new Set([...people.keys()].map((k) => clusters.clusterOf(k))).size;
    }
  }
  const counterpartiesMet = families >= o.minCounterparties;
  if (!counterpartiesMet) counted = [];
  if (!throughputMet && !counterpartiesMet) return undefined;

  const holderType = holderFactor(window);
  const ageDays = Math.floor(age / DAY_MS);
  const strength =
    (0.3 +
      (throughputMet ? 0.15 + 0.05 * Math.min(3, Math.floor(throughput / volumeFloor) - 1) : 0) +
      (counterpartiesMet ? 0.15 + 0.05 * Math.min(3, Math.floor((families - o.minCounterparties) / 5)) : 0) +
      (age <= o.firstDays * DAY_MS ? 0.05 : 0)) *
    holderType.factor;
  const what = [
    throughputMet ? `moved ${money(profile, throughput)} within its first ${o.firstDays} days` : undefined,
    counterpartiesMet ? `dealt with ${capped ? 'at least ' : ''}${families} unrelated counterparties` : undefined,
  ].filter((s) => s !== undefined).join(' and ');
  const reason = `Possible new-account pattern: this account, opened ${ageDays} day${ageDays === 1 ? '' : 's'} ago, ${what}.`;
  const facts: Record<string, number | string | boolean> = {
    ageDays, firstDays: o.firstDays, throughputMinor: throughput, inflowMinor: inflow, outflowMinor: outflow, volumeFloorMinor: Math.ceil(volumeFloor),
    counterparties: families, counterpartiesCapped: capped, throughputMet, counterpartiesMet,
  };
  if (holderType.why !== undefined) facts['discount'] = holderType.why;
  const evidence = new Set<WindowEvent>([...(throughputMet ? firstEvents : []), ...counted]);
  return hitOf(rule, window, [...evidence], strength, reason, guardFacts(facts, guard), 'new');
}

function reawakened(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit | undefined {
  const { events, start } = window;
  const n = events.length;
  const last = events[n - 1] as WindowEvent;
  const prior = n - 2 >= start ? (events[n - 2] as WindowEvent) : undefined;
  const priorTs = prior?.ts ?? window.expiredTs;
  // O(1) in the common case: the previous event is recent and on an earlier day.
  if (priorTs === undefined || (prior?.day !== last.day && last.ts - priorTs < o.dormantDays * DAY_MS)) return undefined;
  // The first event of the newest local day (binary search: days never decrease along the window).
  const lo = lowerBound(start, n - 1, (i) => (events[i] as WindowEvent).day < last.day);
  if (n - lo > o.maxScan) return undefined;
  const first = events[lo] as WindowEvent;
  // The activity before the day: still in the window, or the newest event that has left it.
  const previous = lo > start ? (events[lo - 1] as WindowEvent) : undefined;
  const previousTs = previous?.ts ?? window.expiredTs;
  if (previousTs === undefined) return undefined;
  const gap = first.ts - previousTs;
  if (gap < o.dormantDays * DAY_MS || gap > o.maxDormantDays * DAY_MS) return undefined;
  if (ordinary(window, last, context)) return undefined;
  let inflow = 0;
  let outflow = 0;
  const day: WindowEvent[] = [];
  for (let i = lo; i < n; i++) {
    const e = events[i] as WindowEvent;
    if (ordinary(window, e, context)) continue;
    if (e.direction === 'in') inflow += e.amount;
    else outflow += e.amount;
    day.push(e);
  }
  const profile = context.jurisdiction;
  const volume = inflow + outflow;
  const floor = o.minDayMultiple * flowReference(profile);
  if (volume < floor) return undefined;
  const holderType = holderFactor(window);
  const gapDays = Math.floor(gap / DAY_MS);
  const cash = day.some((e) => e.kind !== 'transfer');
  const strength =
    (0.35 + 0.05 * Math.min(3, Math.floor(volume / floor) - 1) + (gapDays >= 365 ? 0.1 : 0) + (cash ? 0.05 : 0)) * holderType.factor;
  const reason =
    `Possible re-awakened-account pattern: after ${gapDays} days without activity, this account moved ${money(profile, volume)} ` +
    `in ${day.length} transaction${day.length === 1 ? '' : 's'} on one day.`;
  const facts: Record<string, number | string | boolean> = {
    gapDays, dayVolumeMinor: volume, inflowMinor: inflow, outflowMinor: outflow, transactions: day.length,
    volumeFloorMinor: Math.ceil(floor), previousActivity: new Date(previousTs).toISOString(), cash,
  };
  if (holderType.why !== undefined) facts['discount'] = holderType.why;
  return hitOf(rule, window, day, strength, reason, facts, 'reawakened');
}
