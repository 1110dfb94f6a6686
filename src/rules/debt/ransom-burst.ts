import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole } from '../../domain/corridors.js';
import { currencyExponent } from '../../schema/currencies.js';
import { formatMoneyRange } from '../../schema/format-money.js';
import { parseAmount } from '../../schema/money.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, compareRefs, hitOf, money, newest } from '../_lib.js';
import {
  KIN_REF, amountIn, familyClusters, holderDiscount, inflowsByPayer, isFamily, isOrganisation, mayHaveRelatives, ownCountryOf,
  ownRef, paidBefore, paidTo, payerOf, phoneKeys, type Payer,
} from '../_payments.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { ownPaymentsOf, ownPaymentsState, type OwnPaymentsState } from './own-payments-state.js';
import { guardFacts, scanGuard, scanRecent, type ScanGuard } from '../scan-guard.js';
import { commerceRef, pooledRansom } from './ransom-pooled.js';
import { carrierSettlement } from '../flow/carrier-settlement.js';

const band = z
  .object({
    currency: z.string().refine((c) => currencyExponent(c) !== undefined, 'not an active ISO 4217 code'),
    /** Major units, as a plain decimal string ("150000", "4000.00"). */
    min: z.string(),
    max: z.string(),
  })
  .transform((b, ctx) => {
    const lo = parseAmount(b.min, b.currency);
    const hi = parseAmount(b.max, b.currency);
    if (!lo.ok || !hi.ok || lo.minor > hi.minor) {
      ctx.addIssue({ code: 'custom', message: `band ${b.currency} ${b.min}–${b.max} is not a valid amount range` });
      return z.NEVER;
    }
    return { currency: b.currency, min: b.min, max: b.max, minMinor: lo.minor, maxMinor: hi.minor };
  });

/** Options of {@link ransomBurst}; bands sourced from RESEARCH §a.2, counts *proposed* (§a.1 MS-DEBT-03). @category Rules
 * @example ransomBurstOptionsSchema.parse({ bandTolerance: 0 }) */
export const ransomBurstOptionsSchema = z.object({
  /** Burst window for one family's payments. */
  burstDays: days(1, 60, 14),
  /** Window for counting distinct families paying the collector (strong form). */
  clusterDays: days(7, 120, 30),
  /** Payers of one family cluster in the burst. */
  minFamilyPayers: countOpt(2, 10, 2),
  /** Ransom-like family clusters for the strong form. */
  minClusters: countOpt(2, 50, 3),
  /**
   * Reported ransom and release prices (RESEARCH §a.2: Daily Star 2015, Wang Kelian inquiry,
   * Reuters 2013). The THB, IDR, AUD and SGD rows are the USD band at approximate 2024 rates, used
   * when no FX table converts the USD band exactly; replace them with sourced local figures.
   */
  bands: z.array(band).min(1).prefault([
    { currency: 'BDT', min: '150000', max: '220000' },
    { currency: 'MYR', min: '4000', max: '6500' },
    { currency: 'USD', min: '1000', max: '2500' },
    { currency: 'THB', min: '35000', max: '87500' },
    { currency: 'IDR', min: '15500000', max: '39000000' },
    { currency: 'AUD', min: '1500', max: '3800' },
    { currency: 'SGD', min: '1350', max: '3400' },
  ]),
  /** Widens every band by this share on both sides (the ±10 % fee-match tolerance of RESEARCH §c.4). */
  bandTolerance: ratioOpt(0, 0.5, 0.1),
  /** Payments by the same family more than `clusterDays` earlier show an established relationship (support, not a burst). */
  historyDays: days(30, 365, 120),
  /** A payment smaller than this share of the lowest band (in the jurisdiction currency) is not a ransom instalment. */
  minPaymentShareOfBand: ratioOpt(0, 1, 0.2),
  /**
   * Pooled variant: unrelated persons (not the holder's family, each paying at least
   * `minPaymentShareOfBand` of the band floor) who together pay a personal account a ransom-sized
   * sum within `burstDays`, none of them a payer earlier (*proposed*).
   */
  pooledMinPayers: countOpt(2, 20, 2),
  /** Pooled variant: share of the pooled sum that leaves in cash or abroad from `burstDays` before the burst on (*proposed*). */
  pooledCashOutShare: ratioOpt(0.1, 1, 0.5),
  /** Pooled variant: the sum is at least this multiple of the declared monthly income and of the account's usual inflow per `burstDays` (*proposed*). */
  pooledSurge: ratioOpt(1, 50, 3),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(50, 50_000),
});
/** Options accepted by {@link ransomBurst} (defaults filled in). @category Rules @example const o: RansomBurstOptions = { bandTolerance: 0, bands: [{ currency: 'MYR', min: '4000', max: '6500' }] }; */
export type RansomBurstOptions = z.input<typeof ransomBurstOptionsSchema>;
type Options = z.output<typeof ransomBurstOptionsSchema>;

const ID = 'ransom_burst';
const INDICATORS = ['MS-DEBT-03'] as const;

/**
 * Fewest transfers from the holder to a paying family's accounts (within `historyDays`) that make
 * its sum money paid back (see {@link ransomBurst}): two contributions, as a savings group's
 * member pays before the pot comes round; one transfer alone can be anything.
 * @internal
 */
export const RETURNED_CONTRIBUTIONS = 2;

/**
 * MS-DEBT-03, ransom / extortion burst, on the collector's account. Family variant: within 14 days,
 * ≥ 2 payers of one family cluster (shared household from parties.csv, family name or patronym,
 * or a phone number written in cash-deposit references; names on the transaction when parties
 * data is missing) pay the account, with a later amount ≥ an earlier one or amounts inside a
 * ransom band (BDT 150,000–220,000, MYR 4,000–6,500, USD 1,000–2,500, converted exactly where the
 * currency differs). Band variant: ≥ 2 different families each pay a ransom-band sum (Wang Kelian:
 * RM 4,000 by one relative, RM 5,800 in two CDM deposits by another). Strength grows with the
 * number of ransom-like families in 30 days (strong form ≥ 3) and with cash-machine deposits.
 * Families already paying the account months earlier (regular support), families the holder
 * paid twice or more before (a savings pot or a loan paid back: `RETURNED_CONTRIBUTIONS`), the holder's own family,
 * parent-addressing references and institutional holders are excluded or discounted; payments
 * that name goods or trade (invoice, order, "goods", "stock", "supplier") are commerce and never
 * count, and a holder that companies pay against invoices or orders is discounted as a business.
 * Pooled variant (with MS-TP-01 and MS-PROF-01), for families that pay once or twice each: a
 * personal account paid a ransom-sized sum within 14 days by ≥ 2 unrelated persons none of whom
 * paid it before (unknown machine cash adds to the sum), ≥ 3 times its declared income and its
 * usual inflow, with ≥ half of it leaving in cash or abroad (see `pooledRansom`).
 * @category Rules
 * @example const rule = ransomBurst({ bands: [{ currency: 'THB', min: '50000', max: '70000' }] });
 */
export function ransomBurst(options: RansomBurstOptions = {}): Rule<typeof ID, OwnPaymentsState> {
  const o = parseOptions(ransomBurstOptionsSchema, options, ID);
  const rule: Rule<typeof ID, OwnPaymentsState> = {
    id: ID,
    indicators: INDICATORS,
    family: 'debt_exploitation',
    entities: ['account'],
    windowMs: Math.max(o.clusterDays, o.historyDays, o.burstDays) * DAY_MS,
    options: o,
    description: 'Possible ransom-collection pattern: several relatives of one or more families paying one account in escalating or ransom-sized sums.',
    // Each payer's own payments in the cluster window, kept incrementally (the band check of payers without relatives).
    incremental: ownPaymentsState(o.clusterDays * DAY_MS),
    evaluate: (window, context, state) => evaluate(window, context, o, rule, state),
  };
  return rule;
}

type Band = Options['bands'][number];

/** Whether anything could tie a payer to a family: a name, a holder party in the reference data, or a phone quoted in a reference. */
export function hasFamilyData(p: Payer, context: RuleContext): boolean {
  if (p.name !== undefined && p.name.trim() !== '') return true;
  if (p.party !== undefined || p.key.startsWith('anon:')) return true;
  return p.account !== undefined && context.identity.partyOf(p.account) !== undefined;
}

/** Whether a sum of events falls inside any applicable band (in that band's currency, exactly). */
function inBand(events: readonly WindowEvent[], context: RuleContext, o: Options): Band | undefined {
  const own = new Set([context.jurisdiction.currency, ...events.map((e) => e.tx.currency)]);
  const bands = o.bands.some((b) => own.has(b.currency)) ? o.bands.filter((b) => own.has(b.currency)) : o.bands;
  for (const b of bands) {
    const lo = Math.floor(b.minMinor * (1 - o.bandTolerance));
    const hi = Math.ceil(b.maxMinor * (1 + o.bandTolerance));
    let total = 0;
    let single = false;
    for (const e of events) {
      const a = amountIn(e, b.currency, context);
      if (a === undefined) {
        total = Number.NaN;
        break;
      }
      total += a;
      if (a >= lo && a <= hi) single = true;
    }
    // A family paying far more than any ransom (two captives at most) is not paying one.
    if (!(total <= 2 * hi)) continue;
    if (single || (total >= lo && total <= hi)) return b;
  }
  return undefined;
}

/** The lowest band minimum in the jurisdiction currency (bands in the payment's or the jurisdiction's currency first). */
function bandFloor(e: WindowEvent, context: RuleContext, o: Options): number | undefined {
  const cur = context.jurisdiction.currency;
  const own = o.bands.filter((b) => b.currency === cur || b.currency === e.tx.currency);
  let floor: number | undefined;
  for (const b of own.length > 0 ? own : o.bands) {
    const v = b.currency === cur ? b.minMinor : context.convert(b.minMinor, b.currency, cur, e.ts);
    if (v !== undefined && (floor === undefined || v < floor)) floor = v;
  }
  return floor === undefined ? undefined : floor * (1 - o.bandTolerance);
}


/**
 * Whether the holder behaves as a trading business although accounts.csv does not say so:
 * organisations pay it against invoices and orders (≥ 2 such inflows in the window, at most the
 * guard's limit of events read). A ransom collector is a person's or a mule's account that companies do not pay for
 * goods. A company name alone is no evidence (trade fronts receiving mule money carry one too).
 */
export function tradesWithCompanies(window: EntityWindow, context: RuleContext, guard: ScanGuard): boolean {
  let trade = 0;
  scanRecent(window, Number.NEGATIVE_INFINITY, guard, (e) => {
    if (e.direction !== 'in' || !commerceRef(e)) return;
    const p = payerOf(window, e, context);
    if (p !== undefined && isOrganisation(p, context) && ++trade >= 2) return false;
  });
  return trade >= 2;
}

interface Family {
  readonly id: string;
  readonly payers: Payer[];
  readonly events: WindowEvent[];
}

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, own: OwnPaymentsState): RuleHit[] {
  const hits = evaluateFamilies(window, context, o, rule, own);
  if (window.account?.type !== 'personal') return hits;
  // Families paying once or twice each show no family burst: the pooled variant reads them together.
  const floor = bandFloor(newest(window), context, o);
  const pooled = floor === undefined ? undefined : pooledRansom(window, context, o, rule, floor, () => tradesWithCompanies(window, context, scanGuard(o.maxScan)));
  return pooled === undefined ? hits : [...hits, pooled];
}

function evaluateFamilies(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, own: OwnPaymentsState): RuleHit[] {
  const last = newest(window);
  if (last.direction !== 'in' || (last.kind !== 'transfer' && last.kind !== 'cash_deposit')) return [];
  const type = window.account?.type;
  if (type === 'msb' || type === 'government' || type === 'ngo') return [];
  // Without a band in (or convertible to) the jurisdiction currency nothing can be sized as a ransom.
  const floor = bandFloor(last, context, o);
  if (floor === undefined || last.amount < o.minPaymentShareOfBand * floor) return [];
  const holder = ownRef(window, last);
  const keep = (p: Payer): boolean => !isOrganisation(p, context) && !isFamily(context.identity.familyLink(holder, p));
  const first = payerOf(window, last, context);
  if (first === undefined || !keep(first)) return [];
  // No family data at all (no name, no known holder, no phone in a reference): families cannot be
  // told apart, so neither variant can rest on evidence — stand down (issue 14: AMLSim has none).
  if (!hasFamilyData(first, context)) return [];
  const recentFrom = last.ts - o.clusterDays * DAY_MS;
  // A payer who cannot have relatives here can only make the band variant: check its own sum first.
  if (!mayHaveRelatives(first, context) && inBand(ownPaymentsOf(own, last, o.maxScan), context, o) === undefined) return [];
  // Trade and purchase payments (invoices, progress claims, orders, "goods", "stock") are commerce, not ransom instalments.
  if (commerceRef(last)) return [];
  const guard = scanGuard(o.maxScan);
  const groups = [...inflowsByPayer(window, context, recentFrom, guard, keep).values()]
    .map((g) => ({ payer: g.payer, events: g.events.filter((e) => !commerceRef(e)) }))
    .filter((g) => g.events.length > 0);
  // Very common family names join relatives too, but such a family needs a ransom-band sum to count.
  const clusters = familyClusters(groups.map((g) => g.payer), context, true, phoneKeys(groups, context));
  const families = new Map<string, Family>();
  for (const g of groups) {
    const id = clusters.clusterOf(g.payer.key);
    const f = families.get(id) ?? { id, payers: [], events: [] };
    f.payers.push(g.payer);
    f.events.push(...g.events);
    families.set(id, f);
  }
  const mine = families.get(clusters.clusterOf(first.key));
  if (mine === undefined) return [];
  // Groups are oldest-first already; only a family of several payers needs its events merged in order.
  for (const f of families.values()) if (f.payers.length > 1) f.events.sort((a, b) => a.ts - b.ts);

  const holderCountry = ownCountryOf(window, last);
  const crossBorder = (e: WindowEvent) => e.counterpartyCountry !== undefined && holderCountry !== undefined && e.counterpartyCountry !== holderCountry;
  const cashMachine = (e: WindowEvent) => e.kind === 'cash_deposit' && (e.channel === 'cdm' || e.channel === 'atm');
  const thirdPartyCash = (e: WindowEvent) => e.kind === 'cash_deposit';
  // A family is ransom-like when its payments sit in a band, or ≥ 2 of its payers escalate.
  const keyOf = new Map<WindowEvent, string>();
  for (const g of groups) {
    if ((families.get(clusters.clusterOf(g.payer.key))?.payers.length ?? 0) > 1) for (const e of g.events) keyOf.set(e, g.payer.key);
  }
  const by = (e: WindowEvent): string | undefined => keyOf.get(e) ?? payerOf(window, e, context)?.key;
  // Escalation: some payment is at least (any) or more than (strict) an earlier payment by a
  // different payer. One pass: the smallest earlier amount by a payer other than the later one's
  // is the smaller of the overall minimum and the minimum among the other payers.
  const escalates = (f: Family, events: readonly WindowEvent[]): { any: boolean; strict: boolean } => {
    let any = false;
    let strict = false;
    let min1 = Number.POSITIVE_INFINITY;
    let min1By: string | undefined;
    let min2 = Number.POSITIVE_INFINITY; // smallest amount among payers other than min1By
    for (const later of events) {
      const who = by(later);
      const floor = who === min1By ? min2 : min1;
      if (later.amount >= floor) {
        any = true;
        if (later.amount > floor) strict = true;
      }
      if (later.amount < min1) {
        if (who !== min1By) min2 = min1;
        min1 = later.amount;
        min1By = who;
      } else if (who !== min1By && later.amount < min2) min2 = later.amount;
    }
    return { any: any && f.payers.length >= o.minFamilyPayers, strict };
  };
  const weakOnly = (f: Family) => f.payers.length > 1 && f.payers.every((p) => clusters.evidence(p.key) === 'common');
  const burst = mine.events.filter((e) => e.ts > last.ts - o.burstDays * DAY_MS);
  const burstPayers = new Set(burst.map(by));
  const hitBand = inBand(burst, context, o);
  const familyBand = hitBand ?? inBand(mine.events, context, o);
  const esc = escalates(mine, burst);
  // Nothing about this family looks like a ransom: stop before sizing the other families.
  if (familyBand === undefined && !(burstPayers.size >= o.minFamilyPayers && esc.any)) return [];
  // Another family counts only when something tells it apart: a payer without any family data
  // (no name, holder or phone) could be anyone's relative, so it is no family of its own (on a
  // bank export without names, a busy account's payers were each counted as a family).
  const ransomLike = [...families.values()].filter(
    (f) => f === mine ? familyBand !== undefined || (esc.any && !weakOnly(f))
      : f.payers.some((p) => hasFamilyData(p, context)) &&
        (inBand(f.events, context, o) !== undefined || (f.payers.length >= o.minFamilyPayers && !weakOnly(f) && escalates(f, f.events).any)),
  );
  const machine = burst.some(cashMachine);
  // Escalation alone needs ransom-sized money (half the lowest band) and corroboration.
  const burstTotal = burst.reduce((s, e) => s + e.amount, 0);
  const corroborated = burstTotal >= 0.5 * floor && (burst.some(crossBorder) || machine || ransomLike.length >= o.minClusters);
  // The band variant needs ransom-sized family payments to dominate the account's sizeable inflows
  // (a shop or dealer paid large sums by many customers is not a collector of ransoms).
  const dominant = () => {
    let sizeable = 0;
    for (const f of families.values()) if (f.events.reduce((t, e) => t + e.amount, 0) >= o.minPaymentShareOfBand * floor) sizeable++;
    return ransomLike.length * 2 >= sizeable;
  };
  let variant: 'family' | 'band' | undefined;
  if (burstPayers.size >= o.minFamilyPayers && (hitBand !== undefined || (esc.any && corroborated && !weakOnly(mine)))) variant = 'family';
  else if (
    familyBand !== undefined && ransomLike.length >= 2 && dominant() &&
    (ransomLike.length >= o.minClusters || ransomLike.some((f) => f.events.some((e) => crossBorder(e) || thirdPartyCash(e))))
  ) variant = 'band';
  if (variant === undefined) return [];

  // Regular support already paid by this family long before the burst is not a ransom.
  const established = paidBefore(window, context, new Set(mine.payers.map((p) => p.key)), last.ts - o.historyDays * DAY_MS, recentFrom - 5 * DAY_MS, guard);
  const refs = burst.map((e) => e.tx.reference ?? '');
  const evidence = Math.max(...mine.payers.map((p) => ({ household: 3, name: 2, common: 1, none: 0 })[clusters.evidence(p.key)]));
  // A trading business (by account type, else by companies paying it invoices and orders) is discounted alike.
  const holderType = type === 'business' ? { factor: 0.3, why: 'business_account' }
    : tradesWithCompanies(window, context, guard) ? { factor: 0.3, why: 'trade_inflows' } : holderDiscount(type);
  let factor = holderType.factor;
  const discounts: string[] = holderType.why === undefined ? [] : [holderType.why];
  const discount = (f: number, why: string) => {
    factor *= f;
    discounts.push(why);
  };
  const carrier = carrierSettlement(window);
  if (carrier !== undefined) discount(carrier.factor, carrier.why);
  if (established) discount(0.3, 'established_relationship');
  // The holder paid this family's accounts before: the sum pays back the holder's own money (a
  // rotating savings pot, a loan returned), which no captive's relatives owe their collector.
  const accounts = new Set(mine.payers.flatMap((p) => (p.account === undefined ? [] : [p.account])));
  if (accounts.size > 0 && paidTo(window, accounts, last.ts - o.historyDays * DAY_MS, last.ts, RETURNED_CONTRIBUTIONS, guard)) discount(0.2, 'pays_back_holder');
  if (refs.filter((r) => KIN_REF.test(r)).length * 3 >= refs.length && refs.length > 0) discount(0.5, 'kinship_references');
  if (variant === 'family' && evidence < 3) discount(evidence === 2 ? 0.9 : 0.7, evidence === 2 ? 'name_link_only' : 'common_name_link_only');
  const strong = ransomLike.length >= o.minClusters;
  const toTransit = hasRole(holderCountry, 'transit') && burst.some((e) => hasRole(e.counterpartyCountry, 'origin') || hasRole(e.counterpartyCountry, 'diaspora'));
  const strength =
    (variant === 'family'
      ? 0.5 + (hitBand !== undefined ? 0.15 : 0) + (esc.strict ? 0.05 : 0)
      : 0.35 + 0.1 * Math.min(2, ransomLike.length - 2)) +
    (machine ? 0.1 : 0) + (strong ? 0.2 : ransomLike.length === 2 ? 0.1 : 0) + (toTransit ? 0.05 : 0);
  const profile = context.jurisdiction;
  const total = burst.reduce((s, e) => s + e.amount, 0);
  const amounts = burst.map((e) => money(profile, e.amount)).join(', ');
  const reason =
    variant === 'family'
      ? `Possible ransom-collection pattern: ${burstPayers.size} related payers (${evidence === 3 ? 'shared address or phone' : evidence === 2 ? 'shared family name' : 'a common family name only'}) ` +
        `paid this account ${amounts} within ${o.burstDays} days` +
        (hitBand !== undefined ? `, inside the ${formatMoneyRange(hitBand.minMinor, hitBand.maxMinor, hitBand.currency)} ransom band` : esc.strict ? ', in rising amounts' : '') +
        (ransomLike.length > 1 ? `; ${ransomLike.length} families paid ransom-like sums within ${o.clusterDays} days.` : '.')
      : `Possible ransom-collection pattern: ${ransomLike.length} different families paid this account ransom-sized sums within ${o.clusterDays} days ` +
        `(this family ${money(profile, mine.events.reduce((s, e) => s + e.amount, 0))}${familyBand === undefined ? '' : `, inside the ${formatMoneyRange(familyBand.minMinor, familyBand.maxMinor, familyBand.currency)} band`}).`;
  const facts: Record<string, number | string | boolean> = {
    familyPayers: burstPayers.size, payments: burst.length, totalMinor: total, ransomLikeFamilies: ransomLike.length,
    inBand: hitBand !== undefined, escalation: esc.any, cashMachine: machine, crossBorder: burst.some(crossBorder), established,
    linkEvidence: ['none', 'common_name', 'family_name', 'household'][evidence] as string,
  };
  if (familyBand !== undefined) facts['band'] = `${familyBand.currency} ${familyBand.min}-${familyBand.max}`;
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  const related: EntityRef[] = [];
  const seen = new Set<string>();
  for (const f of ransomLike.includes(mine) ? ransomLike : [...ransomLike, mine]) {
    for (const p of f.payers) {
      const ref: EntityRef | undefined = p.account !== undefined ? { kind: 'account', id: p.account } : p.party !== undefined ? { kind: 'party', id: p.party } : undefined;
      if (ref !== undefined && !seen.has(`${ref.kind}:${ref.id}`)) {
        seen.add(`${ref.kind}:${ref.id}`);
        related.push(ref);
      }
    }
  }
  related.sort(compareRefs);
  const events = strong ? ransomLike.flatMap((f) => f.events) : variant === 'band' ? mine.events : burst;
  return [{ ...hitOf(rule, window, events, strength * factor, reason, guardFacts(facts, guard), variant), related }];
}
