import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole } from '../../domain/corridors.js';
import { CORRIDOR_FEES, FEE_KINDS, type CorridorFee } from '../../domain/fees.js';
import { hotspotMatcher } from '../../domain/hotspots.js';
import { formatMoney } from '../../schema/format-money.js';
import { parseAmount } from '../../schema/money.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, accountTypeFactor, hitOf, money, newest } from '../_lib.js';
import { KIN_REF, counterpartyCountryOf, isFamily, isOrganisation, ownCountryOf, ownRef, payerOf, type Payer } from '../_payments.js';
import { countOpt, days, scanGuardOpt } from '../options.js';
import { compileFees, isHotspotCash, matchAmount, matchEvent, type CompiledFees, type FeeMatch } from './fee-amounts.js';
import { CANDIDATE_STRIDE, candidateEvent, candidateFeeLike, candidatePayer, candidateSeq, feeState, type FeePayer, type FeeState } from './fee-state.js';
import { keyedEntries, type Keyed } from '../../engine/incremental/keyed.js';
import { beyondGuard, guardFacts, scanGuard } from '../scan-guard.js';

/** Largest fee accepted in options (minor units), so that integer matching stays exact. */
const MAX_FEE_MINOR = 10_000_000_000;

const extraFee = z
  .object({
    route: z.string().min(1).max(200),
    currency: z.string().regex(/^[A-Z]{3}$/),
    /** Decimal amounts in major units as reported, e.g. "6500.00". */
    amounts: z.array(z.string().max(32)).min(1).max(20),
    per: z.enum(['person', 'family']).default('person'),
    kind: z.enum(FEE_KINDS).default('fare'),
  })
  .superRefine((f, ctx) => {
    f.amounts.forEach((a, i) => {
      const r = parseAmount(a, f.currency);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: ['amounts', i], message: r.message });
      else if (r.minor > MAX_FEE_MINOR) ctx.addIssue({ code: 'custom', path: ['amounts', i], message: 'fee too large' });
    });
  });

/**
 * Options of {@link feeMatch}; defaults from RESEARCH §a.1 MS-AMT-02 and §c.4 (tolerance ±10 %,
 * party size ≤ 6, cumulative total over 90 days; the rest *proposed*).
 * @category Rules
 * @example feeMatchOptionsSchema.parse({ tolerance: 0.05, extraFees: [{ route: 'Local report', currency: 'MYR', amounts: ['7000.00'] }] })
 */
export const feeMatchOptionsSchema = z.object({
  /** Relative tolerance around q × fee (RESEARCH: 0.10, range 0.05–0.25); matched in integer basis points. */
  tolerance: z.number().min(0.01).max(0.25).default(0.1),
  /** Largest party size q for per-person fees (RESEARCH: Q = 6). */
  maxPartySize: countOpt(1, 10, 6),
  /** Fee kinds of the table matched; recruitment costs (lawful in part), survey averages and network shares are left out by default. */
  kinds: z.array(z.enum(FEE_KINDS)).min(1).default(['fare', 'ransom']),
  /** Further reported fees (e.g. from a bank's own cases). */
  extraFees: z.array(extraFee).max(200).default([]),
  /** Window in which fee-like payments from different senders count (30 days). */
  senderDays: days(1, 90, 30),
  /** Different senders with fee-like payments into the account. */
  minSenders: countOpt(2, 50, 2),
  /** Window of the cumulative payer → payee total (RESEARCH: 90 days). */
  cumulativeDays: days(7, 180, 90),
  /** Payments of one payer making up a cumulative total. */
  minPayments: countOpt(2, 20, 2),
  /** A payer who already paid the account in this many days before the cumulative window is an established relationship. */
  historyDays: days(0, 365, 90),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(50, 50_000),
});
/** Options accepted by {@link feeMatch}. @category Rules @example const o: FeeMatchOptions = { tolerance: 0.05 }; */
export type FeeMatchOptions = z.input<typeof feeMatchOptionsSchema>;
type Options = z.output<typeof feeMatchOptionsSchema>;

const ID = 'fee_match';
const INDICATORS = ['MS-AMT-02'] as const;

/**
 * MS-AMT-02, fee-matching amounts: payments equal to a reported smuggling fare or ransom (RESEARCH
 * §a.2, {@link CORRIDOR_FEES}) for a party of q = 1..6 people, within ±10 % in integer arithmetic
 * (`|a − q·f|·10⁴ ≤ tol_bp·q·f`), compared in the fee's own currency (the original amount when the
 * transaction is in it, else through the FX table; skipped without a rate). Only inflows (transfers
 * and cash deposits) involving a corridor country on either side, or cash paid in at a hotspot,
 * count. Fires on the receiving account when within 30 days ≥ 2 different senders paid fee-like
 * amounts, or when one payer's payments within 90 days add up to a fee. Organisations, payroll,
 * trade, rent and bill payments, the holder's family, and a payer who already paid the account
 * before are left out; a family remittance home (one payer abroad, one payee in an origin country,
 * no other payers) does not fire; rotating savings groups (payers paid back by the account) and
 * institutional holders are discounted. Fee-sized amounts are common — in a corridor country every
 * domestic payment passes the corridor test — so this is a context signal (family `context`) that
 * amplifies other indicators and is never alone a reason to alert.
 * @category Rules
 * @example const rule = feeMatch({ tolerance: 0.05, maxPartySize: 4 });
 */
export function feeMatch(options: FeeMatchOptions = {}): Rule<typeof ID> {
  const o = parseOptions(feeMatchOptionsSchema, options, ID);
  const extras: CorridorFee[] = o.extraFees.map((f, i) => ({
    id: `extra_${i + 1}`, route: f.route, kind: f.kind, currency: f.currency, per: f.per, year: '', source: 'options',
    amounts: f.amounts.map((a) => { const r = parseAmount(a, f.currency); return r.ok ? r.minor : 0; }),
  }));
  const compiled = compileFees([...CORRIDOR_FEES.filter((f) => o.kinds.includes(f.kind)), ...extras], o.tolerance, o.maxPartySize, hotspotMatcher());
  const transitions = feeState(o, compiled);
  const rule: Rule<typeof ID, FeeState> = {
    id: ID,
    indicators: INDICATORS,
    family: 'context',
    entities: ['account'],
    windowMs: Math.max(o.senderDays, o.cumulativeDays + o.historyDays) * DAY_MS,
    options: o,
    description: 'Context: payments equal to reported smuggling fees or ransoms for one or several people.',
    // The inflows that can count (with their payers and fee-likeness) and the outflows, kept incrementally; the gate rules out evaluations that cannot fire.
    incremental: transitions,
    evaluate: (window, context, state) => (transitions.mayFire(state, newest(window), window, context) ? evaluate(window, context, state, o, compiled, rule) : []),
  };
  return rule as Rule<typeof ID>;
}

/**
 * The rule's decision from its state: the same newest-first pass over at most `maxScan` events back
 * to the window's start as a window scan, over the classified candidates and outflows only. The
 * state's window indexes stand for the time tests (a candidate at or after `s.senders` is one of
 * the last `senderDays`, after `s.cumulative` of the cumulative window), and the payer key stored
 * with each candidate for its sender, so the pass follows a candidate to its event only to resolve a
 * payer the first time or to list it as evidence.
 */
function evaluate(window: EntityWindow, context: RuleContext, s: FeeState, o: Options, c: CompiledFees, rule: Rule<string, FeeState>): RuleHit[] {
  const last = newest(window);
  const holder = ownRef(window, last);
  const list = s.candidates;
  // Payers resolved from their newest candidate (the first the pass meets); null = not a payer that
  // counts. Kept between evaluations while that candidate is still the payer's newest and the holder
  // reads the same (its name and country come from each transaction without parties.csv).
  const epoch = ++s.evaluations;
  if (s.holderName !== holder.name || s.holderCountry !== holder.country) {
    for (const [, p] of keyedEntries(s.payers as Keyed<string, FeePayer>)) p.at = undefined;
    s.holderName = holder.name;
    s.holderCountry = holder.country;
  }
  const payerAt = (slot: FeePayer, i: number): Payer | undefined => {
    if (slot.epoch === epoch) return slot.payer ?? undefined;
    // First met in this evaluation: its newest candidate.
    slot.epoch = epoch;
    slot.group = undefined;
    slot.other = false;
    const e = candidateEvent(list, i);
    if (slot.at !== e) {
      const found = payerOf(window, e, context) as Payer;
      slot.payer = isOrganisation(found, context) || isFamily(context.identity.familyLink(holder, found)) ? null : found;
      slot.at = e;
    }
    return slot.payer ?? undefined;
  };
  const newestAt = list.length - CANDIDATE_STRIDE; // the newest event (the gate checked it)
  const mine = candidatePayer(list, newestAt);
  const me = payerAt(mine, newestAt);
  if (me === undefined) return [];
  const first = candidateFeeLike(list, newestAt) ? matchEvent(last, context, c) : undefined;

  // One pass, newest first, over the maxScan newest events: fee-like payments of other senders (30 d), this payer's series (90 d) and history, payees paid by the account.
  const inScan = s.seq - 1 - o.maxScan; // positions above this are among the maxScan newest
  const inEither = Math.min(s.senders, s.cumulative); // in the senders or the cumulative window from here on
  const feeLike = new Map<string, { payer: Payer; events: WindowEvent[] }>();
  const series: WindowEvent[] = [];
  const paidOut = new Set<string>();
  let otherPayers = 0;
  let established = false;
  for (let i = s.outflows.length - 2; i >= s.outHead; i -= 2) {
    if ((s.outflows[i + 1] as number) <= inScan) break;
    paidOut.add((s.outflows[i] as WindowEvent).counterparty as string);
  }
  for (let i = newestAt; i >= s.all; i -= CANDIDATE_STRIDE) {
    if (candidateSeq(list, i) <= inScan) break;
    const slot = candidatePayer(list, i);
    // Older than both windows only this payer's own earlier payments matter (an established
    // relationship): other payers need not be resolved, and the first such payment settles it.
    if (i < inEither) {
      if (slot === mine) {
        established = true;
        break;
      }
      continue;
    }
    const p = payerAt(slot, i);
    if (p === undefined) continue;
    if (slot === mine) {
      if (i >= s.cumulative) series.push(candidateEvent(list, i));
      else established = true;
      continue;
    }
    if (i >= inEither && !slot.other) {
      slot.other = true;
      otherPayers++;
    }
    if (first === undefined || i < s.senders) continue;
    if (slot.group !== undefined) slot.group.push(candidateEvent(list, i));
    else if (candidateFeeLike(list, i)) {
      slot.group = [candidateEvent(list, i)];
      feeLike.set(slot.key, { payer: p, events: slot.group });
    }
  }

  return feeHit(window, context, o, c, rule, { last, me, first, feeLike, series, paidOut, otherPayers, established });
}

/** @internal What one evaluation's pass over the window found (see {@link feeHit}). */
export interface FeePass {
  readonly last: WindowEvent;
  /** The newest payment's payer (a person, not the holder's family). */
  readonly me: Payer;
  /** The newest payment's own fee match, if its amount is fee-like. */
  readonly first: FeeMatch | undefined;
  /** Other payers with a fee-like payment in the senders window, each with its payments from that one back. */
  readonly feeLike: ReadonlyMap<string, { readonly payer: Payer; readonly events: readonly WindowEvent[] }>;
  /** This payer's payments in the cumulative window, newest first. */
  readonly series: readonly WindowEvent[];
  /** Counterparties the account paid out to. */
  readonly paidOut: ReadonlySet<string>;
  /** How many other payers paid in the senders or cumulative window. */
  readonly otherPayers: number;
  /** Whether this payer paid the account before the cumulative window. */
  readonly established: boolean;
}

/** @internal The hit, if any, from what the pass found: the senders or cumulative variant, discounts, strength, sentence and facts. */
export function feeHit(
  window: EntityWindow, context: RuleContext, o: Pick<Options, 'senderDays' | 'cumulativeDays' | 'historyDays' | 'minSenders' | 'minPayments' | 'maxScan'>, c: CompiledFees,
  rule: Pick<Rule, 'id' | 'indicators'>, pass: FeePass,
): RuleHit[] {
  const { last, me, first, feeLike, series, paidOut, otherPayers, established } = pass;
  const hotspot = (e: WindowEvent): boolean => isHotspotCash(e, c);
  const cross = (e: WindowEvent): boolean => {
    const cp = counterpartyCountryOf(e, context);
    return cp !== undefined && cp !== ownCountryOf(window, e);
  };
  let variant: 'senders' | 'cumulative' | undefined;
  let chosen: readonly WindowEvent[] = [];
  let match: FeeMatch | undefined;
  let senders = 0;
  let total = 0;
  if (first !== undefined && feeLike.size + 1 >= o.minSenders) {
    variant = 'senders';
    match = first;
    senders = feeLike.size + 1;
    chosen = [last, ...[...feeLike.values()].flatMap((g) => g.events)];
  } else if (series.length >= o.minPayments && !established && !series.some((e) => KIN_REF.test(e.tx.reference ?? ''))) {
    // A family remittance home: one payer abroad, the payee in an origin country, nobody else paying.
    const payeeCountry = ownCountryOf(window, last);
    const abroad = me.country !== undefined && me.country !== payeeCountry && (hasRole(me.country, 'destination') || hasRole(me.country, 'diaspora'));
    const remittance = abroad && hasRole(payeeCountry, 'origin') && otherPayers === 0;
    const sameCurrency = (cur: string) => series.every((e) => e.tx.currency === cur);
    let sum = 0;
    for (const e of series) sum += e.amount;
    const m = remittance ? undefined : matchAmount((cur) => {
      if (sameCurrency(cur)) return series.reduce((s, e) => s + e.tx.amount, 0);
      return cur === context.jurisdiction.currency ? sum : context.convert(sum, context.jurisdiction.currency, cur, last.ts);
    }, c);
    // A cumulative match must be a sizeable sum (a tenth of the cash threshold): small fares
    // (RM 1,000 for a child) are matched by too many ordinary pairs of payments.
    if (m !== undefined && sum * 10 >= context.jurisdiction.cashThreshold) {
      variant = 'cumulative';
      match = m;
      chosen = series;
      senders = 1;
    }
  }
  if (variant === undefined || match === undefined) return [];
  for (const e of chosen) total += e.amount;

  const payerList = variant === 'senders' ? [me, ...[...feeLike.values()].map((g) => g.payer)] : [me];
  let factor = accountTypeFactor(window);
  const discounts: string[] = factor < 1 ? [`account_type_${window.account?.type ?? 'unknown'}`] : [];
  // Rotating savings group: the members who pay in are paid out by the account in turn.
  const paidBack = payerList.filter((p) => p.account !== undefined && paidOut.has(p.account)).length;
  if (paidBack * 2 >= payerList.length && paidBack > 0) {
    factor *= 0.4;
    discounts.push('rotating_savings');
  }
  const outside = chosen.some((e) => cross(e) || hotspot(e));
  const exact = match.deviation <= 0.01;
  const strength =
    ((variant === 'senders' ? 0.3 + 0.05 * Math.min(4, senders - o.minSenders) : 0.3) + (outside ? 0.1 : 0) + (exact ? 0.05 : 0)) * factor;
  const profile = context.jurisdiction;
  const party = match.q === 1 ? (match.fee.per === 'family' ? 'one family' : 'one person') : `${match.q} people`;
  const fee = `${match.fee.route} (${formatMoney(match.value, match.fee.currency)} per ${match.fee.per}, ${match.fee.source})`;
  const reason =
    variant === 'senders'
      ? `Possible fee-payment pattern: ${senders} different senders paid this account amounts matching reported smuggling fees or ransoms within ${o.senderDays} days, the latest ${money(profile, last.amount)} for ${party} at ${fee}.`
      : `Possible fee-payment pattern: one payer's ${chosen.length} payments to this account within ${o.cumulativeDays} days add up to ${money(profile, total)}, matching ${fee} for ${party}.`;
  const facts: Record<string, number | string | boolean> = {
    senders,
    payments: chosen.length,
    totalMinor: total,
    fee: match.fee.id,
    feeCurrency: match.fee.currency,
    feeMinor: match.value,
    partySize: match.q,
    deviationBp: Math.round(match.deviation * 10_000),
    crossBorderOrHotspot: outside,
  };
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  // The pass read only the maxScan newest events when the rule's span holds more.
  const guard = scanGuard(o.maxScan);
  beyondGuard(window, last.ts - Math.max(o.senderDays, o.cumulativeDays + o.historyDays) * DAY_MS + 1, guard);
  const hit = hitOf(rule, window, chosen, strength, reason, guardFacts(facts, guard), variant);
  const related: EntityRef[] = payerList
    .map((p): EntityRef | undefined => (p.account !== undefined ? { kind: 'account', id: p.account } : p.party !== undefined ? { kind: 'party', id: p.party } : undefined))
    .filter((r): r is EntityRef => r !== undefined)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [related.length > 0 ? { ...hit, related } : hit];
}
