import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole } from '../../domain/corridors.js';
import { isCountryCode } from '../../schema/countries.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, atLeastShare, atMostShare, compareRefs, hitOf, money, newest, ratio, flowReference } from '../_lib.js';
import { nameKey } from '../_names.js';
import {
  BILL_REF, RENT_REF, addressedAsRent, TRADE_REF, WAGE_REF, counterpartyCountryOf, cv, familyClusters, isFamily, isOrganisation, ownCountryOf, ownRef, payerOf,
  phoneKeys, type Payer,
} from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardFacts, guardedStart, scanGuard } from '../scan-guard.js';

/** Options of {@link unlicensedRemitter}; defaults from RESEARCH §a.1 (MS-HAW-01, all *proposed*). @category Rules
 * @example unlicensedRemitterOptionsSchema.parse({ minPayers: 15 }) */
export const unlicensedRemitterOptionsSchema = z
  .object({
    /** Period over which payers, payouts and settlements are counted (MS-HAW-01 (i) "per month", (iii) "over 30 d"). */
    windowDays: days(7, 90, 30),
    /** (i) Distinct payers, counted as unrelated families, for a full-strength hit (MS-HAW-01 (i): ≥ 20 per month). */
    minPayers: countOpt(5, 500, 20),
    /**
     * (i) A smaller book: at least this many unrelated payers (and fewer than `minPayers`) still
     * fire, at reduced strength, when the payout condition holds. Many payments are paid in as
     * anonymous machine cash that names no payer, so the payers a bank can count understate the
     * book (*proposed*: half of `minPayers`).
     */
    minPayersLow: countOpt(3, 500, 10),
    /** (i) Share of the inflow cashed out or sent offshore within `payoutDays` of arrival (MS-HAW-01 (i): ≥ 80 %). */
    minPayoutShare: ratioOpt(0.5, 1, 0.8),
    /** (i) Days after arrival within which a payout counts (MS-HAW-01 (i): 7 d). */
    payoutDays: days(1, 30, 7),
    /**
     * (i) The inflow must reach this share of the cash threshold T: a collection, not a whip-round
     * of small sums (*proposed*). Kept low because T is a poor money scale across jurisdictions
     * (IDR 500 m is several times MYR 25,000 in wages), while the payer count already shows a book.
     */
    minInflowShareOfThreshold: ratioOpt(0, 20, 0.05),
    /** (iii) Distinct domestic payees, counted as unrelated families (MS-HAW-01 (iii) "many"; *proposed* 10). */
    minPayees: countOpt(3, 500, 10),
    /** (iii) Most foreign inbound counterparties (MS-HAW-01 (iii) "a few"; *proposed* 3). */
    maxForeignPayers: countOpt(1, 20, 3),
    /** (iii) Foreign inbound and domestic payout totals match within this share (MS-HAW-01 (iii): ±5 %). */
    matchTolerance: ratioOpt(0.001, 0.25, 0.05),
    /** (iii) The foreign settlement must reach this share of the cash threshold T (*proposed*). */
    minSettlementShareOfThreshold: ratioOpt(0, 20, 1),
    /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
    maxScan: scanGuardOpt(100, 50_000),
  })
  .refine((o) => o.payoutDays <= o.windowDays, { path: ['payoutDays'], message: 'payoutDays must not exceed windowDays' })
  .refine((o) => o.minPayersLow <= o.minPayers, { path: ['minPayersLow'], message: 'minPayersLow must not exceed minPayers' });
/** Options accepted by {@link unlicensedRemitter} (defaults filled in). @category Rules
 * @example const o: UnlicensedRemitterOptions = { minPayers: 15, payoutDays: 3 }; */
export type UnlicensedRemitterOptions = z.input<typeof unlicensedRemitterOptionsSchema>;
type Options = z.output<typeof unlicensedRemitterOptionsSchema>;

const ID = 'unlicensed_remitter';
const INDICATORS = ['MS-HAW-01'] as const;
const MAX_RELATED = 50;

/**
 * MS-HAW-01, an account that is not a licensed remitter behaves like an unlicensed one (hundi,
 * hawala, underground banking). Collection variant (i): ≥ 20 unrelated payers (distinct family
 * clusters: households, family names, phones quoted in deposit references) pay the account within
 * 30 days and ≥ 80 % of the inflow is cashed out or sent abroad within 7 days of arrival; a smaller
 * book of 10–19 unrelated payers fires 0.1 weaker (anonymous machine cash names no payer, so a
 * book serves more people than the bank can count). The inflow need only reach 0.05 T.
 * Offsetting variant (iii): many domestic payouts (≥ 10 unrelated payees, plus cash withdrawals)
 * balanced within ±5 % over 30 days by a few (≤ 3) foreign inbound counterparties — the lump-sum
 * settlement of a hundi book. Payers (i) or foreign counterparties (iii) are listed in `related`.
 * Licensed remitters (`msb`) and government accounts never fire; NGOs, equal-stake savings groups,
 * rent and trade references are discounted; business accounts stay eligible (AUSTRAC's
 * underground-banking case ran through business accounts) but are discounted, more so when they
 * only cash out. Variant (ii), agent volume against peers in the same district, needs agent and
 * peer data (`admin2`, agent registers) that the input model does not carry, and is not implemented.
 * Informal channels are also used for lawful wages (RESEARCH §c.5): treat a hit as a network signal
 * to corroborate, not proof.
 * @category Rules
 * @example const rule = unlicensedRemitter({ minPayers: 15 });
 */
export function unlicensedRemitter(options: UnlicensedRemitterOptions = {}): Rule<typeof ID> {
  const o = parseOptions(unlicensedRemitterOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'network_flow',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible unlicensed remittance pattern: many payers cashed out or sent abroad, or foreign lump sums paid out to many people at home.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

/** How an event moves money, as a remitter's book sees it (OUT_TRANSFER: outbound, not classified yet). */
const [OTHER, IN, FOREIGN_IN, CASH_OUT, OFFSHORE, DOMESTIC_OUT, OUT_TRANSFER] = [0, 1, 2, 3, 4, 5, 6] as const;

/** The events of the window being read (`events[first..]`, oldest first) with their flows. */
interface Book {
  readonly events: readonly WindowEvent[];
  readonly first: number;
  /** Flow per event, indexed by `i - first`. */
  readonly flows: Uint8Array;
}

/** Whether `|a − b| ≤ tolerance · b`, exactly. */
const within = (a: number, b: number, tolerance: number): boolean => atMostShare(Math.abs(a - b), b, tolerance);

/** The jurisdiction's country, where its code is one (the home of accounts with no country given). */
const jurisdictionCountry = (context: RuleContext): string | undefined => (isCountryCode(context.jurisdiction.code) ? context.jurisdiction.code : undefined);

/** Classifies one event; `fallbackHome` is the account's country, else the jurisdiction's. */
function flowOf(window: EntityWindow, e: WindowEvent, context: RuleContext, fallbackHome: string | undefined): number {
  if (e.kind === 'cash_deposit') return IN;
  if (e.kind === 'cash_withdrawal') return CASH_OUT;
  const holder = window.account?.party;
  if (e.counterparty !== undefined && holder !== undefined && context.accounts.get(e.counterparty)?.party === holder) return OTHER;
  const country = counterpartyCountryOf(e, context);
  const home = e.ownCountry ?? fallbackHome;
  const foreign = country !== undefined && home !== undefined && country !== home;
  if (e.direction === 'in') return foreign ? FOREIGN_IN : IN;
  return foreign ? OFFSHORE : DOMESTIC_OUT;
}

/** The payer or payee as written on the event, without normalizing (for cheap counting). */
const rawParty = (e: WindowEvent): string | undefined =>
  e.kind === 'transfer' ? (e.counterparty ?? e.counterpartyName) : (e.conductor ?? e.counterpartyName);

const refOf = (p: Payer): EntityRef | undefined =>
  p.account !== undefined ? { kind: 'account', id: p.account } : p.party !== undefined ? { kind: 'party', id: p.party } : undefined;

/** The largest `MAX_RELATED` entities by amount, listed in id order. */
function relatedOf(items: readonly { ref: EntityRef | undefined; total: number }[]): EntityRef[] {
  return items
    .filter((x): x is { ref: EntityRef; total: number } => x.ref !== undefined)
    .sort((a, b) => b.total - a.total || compareRefs(a.ref, b.ref))
    .slice(0, MAX_RELATED)
    .map((x) => x.ref)
    .sort(compareRefs);
}

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit[] {
  const type = window.account?.type;
  if (type === 'msb' || type === 'government') return [];
  const last = newest(window);
  const home = window.account?.country ?? jurisdictionCountry(context);
  const lastFlow = flowOf(window, last, context, home);
  // Hits are raised by the flows that complete a pattern: payouts for (i), settlements or payouts for (iii).
  let collection = lastFlow === CASH_OUT || lastFlow === OFFSHORE;
  let offsetting = lastFlow === FOREIGN_IN || lastFlow === DOMESTIC_OUT || lastFlow === CASH_OUT;
  if (!collection && !offsetting) return [];

  // Cheap pass (outbound transfers are not classified yet): totals that bound both variants.
  const from = last.ts - o.windowDays * DAY_MS + 1;
  const { events } = window;
  const guard = scanGuard(o.maxScan);
  const first = guardedStart(window, from, guard);
  const flows = new Uint8Array(events.length - first);
  let inflow = 0;
  let inflows = 0;
  let cash = 0;
  let outTransfers = 0;
  let outCount = 0;
  let foreignIn = 0;
  for (let i = first; i < events.length; i++) {
    const e = events[i] as WindowEvent;
    let f: number;
    if (e.direction === 'in') {
      f = e.kind === 'transfer' ? flowOf(window, e, context, home) : IN;
      if (f === OTHER) continue;
      inflow += e.amount;
      inflows++;
      if (f === FOREIGN_IN) foreignIn += e.amount;
    } else if (e.kind === 'cash_withdrawal') {
      f = CASH_OUT;
      cash += e.amount;
    } else {
      f = OUT_TRANSFER;
      outTransfers += e.amount;
      outCount++;
    }
    flows[i - first] = f;
  }
  const T = flowReference(context.jurisdiction);
  collection &&= inflows >= o.minPayersLow && inflow >= o.minInflowShareOfThreshold * T && atLeastShare(cash + outTransfers, inflow, o.minPayoutShare);
  offsetting &&= foreignIn > 0 && foreignIn >= o.minSettlementShareOfThreshold * T && outCount >= o.minPayees &&
    atMostShare(cash, foreignIn, 1 + o.matchTolerance) && atLeastShare(cash + outTransfers, foreignIn, 1 - o.matchTolerance);
  if (!collection && !offsetting) return [];

  for (let i = first; i < events.length; i++) if (flows[i - first] === OUT_TRANSFER) flows[i - first] = flowOf(window, events[i] as WindowEvent, context, home);
  const book: Book = { events, first, flows };
  const out: RuleHit[] = [];
  const a = collection ? collectionHit(window, context, o, rule, book, inflow, last) : undefined;
  if (a !== undefined) out.push(a);
  const b = offsetting ? offsettingHit(window, context, o, rule, book, last) : undefined;
  if (b !== undefined) out.push(b);
  return guard.reached ? out.map((h) => ({ ...h, facts: guardFacts(h.facts, guard) })) : out;
}

/** Variant (i): many unrelated payers, most of the money cashed out or sent abroad within days. */
function collectionHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, book: Book, inflow: number, last: WindowEvent): RuleHit | undefined {
  const profile = context.jurisdiction;
  const { events, first, flows } = book;
  // First in, first out: each payout draws on the inflows that arrived at most `payoutDays` before it.
  const n = events.length - first;
  const queue = new Int32Array(n);
  const left = new Float64Array(n);
  let head = 0;
  let tail = 0;
  let matched = 0;
  let offshore = 0;
  const payouts: WindowEvent[] = [];
  const countries = new Set<string>();
  const lag = o.payoutDays * DAY_MS;
  for (let k = 0; k < n; k++) {
    const f = flows[k] as number;
    const e = events[first + k] as WindowEvent;
    if (f === IN || f === FOREIGN_IN) {
      queue[tail++] = k;
      left[k] = e.amount;
    }
    if (f !== CASH_OUT && f !== OFFSHORE) continue;
    let need = e.amount;
    let used = 0;
    while (need > 0 && head < tail) {
      const j = queue[head] as number;
      if ((events[first + j] as WindowEvent).ts < e.ts - lag) {
        head++;
        continue;
      }
      const take = Math.min(need, left[j] as number);
      left[j] = (left[j] as number) - take;
      need -= take;
      used += take;
      if (left[j] === 0) head++;
    }
    if (used === 0) continue;
    matched += used;
    payouts.push(e);
    if (f === OFFSHORE) {
      offshore += used;
      const c = counterpartyCountryOf(e, context);
      if (c !== undefined) countries.add(c);
    }
  }
  if (!atLeastShare(matched, inflow, o.minPayoutShare)) return undefined;

  // Payers as unrelated families: organisations and the holder's own family do not count.
  const holder = ownRef(window, last);
  type Group = { payer: Payer; events: WindowEvent[]; total: number };
  const groups = new Map<string, Group>();
  const byRaw = new Map<string, Group | null>();
  // Newest first, resolving new payers only until there are plenty (bounds identity work on busy accounts).
  const cap = o.minPayers * 4;
  let capped = false;
  for (let k = n - 1; k >= 0; k--) {
    const f = flows[k] as number;
    if (f !== IN && f !== FOREIGN_IN) continue;
    const e = events[first + k] as WindowEvent;
    const r = rawParty(e);
    let g = r === undefined ? undefined : byRaw.get(r);
    if (g === undefined) {
      if (groups.size >= cap) {
        capped = true;
        continue;
      }
      const p = payerOf(window, e, context);
      g = p === undefined || isOrganisation(p, context) || isFamily(context.identity.familyLink(holder, p)) ? null : groups.get(p.key) ?? { payer: p, events: [], total: 0 };
      if (p !== undefined && g !== null) groups.set(p.key, g);
      if (r !== undefined) byRaw.set(r, g);
    }
    if (g === null) continue;
    g.events.push(e);
    g.total += e.amount;
  }
  if (groups.size < o.minPayersLow) return undefined;
  const list = [...groups.values()];
  const clusters = familyClusters(list.map((g) => g.payer), context, false, phoneKeys(list, context));
  const families = new Set(list.map((g) => clusters.clusterOf(g.payer.key))).size;
  if (families < o.minPayersLow) return undefined;
  const small = families < o.minPayers;

  const paidIn = list.flatMap((g) => g.events);
  const refs = paidIn.map((e) => e.tx.reference ?? '');
  const offshoreMostly = offshore * 2 >= matched;
  let factor = 1;
  const discounts: string[] = [];
  const discount = (f: number, why: string) => {
    factor *= f;
    discounts.push(why);
  };
  const type = window.account?.type;
  if (type === 'ngo') discount(0.35, 'registered_ngo');
  else if (type === 'business') discount(offshoreMostly ? 0.8 : 0.45, offshoreMostly ? 'business_account' : 'business_cash_out');
  // Rotating savings group: the same stake from every member, each paying once.
  const once = list.filter((g) => g.events.length === 1).length;
  if (cv(list.map((g) => g.total)) <= 0.05 && once * 5 >= list.length * 4) discount(0.3, 'equal_stakes');
  if (addressedAsRent(refs)) discount(0.4, 'rent_references'); // paidIn: every group has an inflow
  else if (refs.filter((r) => TRADE_REF.test(r)).length * 2 >= refs.length) discount(0.5, 'trade_references');
  const home = ownCountryOf(window, last) ?? jurisdictionCountry(context);
  const corridor = [...countries].some((c) => hasRole(c, 'origin') || hasRole(c, 'transit')) && (hasRole(home, 'destination') || hasRole(home, 'diaspora') || hasRole(home, 'transit'));
  const share = matched / inflow;
  const strength =
    ((offshoreMostly ? 0.6 : 0.5) - (small ? 0.1 : 0) + 0.05 * Math.min(4, Math.max(0, Math.floor((families - o.minPayers) / 5))) + (share >= 0.95 ? 0.05 : 0) +
      (corridor ? 0.1 : 0)) * factor;

  const where = [...countries].sort().join(', ');
  const how = offshore === 0 ? 'cashed out' : offshore === matched ? `sent abroad${where === '' ? '' : ` (${where})`}` : `cashed out or sent abroad${where === '' ? '' : ` (${where})`}`;
  const reason =
    `Possible unlicensed remittance pattern: ${capped ? 'at least ' : ''}${families} unrelated payers paid this account ${money(profile, inflow)} within ${o.windowDays} days, ` +
    `and ${Math.floor(share * 100)} % of it was ${how} within ${o.payoutDays} days of arrival.`;
  const facts: Record<string, number | string | boolean> = {
    payers: list.length, payerFamilies: families, inflowMinor: inflow, paidOutMinor: matched, offshoreMinor: offshore, cashOutMinor: matched - offshore,
    payoutShare: ratio(share), payouts: payouts.length, windowDays: o.windowDays, payoutDays: o.payoutDays, corridor, payersCapped: capped,
    smallBook: small,
  };
  if (where !== '') facts['offshoreCountries'] = where;
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  const related = relatedOf(list.map((g) => ({ ref: refOf(g.payer), total: g.total })));
  return { ...hitOf(rule, window, [...paidIn, ...payouts], strength, reason, facts, 'collection'), related };
}

/** Variant (iii): a few foreign lump sums balanced by many domestic payouts. */
function offsettingHit(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, book: Book, last: WindowEvent): RuleHit | undefined {
  const profile = context.jurisdiction;
  const { events, first, flows } = book;
  const foreign = new Map<string, { ref: EntityRef | undefined; total: number; events: WindowEvent[]; country: string | undefined }>();
  let settled = 0;
  let cash = 0;
  let candidateTotal = 0;
  const candidates: WindowEvent[] = [];
  const cashOuts: WindowEvent[] = [];
  for (let i = first; i < events.length; i++) {
    const f = flows[i - first] as number;
    const e = events[i] as WindowEvent;
    if (f === FOREIGN_IN) {
      const key = e.counterparty ?? (nameKey(e.counterpartyName) === undefined ? `tx:${e.id}` : `name:${nameKey(e.counterpartyName)}`);
      const g = foreign.get(key) ?? { ref: e.counterparty === undefined ? undefined : { kind: 'account', id: e.counterparty }, total: 0, events: [], country: counterpartyCountryOf(e, context) };
      g.total += e.amount;
      g.events.push(e);
      foreign.set(key, g);
      settled += e.amount;
    } else if (f === CASH_OUT) {
      cash += e.amount;
      cashOuts.push(e);
    } else if (f === DOMESTIC_OUT) {
      // Payroll, trade, rent and bills are ordinary outgoings, not payouts.
      const ref = e.tx.reference ?? '';
      if (rawParty(e) === undefined || WAGE_REF.test(ref) || TRADE_REF.test(ref) || RENT_REF.test(ref) || BILL_REF.test(ref)) continue;
      candidates.push(e);
      candidateTotal += e.amount;
    }
  }
  if (foreign.size === 0 || foreign.size > o.maxForeignPayers || candidates.length < o.minPayees) return undefined;
  if (settled < o.minSettlementShareOfThreshold * flowReference(profile)) return undefined;
  // The payouts can only shrink from here: bail out before any identity work when they cannot match.
  if (!atMostShare(cash, settled, 1 + o.matchTolerance) || !atLeastShare(cash + candidateTotal, settled, 1 - o.matchTolerance)) return undefined;

  // Payees: people outside the holder's family.
  const holder = ownRef(window, last);
  const payees = new Map<string, Payer>();
  const kept: WindowEvent[] = [...cashOuts];
  const byRaw = new Map<string, Payer | null>();
  let paidOut = cash;
  for (const e of candidates) {
    const r = rawParty(e) as string;
    let p = byRaw.get(r);
    if (p === undefined) {
      const name = e.counterpartyName;
      const payee: Payer = { key: e.counterparty ?? `name:${nameKey(name) ?? r}`, account: e.counterparty, name, country: counterpartyCountryOf(e, context) };
      p = isOrganisation(payee, context) || isFamily(context.identity.familyLink(holder, payee)) ? null : payee;
      byRaw.set(r, p);
    }
    if (p === null) continue;
    payees.set(p.key, p);
    kept.push(e);
    paidOut += e.amount;
  }
  if (payees.size < o.minPayees || !within(paidOut, settled, o.matchTolerance)) return undefined;
  const clusters = familyClusters([...payees.values()], context, false);
  const families = new Set([...payees.keys()].map((k) => clusters.clusterOf(k))).size;
  if (families < o.minPayees) return undefined;

  const type = window.account?.type;
  const [factor, discount] = type === 'ngo' ? [0.35, 'registered_ngo'] : type === 'business' ? [0.8, 'business_account'] : [1, undefined];
  const home = ownCountryOf(window, last) ?? jurisdictionCountry(context);
  const sources = [...new Set([...foreign.values()].map((f) => f.country).filter((c): c is string => c !== undefined))].sort();
  const corridor = sources.some((c) => hasRole(c, 'destination') || hasRole(c, 'diaspora')) && (hasRole(home, 'origin') || hasRole(home, 'transit'));
  const tight = within(paidOut, settled, 0.01);
  const strength = (0.5 + (tight ? 0.1 : 0) + 0.05 * Math.min(4, Math.floor((families - o.minPayees) / 5)) + (corridor ? 0.1 : 0)) * factor;
  const diffPct = Math.round((Math.abs(paidOut - settled) / settled) * 1000) / 10;
  const reason =
    `Possible unlicensed remittance pattern: ${foreign.size} foreign counterpart${foreign.size === 1 ? 'y' : 'ies'}${sources.length > 0 ? ` (${sources.join(', ')})` : ''} ` +
    `paid this account ${money(profile, settled)} within ${o.windowDays} days, and ${money(profile, paidOut)} went out to ${families} unrelated domestic payees` +
    `${cash > 0 ? ' and in cash' : ''} (${diffPct} % apart).`;
  const facts: Record<string, number | string | boolean> = {
    foreignCounterparties: foreign.size, settlementMinor: settled, paidOutMinor: paidOut, cashOutMinor: cash, payees: payees.size, payeeFamilies: families,
    difference: ratio(Math.abs(paidOut - settled) / settled), windowDays: o.windowDays, corridor,
  };
  if (sources.length > 0) facts['foreignCountries'] = sources.join(', ');
  if (discount !== undefined) facts['discount'] = discount;
  const settlements = [...foreign.values()].flatMap((f) => f.events);
  const related = relatedOf([...foreign.values()].map((f) => ({ ref: f.ref, total: f.total })));
  return { ...hitOf(rule, window, [...settlements, ...kept], strength, reason, facts, 'offsetting'), related };
}
