import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, RuleIncremental, WindowEvent } from '../types.js';
import { DAY_MS, eachRecent, hitOf, moneyRange, newest, ratio, flowReference } from '../_lib.js';
import { nameKey } from '../_names.js';
import {
  BILL_REF, HOUR_MS, LENDER_NAME, addressedAsKin, addressedAsRent, accountType, counterpartyCountryOf, familyClusters, isFamily, isOrganisation,
  isWageLike, median, ownCountryOf, ownRef, payerOf, type Payer,
} from '../_payments.js';
import { CO_RESIDENT_FACTOR, coResidentDiscount } from '../_co-resident.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { countedKeysAdd, countedKeysRemove, createCountedKeys, type CountedKeys } from '../../engine/incremental/counted-keys.js';
import { guardFacts, scanGuard, scanRecent } from '../scan-guard.js';

/** Options of {@link wageDiversion}; defaults from RESEARCH §a.1 / §c.4 (MS-DEBT-02, *proposed*). @category Rules
 * @example wageDiversionOptionsSchema.parse({ minCycles: 2 }) */
export const wageDiversionOptionsSchema = z.object({
  /**
   * History examined for pay cycles: six monthly cycles, so that three diverted cycles are still
   * seen when the agent skipped a month or took a little less once (RESEARCH §a.1 MS-DEBT-02 asks
   * for ≥ k cycles, not k consecutive ones).
   */
  windowDays: days(14, 400, 180),
  /** Hours after a wage credit in which diverted money is counted. */
  withinHours: z.number().min(1).max(168).default(24),
  /** Hours for cash withdrawn by someone other than the holder (counter withdrawals wait for the next business day). */
  thirdPartyCashHours: z.number().min(1).max(168).default(72),
  /** Share of each wage that goes to the same party (s). */
  minShare: ratioOpt(0.1, 1, 0.5),
  /** Pay cycles with such a diversion (k). */
  minCycles: countOpt(2, 24, 3),
  /** Network form: distinct workers paying one account (m) … */
  minWorkers: countOpt(2, 200, 5),
  /** … within this many hours (one pay cycle's payday burst). */
  burstHours: z.number().min(1).max(168).default(24),
  /** Network form: the median payment must be at least this share of the cash threshold T (wage-sized, not shop takings). */
  minPaymentShareOfThreshold: ratioOpt(0, 1, 0.01),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(100, 50_000),
});
/** Options accepted by {@link wageDiversion} (defaults filled in). @category Rules @example const o: WageDiversionOptions = { minCycles: 2, withinHours: 12 }; */
export type WageDiversionOptions = z.input<typeof wageDiversionOptionsSchema>;
type Options = z.output<typeof wageDiversionOptionsSchema>;

const ID = 'wage_diversion';
const INDICATORS = ['MS-DEBT-02'] as const;

/**
 * MS-DEBT-02, wage diversion / controlled earnings. Worker variant: after a payroll-like credit
 * (from a business or government account, a company name, or a salary/gaji/upah reference), at
 * least half of it goes within 24 h to the same party outside the worker's household and family,
 * or is withdrawn in cash, in ≥ 3 pay cycles; cash withdrawn by a recorded third party and money
 * returned to the employer weigh more, cash of unknown conductor, remittances abroad, payments
 * mostly addressed as rent (a tenant's room or bed) and a domestic payee who shares only the
 * worker's family name (no party, address, phone or document in common; abroad such a payee is
 * family at home) less. The network variant names payers sharing only the holder's family name
 * without counting them. Two such cycles to one account (fewer than `minCycles`) are kept as
 * strength-0 evidence for the network stage (`facts.short`: the worker's crew can vouch for it).
 * Network variant (on the receiving account): ≥ 5 different people pay it within one payday
 * burst (24 h), with the payers in `related`. The canonical data does not link a payment to the
 * payer's wage on the receiving side, so the network variant uses the burst as its proxy, and
 * discounts rotating savings groups (a pot paid back to a member), rent references, payers
 * under one residential roof (tenants paying a landlord; `_co-resident.ts`) and institutional
 * holders.
 * @category Rules
 * @example const rule = wageDiversion({ minCycles: 2 });
 */
export function wageDiversion(options: WageDiversionOptions = {}): Rule<typeof ID> {
  const o = parseOptions(wageDiversionOptionsSchema, options, ID);
  const burst = burstSenders(o.burstHours * HOUR_MS);
  const rule: Rule<typeof ID, BurstState> = {
    id: ID,
    indicators: INDICATORS,
    family: 'debt_exploitation',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible wage-diversion pattern: most of each wage passed on at once to the same third party, or many workers paying one account on payday.',
    // The distinct senders of the burst, kept as events enter and leave it: the network side reads the window only when enough paid.
    incremental: burst,
    evaluate: (window, context, state) => {
      const last = newest(window);
      if (last.direction === 'out') return last.kind === 'cash_deposit' ? [] : workerSide(window, context, o, rule, last);
      if (last.kind === 'cash_withdrawal' || (state.senders?.size ?? 0) < o.minWorkers) return [];
      return networkSide(window, context, o, rule, last);
    },
  };
  return rule as Rule<typeof ID>;
}

/**
 * Incremental state of {@link wageDiversion} for one account: the senders as written on its
 * inflows ({@link rawBurstSender}) within the last `burstHours`, with counts. The network side
 * counts the distinct ones among at most `maxScan` of those inflows, never more than all of them,
 * so fewer than `minWorkers` here rules a hit out without reading the window.
 */
interface BurstState {
  senders: CountedKeys<string> | undefined;
}

/** The sender of an inflow as written, before any name reading (undefined for an outflow or none written). */
function rawBurstSender(e: WindowEvent): string | undefined {
  if (e.direction !== 'in') return undefined;
  const raw = e.kind === 'transfer' ? e.counterparty ?? e.counterpartyName : e.conductor ?? e.counterpartyName;
  return raw === '' ? undefined : raw;
}

/** The transitions of {@link BurstState} over one horizon: the burst. */
function burstSenders(burstMs: number): RuleIncremental<BurstState> {
  return {
    horizonsMs: [burstMs],
    init: () => ({ senders: undefined }),
    enter(s, e) {
      const raw = rawBurstSender(e);
      if (raw !== undefined) countedKeysAdd((s.senders ??= createCountedKeys()), raw);
    },
    leave(s, e) {
      const raw = rawBurstSender(e);
      if (raw !== undefined) countedKeysRemove(s.senders as CountedKeys<string>, raw);
    },
  };
}

/** How far back a savings-group pot paid to a payer is looked for: this cycle or the previous one. */
const POT_LOOKBACK_MS = 45 * DAY_MS;

interface Cycle {
  readonly credits: WindowEvent[];
  amount: number;
  end: number;
  readonly out: WindowEvent[];
}

/** Where an outflow went, as a diversion target; `undefined` when it cannot be one (own cash, family, remitters, bills). */
function targetOf(window: EntityWindow, e: WindowEvent, context: RuleContext): string | undefined {
  const holder = window.account?.party;
  if (e.kind === 'cash_withdrawal') {
    if (e.conductor === undefined) return 'cash';
    return e.conductor === holder ? undefined : `cash:${e.conductor}`;
  }
  if (e.kind !== 'transfer') return undefined;
  const type = accountType(context, e.counterparty);
  if (type === 'msb' || type === 'government') return undefined;
  if (BILL_REF.test(e.tx.reference ?? '') || LENDER_NAME.test(e.counterpartyName ?? '')) return undefined;
  const link = context.identity.familyLink(ownRef(window, e), { account: e.counterparty, name: e.counterpartyName, country: e.counterpartyCountry });
  if (isFamily(link) && !(link === 'family_name' && !payeeAbroad(window, e, context))) return undefined;
  return e.counterparty ?? (nameKey(e.counterpartyName) === undefined ? undefined : `name:${nameKey(e.counterpartyName)}`);
}

/** Whether a transfer's payee is in another country than the account's. */
function payeeAbroad(window: EntityWindow, e: WindowEvent, context: RuleContext): boolean {
  const to = counterpartyCountryOf(e, context);
  return to !== undefined && to !== (ownCountryOf(window, e) ?? to);
}

/**
 * Whether a domestic payee shares only a family name (or patronym) with the worker: no party,
 * address, phone or document in common. Such a payee stays a diversion target, discounted (see
 * `workerSide`): in a migrant crew drawn from one people a handful of family names ("Sok", "Chea",
 * "Hosseini") are shared by many unrelated workers, and the agent who takes their wages is often
 * of their people; a payee abroad with the worker's family name is read as family at home.
 */
function nameOnlyKin(window: EntityWindow, e: WindowEvent, context: RuleContext): boolean {
  return e.kind === 'transfer' &&
    context.identity.familyLink(ownRef(window, e), { account: e.counterparty, name: e.counterpartyName, country: e.counterpartyCountry }) === 'family_name';
}

function workerSide(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent): RuleHit[] {
  const type = window.account?.type;
  if (type !== undefined && type !== 'personal') return [];
  const maxHours = Math.max(o.withinHours, o.thirdPartyCashHours);
  // Cheap gate: a wage credit shortly before this outflow, of which this target already took its share.
  const sameTarget = (e: WindowEvent): boolean =>
    e.direction === 'out' && e.kind === last.kind &&
    (last.kind === 'cash_withdrawal' ? e.conductor === last.conductor : e.counterparty === last.counterparty && e.counterpartyName === last.counterpartyName);
  let wage: WindowEvent | undefined;
  let taken = 0;
  eachRecent(window, last.ts - maxHours * HOUR_MS, (e) => {
    if (isWageLike(e, context)) {
      wage = e;
      return false;
    }
    if (sameTarget(e)) taken += e.amount;
  });
  if (wage === undefined || taken < o.minShare * (wage as WindowEvent).amount || targetOf(window, last, context) === undefined) return [];

  const events: WindowEvent[] = [];
  const guard = scanGuard(o.maxScan);
  scanRecent(window, last.ts - o.windowDays * DAY_MS, guard, (e) => {
    events.push(e);
  });
  events.reverse();
  const cycles: Cycle[] = [];
  for (const e of events) {
    const cur = cycles[cycles.length - 1];
    if (isWageLike(e, context)) {
      if (cur !== undefined && e.ts - cur.end <= o.withinHours * HOUR_MS && cur.out.length === 0) {
        cur.credits.push(e);
        cur.amount += e.amount;
        cur.end = e.ts;
      } else cycles.push({ credits: [e], amount: e.amount, end: e.ts, out: [] });
    } else if (e.direction === 'out' && cur !== undefined) {
      const thirdPartyCash = e.kind === 'cash_withdrawal' && e.conductor !== undefined && e.conductor !== window.account?.party;
      if (e.ts - cur.end <= (thirdPartyCash ? o.thirdPartyCashHours : o.withinHours) * HOUR_MS) cur.out.push(e);
    }
  }
  // Per cycle, the target that received at least `minShare` of the wage.
  const perTarget = new Map<string, { cycles: Cycle[]; shares: number[]; events: WindowEvent[] }>();
  for (const c of cycles) {
    const sums = new Map<string, { amount: number; events: WindowEvent[] }>();
    for (const e of c.out) {
      const t = targetOf(window, e, context);
      if (t === undefined) continue;
      const s = sums.get(t) ?? { amount: 0, events: [] };
      s.amount += e.amount;
      s.events.push(e);
      sums.set(t, s);
    }
    for (const [t, s] of sums) {
      if (s.amount < o.minShare * c.amount) continue;
      const g = perTarget.get(t) ?? { cycles: [], shares: [], events: [] };
      g.cycles.push(c);
      g.shares.push(s.amount / c.amount);
      g.events.push(...c.credits, ...s.events);
      perTarget.set(t, g);
    }
  }
  const lastCycle = cycles[cycles.length - 1];
  const target = lastCycle === undefined ? undefined : targetOf(window, last, context);
  const best = target === undefined ? undefined : perTarget.get(target);
  if (best === undefined || best.cycles[best.cycles.length - 1] !== lastCycle) return [];
  if (best.cycles.length < o.minCycles) {
    return best.cycles.length >= SHORT_SERIES_CYCLES && last.kind === 'transfer' && last.counterparty !== undefined && target === last.counterparty
      ? shortSeries(window, context, o, rule, best, last.counterparty) : [];
  }
  const medShare = median(best.shares);

  const employers = new Set(best.cycles.flatMap((c) => c.credits.map((e) => e.counterparty)).filter((x): x is string => x !== undefined));
  const kickback = target !== undefined && employers.has(target);
  const thirdPartyCash = target?.startsWith('cash:') === true;
  const unknownCash = target === 'cash';
  const targetCountry = unknownCash || thirdPartyCash ? undefined : counterpartyCountryOf(last, context);
  const abroad = targetCountry !== undefined && targetCountry !== (ownCountryOf(window, last) ?? targetCountry);
  const refs = best.events.filter((e) => e.direction === 'out').map((e) => e.tx.reference ?? '');
  let factor = 1;
  const discounts: string[] = [];
  const discount = (f: number, why: string) => {
    factor *= f;
    discounts.push(why);
  };
  // Cash of unknown conductor is also how migrants pay an over-the-counter remitter home (RESEARCH
  // §c.5 informal channels): it only corroborates. The 180-day window sees more such cycles, so
  // the discount is deeper than before (0.45, was 0.6): these hits score no higher than they did.
  if (unknownCash) discount(0.45, 'cash_conductor_unknown');
  if (abroad) discount(0.5, 'remittance_abroad');
  if (!kickback && !unknownCash && !thirdPartyCash && isOrganisation({ key: '', account: last.counterparty, name: last.counterpartyName }, context)) discount(0.6, 'business_payee');
  // One payment addressed as household money, to a relative or for a household's keep ("belanja
  // rumah", "ibu", "for home": `addressedAsKin`) is enough to read the payee as family: agents are
  // not paid under kinship or upkeep words (homemaker look-alike, §c.5; on the tuning seeds none of
  // 1,364 transfers to wage collectors carry an upkeep word).
  if (refs.some(addressedAsKin)) discount(0.5, 'kinship_references');
  // A payee sharing only the worker's family name may still be kin (a sibling or cousin the wage
  // is shared with): the pattern counts, discounted as a business payee is — short of an alert on
  // its own, enough for an agent's payday collection that names the worker to vouch for it
  // (vouched-payers.ts).
  if (!kickback && nameOnlyKin(window, last, context)) discount(0.6, 'family_name_payee');
  // Half or more of the payments addressed as rent ("sewa", "room rent", "bed"): a tenant paying
  // for a room or bed on payday, a lawful reading the network side discounts alike (RESEARCH §c.5
  // landlord look-alike); an agent's deductions go under other words or none.
  if (addressedAsRent(refs)) discount(0.5, 'rent_references');
  // More than the whole wage, cycle after cycle: the money is not (only) the wage — savings moved or
  // a purchase paid — while a diversion takes part of the wage and leaves the worker a little.
  if (medShare > 1.05) discount(0.5, 'exceeds_wage');
  const n = best.cycles.length;
  // The full pattern towards one unrelated person here, with no lawful reading in view (no
  // discount), is the indicator as RESEARCH defines it: it reaches the alert threshold (≥ 0.73 at
  // weight 55) with four cycles of three-quarters of each wage, or six of half. Discounted
  // readings keep the lower base.
  const base = discounts.length === 0 ? 0.6 : 0.45;
  const strength = (base + 0.05 * Math.min(4, n - o.minCycles) + (medShare >= 0.75 ? 0.1 : 0) + (kickback ? 0.15 : 0) + (thirdPartyCash ? 0.15 : 0)) * factor;
  const who = kickback ? 'back to the account that paid the wages'
    : thirdPartyCash ? `in cash withdrawn by a third party (${target?.slice(5)})`
    : unknownCash ? 'in cash'
    : abroad ? `to the same unrelated account in ${targetCountry}` : 'to the same unrelated account';
  const reason =
    `Possible wage-diversion pattern: in ${n} pay cycles, ${Math.round(medShare * 100)}% (median) of each wage ` +
    `(${moneyRange(context.jurisdiction, Math.min(...best.cycles.map((c) => c.amount)), Math.max(...best.cycles.map((c) => c.amount)))}) ` +
    `went ${who} within ${thirdPartyCash ? o.thirdPartyCashHours : o.withinHours} hours of the credit.`;
  const facts: Record<string, number | string | boolean> = {
    cycles: n, medianShare: ratio(medShare), minShare: ratio(Math.min(...best.shares)), kickback, thirdPartyCash,
    divertedMinor: best.events.filter((e) => e.direction === 'out').reduce((s, e) => s + e.amount, 0),
    wagesMinor: best.cycles.reduce((s, c) => s + c.amount, 0),
  };
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  // The one account that paid every diverted wage: the network stage gathers an employer's
  // diverted workers by it (src/engine/wage-employers.ts).
  if (employers.size === 1 && best.cycles.every((c) => c.credits.every((e) => e.counterparty !== undefined))) facts['employer'] = [...employers][0] as string;
  const hit = hitOf(rule, window, best.events, strength, reason, guardFacts(facts, guard), 'worker');
  const related: EntityRef[] = [];
  if (last.kind === 'transfer' && last.counterparty !== undefined) related.push({ kind: 'account', id: last.counterparty });
  if (thirdPartyCash && target !== undefined) related.push({ kind: 'party', id: target.slice(5) });
  return [related.length > 0 ? { ...hit, related } : hit];
}

/**
 * Fewest pay cycles of a worker's short series ({@link shortSeries}): two paydays on which most of
 * the wage went at once to the same account.
 * @internal
 */
export const SHORT_SERIES_CYCLES = 2;

/**
 * A worker's short series (MS-DEBT-02 seen from the worker's side, too short to read on its own):
 * in {@link SHORT_SERIES_CYCLES} or more pay cycles but fewer than `minCycles`, at least `minShare`
 * of the wage went within `withinHours` to the same account (a worker who joined the crew late,
 * whose agent skipped months, or whose other wages were drawn in cash with the worker's card).
 * Two transfers of most of a wage to one payee is also a tenant's rent or money lent to a friend, so
 * the hit is **evidence only** (strength 0, `facts.short`: it scores nothing; like other strength-0 hits it is
 * listed on the account's alert).
 * It names the payee (`related`) and the one account that paid those wages (`facts.employer`); none
 * is raised without such an employer, nor where a payment is addressed as household money or to a
 * relative (`addressedAsKin`: money sent home through whoever carries it). The network stage
 * (`src/engine/wage-employers.ts`) reads it with the crew: a workmate of the same employer whose own
 * series names the same agent.
 */
function shortSeries(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, best: { cycles: Cycle[]; shares: number[]; events: WindowEvent[] }, payee: string): RuleHit[] {
  // Money addressed as the household's or a relative's ("home", "family", "ibu") is sent home, through whoever carries it.
  if (best.events.some((e) => e.direction === 'out' && addressedAsKin(e.tx.reference ?? ''))) return [];
  const employers = new Set(best.cycles.flatMap((c) => c.credits.map((e) => e.counterparty)));
  const employer = employers.size === 1 ? [...employers][0] : undefined;
  // The crew is read by its employer: without the one account that paid these wages there is none.
  if (employer === undefined) return [];
  const n = best.cycles.length;
  const medShare = median(best.shares);
  const reason =
    `Short wage-diversion series (evidence for the network stage): in ${n} pay cycles, ${Math.round(medShare * 100)}% (median) of each wage ` +
    `(${moneyRange(context.jurisdiction, Math.min(...best.cycles.map((c) => c.amount)), Math.max(...best.cycles.map((c) => c.amount)))}) ` +
    `went to ${payee} within ${o.withinHours} hours of the credit.`;
  const facts: Record<string, number | string | boolean> = {
    cycles: n, medianShare: ratio(medShare), minShare: ratio(Math.min(...best.shares)), short: true,
    divertedMinor: best.events.filter((e) => e.direction === 'out').reduce((s, e) => s + e.amount, 0),
    wagesMinor: best.cycles.reduce((s, c) => s + c.amount, 0), employer,
  };
  return [{ ...hitOf(rule, window, best.events, 0, reason, facts, 'worker_short'), related: [{ kind: 'account', id: payee }] }];
}

function networkSide(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent): RuleHit[] {
  const type = window.account?.type;
  if (type === 'msb' || type === 'government') return [];
  const first = payerOf(window, last, context, false);
  const holder = ownRef(window, last);
  const eligible = (p: Payer | undefined): p is Payer => {
    if (p === undefined || isOrganisation(p, context)) return false;
    const link = context.identity.familyLink(holder, p);
    return link !== 'same_party' && link !== 'family_name';
  };
  const from = last.ts - o.burstHours * HOUR_MS;
  // Distinct raw payer ids among the newest `maxScan` events of the burst (the scan guard), before any name reading
  // (the rule's state counts them over the whole burst and let this evaluation through).
  const raw = new Set<string>();
  const guard = scanGuard(o.maxScan);
  scanRecent(window, from, guard, (e) => {
    const r = rawBurstSender(e);
    if (r !== undefined) raw.add(r);
  });
  if (raw.size < o.minWorkers || !eligible(first)) return [];
  const payers = new Map<string, { payer: Payer; events: WindowEvent[] }>();
  // Payers sharing only a family name with the holder (no address, phone or document): perhaps kin,
  // so they do not count towards the burst, but the burst names them (`related`) with the others.
  const kinNamed = new Set<string>();
  scanRecent(window, from, guard, (e) => {
    const p = payerOf(window, e, context, false);
    if (!eligible(p)) {
      const q: Payer | undefined = payerOf(window, e, context, false);
      if (q?.account !== undefined && !isOrganisation(q, context) && context.identity.familyLink(holder, q) === 'family_name') kinNamed.add(q.account);
      return;
    }
    const g = payers.get(p.key);
    if (g === undefined) payers.set(p.key, { payer: p, events: [e] });
    else g.events.push(e);
  });
  if (payers.size < o.minWorkers) return [];
  const list = [...payers.values()];
  const clusters = familyClusters(list.map((x) => x.payer), context, false);
  const distinct = new Set(list.map((x) => clusters.clusterOf(x.payer.key))).size;
  if (distinct < o.minWorkers) return [];
  const events = list.flatMap((x) => x.events);
  const amounts = events.map((e) => e.amount);
  const med = median(amounts);
  if (med < o.minPaymentShareOfThreshold * flowReference(context.jurisdiction)) return [];
  const spanMs = Math.max(...events.map((e) => e.ts)) - Math.min(...events.map((e) => e.ts));
  // Rotating savings group: a pot (≥ 2 contributions) paid to one of these payers in this or the previous cycle.
  const payerAccounts = new Set(list.map((x) => x.payer.account).filter((a): a is string => a !== undefined));
  const isPot = (e: WindowEvent): boolean => e.direction === 'out' && e.counterparty !== undefined && payerAccounts.has(e.counterparty) && e.amount >= 2 * med;
  let pot = false;
  eachRecent(window, last.ts - POT_LOOKBACK_MS, (e) => {
    if (isPot(e)) pot = true;
    return !pot; // the first pot settles it
  });
  const refs = events.map((e) => e.tx.reference ?? '');
  let factor = 1;
  const discounts: string[] = [];
  if (type === 'business' || type === 'ngo') {
    factor *= type === 'business' ? 0.4 : 0.3;
    discounts.push(`${type}_account`);
  }
  if (pot) {
    factor *= 0.2;
    discounts.push('rotating_savings_payout');
  }
  if (addressedAsRent(refs)) {
    factor *= 0.5;
    discounts.push('rent_references');
  }
  // Tenants of one rented house paying their landlord on payday (RESEARCH §c.5). Only a
  // residential address counts: a crew housed together in a dormitory or camp paying one party is
  // the pattern MS-DEBT-02 describes.
  const coResident = coResidentDiscount(list.map((x) => x.payer), context, { residentialOnly: true });
  if (coResident !== undefined) {
    factor *= CO_RESIDENT_FACTOR;
    discounts.push('co_resident_payers');
  }
  // Equal amounts from everyone are a fixed charge (a savings-group stake, a room's rent), not a
  // share of wages that differ from worker to worker and month to month (RESEARCH §c.5 ROSCA:
  // "equal contributions").
  const lo = Math.min(...amounts);
  const hi = Math.max(...amounts);
  if (hi <= lo * 1.02) {
    factor *= 0.5;
    discounts.push('equal_amounts');
  }
  const tight = spanMs <= 2 * HOUR_MS;
  const strength = (0.4 + Math.min(0.2, 0.04 * (distinct - o.minWorkers)) + (tight ? 0.2 : 0)) * factor;
  const span = spanMs < HOUR_MS ? `${Math.max(1, Math.round(spanMs / 60_000))} minutes` : `${Math.round(spanMs / HOUR_MS)} hours`;
  const reason =
    `Possible wage-diversion collection pattern: ${payers.size} different people paid this account within ${span} ` +
    `(${moneyRange(context.jurisdiction, lo, hi)} each), as on a payday.`;
  const facts: Record<string, number | string | boolean> = {
    payers: payers.size, payerClusters: distinct, payments: events.length, spanMinutes: Math.round(spanMs / 60_000),
    totalMinor: amounts.reduce((s, x) => s + x, 0), medianMinor: med, burstHours: o.burstHours,
  };
  if (coResident !== undefined) facts['coResidentPayers'] = coResident;
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  for (const a of payerAccounts) kinNamed.delete(a);
  if (kinNamed.size > 0) facts['familyNamePayers'] = kinNamed.size;
  const related: EntityRef[] = [...payerAccounts, ...kinNamed].sort().map((id) => ({ kind: 'account' as const, id }));
  return [{ ...hitOf(rule, window, events, strength, reason, guardFacts(facts, guard), 'collector'), related }];
}
