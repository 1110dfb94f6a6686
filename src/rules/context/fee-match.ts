import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole } from '../../domain/corridors.js';
import { CORRIDOR_FEES, FEE_KINDS, type CorridorFee } from '../../domain/fees.js';
import { hotspotMatcher } from '../../domain/hotspots.js';
import { formatMoney } from '../../schema/format-money.js';
import { parseAmount } from '../../schema/money.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, accountTypeFactor, hitOf, money, newest, flowReference } from '../_lib.js';
import { KIN_REF, isFamily, isOrganisation, ownCountryOf, ownRef, payerOf, type Payer } from '../_payments.js';
import { countOpt, days, scanGuardOpt } from '../options.js';
import { compileFees, matchAmount, matchEvent, type CompiledFees, type FeeMatch } from './fee-amounts.js';
import {
  CANDIDATE_STRIDE, PAYERS_HEAD, PAYERS_HOLDER_COUNTRY, PAYERS_HOLDER_NAME, PAYER_GROUPED, PAYER_NEWEST, PAYER_STRIDE, PAYER_VERDICT,
  candidateEvent, candidateFeeLike, candidateOutside, candidatePayer, candidatePrevious, candidateSeq, feeState, nextEvaluation, payerKeyAt, type FeeState,
} from './fee-state.js';
import { beyondGuard, guardFacts, scanGuard } from '../scan-guard.js';
import { carrierSettlement } from '../flow/carrier-settlement.js';

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
 * The rule's decision from its state, exactly that of a newest-first pass over at most `maxScan`
 * events back to the window's start (the reference the property tests check it against), without
 * reading the window: this payer's own series and earlier payment follow its chain of candidates;
 * the counterparties paid out are counted in the state; the other payers' fee-like payments are read
 * only when the newest payment is fee-like, and only in the senders window; whether anybody else
 * pays at all is asked only of a remittance home. The state's window indexes stand for the time
 * tests (a candidate at or after `s.senders` is one of the last `senderDays`, after `s.cumulative`
 * of the cumulative window), and a payer's verdict is resolved from its newest candidate, once per
 * evaluation, and kept while that candidate is still its newest and the holder reads the same.
 */
function evaluate(window: EntityWindow, context: RuleContext, s: FeeState, o: Options, c: CompiledFees, rule: Rule<string, FeeState>): RuleHit[] {
  const last = newest(window);
  const holder = ownRef(window, last);
  const list = s.candidates;
  const payers = s.payers;
  const epoch = nextEvaluation();
  if (payers[PAYERS_HOLDER_NAME] !== holder.name || payers[PAYERS_HOLDER_COUNTRY] !== holder.country) {
    for (let r = PAYERS_HEAD; r < payers.length; r += PAYER_STRIDE) payers[r + PAYER_VERDICT] = undefined;
    payers[PAYERS_HOLDER_NAME] = holder.name;
    payers[PAYERS_HOLDER_COUNTRY] = holder.country;
  }
  // The verdict on the payer of record `r` from its newest candidate: the payer when it counts (a person outside the holder's family).
  const verdict = (r: number): Payer | undefined => {
    let v = payers[r + PAYER_VERDICT] as Payer | null | undefined;
    if (v === undefined) {
      const found = payerOf(window, candidateEvent(list, (payers[r + PAYER_NEWEST] as number) - s.dropped), context) as Payer;
      v = isOrganisation(found, context) || isFamily(context.identity.familyLink(holder, found)) ? null : found;
      payers[r + PAYER_VERDICT] = v;
    }
    return v ?? undefined;
  };
  const newestAt = list.length - CANDIDATE_STRIDE; // the newest event (the gate checked it)
  const mine = candidatePayer(list, newestAt);
  const me = verdict(mine);
  if (me === undefined) return [];
  const first = candidateFeeLike(list, newestAt) ? matchEvent(last, context, c) : undefined;
  const inScan = s.seq - 1 - o.maxScan; // positions above this are among the maxScan newest
  const inEither = Math.min(s.senders, s.cumulative); // in the senders or the cumulative window from here on

  // This payer's payments in the cumulative window, and whether it paid before it (within the rule's window).
  const series: WindowEvent[] = [];
  let seriesOutside = false;
  let established = false;
  for (let i = newestAt; i >= s.all && candidateSeq(list, i) > inScan; i = candidatePrevious(list, i)) {
    if (i < s.cumulative) {
      established = true;
      break;
    }
    series.push(candidateEvent(list, i));
    seriesOutside ||= candidateOutside(list, i);
  }

  // Other payers with a fee-like payment in the senders window; the evidence: the newest payment and
  // each such payer's payments from its newest fee-like one back, gathered newest first in one list
  // (in time order once reversed, as the window is: no sort per evaluation).
  const feeLike = new Map<string, Payer>();
  const evidence: WindowEvent[] = [last];
  let feeLikeOutside = candidateOutside(list, newestAt);
  if (first !== undefined) {
    for (let i = newestAt - CANDIDATE_STRIDE; i >= s.senders && i >= s.all && candidateSeq(list, i) > inScan; i -= CANDIDATE_STRIDE) {
      const slot = candidatePayer(list, i);
      if (slot === mine) continue;
      if (payers[slot + PAYER_GROUPED] !== epoch) {
        if (!candidateFeeLike(list, i)) continue;
        const p = verdict(slot);
        if (p === undefined) continue;
        payers[slot + PAYER_GROUPED] = epoch;
        feeLike.set(payerKeyAt(payers, slot), p);
      }
      evidence.push(candidateEvent(list, i));
      feeLikeOutside ||= candidateOutside(list, i);
    }
  }
  evidence.reverse();
  series.reverse();
  return feeHit(window, context, o, c, rule, {
    last, me, first, feeLike, evidence, feeLikeOutside, series, seriesOutside, established,
    paidOut: paidOutTest(s, inScan),
    hasOtherPayers: () => hasOtherPayers(s, mine, inEither, inScan, verdict),
  });
}

/** Whether the account paid a counterparty among the maxScan newest events of its window (read from the outflows at the first question, as a hit asks it of its payers only). */
function paidOutTest(s: FeeState, inScan: number): (account: string) => boolean {
  let paid: Set<string> | undefined;
  return (account) => {
    if (paid === undefined) {
      paid = new Set<string>();
      for (let i = s.outflows.length - 2; i >= s.outHead && (s.outflows[i + 1] as number) > inScan; i -= 2) paid.add((s.outflows[i] as WindowEvent).counterparty as string);
    }
    return paid.has(account);
  };
}

/** Whether a payer that counts, other than `mine` (a record), paid in the senders or the cumulative window (a remittance home has nobody else paying). */
function hasOtherPayers(s: FeeState, mine: number, inEither: number, inScan: number, verdict: (r: number) => Payer | undefined): boolean {
  const list = s.candidates;
  const met = new Set<number>();
  for (let i = list.length - CANDIDATE_STRIDE; i >= inEither && i >= s.all && candidateSeq(list, i) > inScan; i -= CANDIDATE_STRIDE) {
    const slot = candidatePayer(list, i);
    if (slot === mine || met.has(slot)) continue;
    met.add(slot);
    if (verdict(slot) !== undefined) return true;
  }
  return false;
}

/** @internal What one evaluation's pass over the window found (see {@link feeHit}). */
export interface FeePass {
  readonly last: WindowEvent;
  /** The newest payment's payer (a person, not the holder's family). */
  readonly me: Payer;
  /** The newest payment's own fee match, if its amount is fee-like. */
  readonly first: FeeMatch | undefined;
  /** Other payers with a fee-like payment in the senders window, by payer key. */
  readonly feeLike: ReadonlyMap<string, Payer>;
  /** The senders variant's evidence in time order: the newest payment and each of `feeLike`'s payments from its newest fee-like one back. */
  readonly evidence: readonly WindowEvent[];
  /** Whether the newest payment or one of `feeLike`'s crosses a border or is cash paid in at a hotspot. */
  readonly feeLikeOutside: boolean;
  /** This payer's payments in the cumulative window, in time order. */
  readonly series: readonly WindowEvent[];
  /** Whether one of `series` crosses a border or is cash paid in at a hotspot. */
  readonly seriesOutside: boolean;
  /** Whether the account paid this counterparty account out. */
  readonly paidOut: (account: string) => boolean;
  /** Whether other payers that count paid in the senders or cumulative window (asked only of a remittance home). */
  readonly hasOtherPayers: () => boolean;
  /** Whether this payer paid the account before the cumulative window. */
  readonly established: boolean;
}

/** @internal The hit, if any, from what the pass found: the senders or cumulative variant, discounts, strength, sentence and facts. */
export function feeHit(
  window: EntityWindow, context: RuleContext, o: Pick<Options, 'senderDays' | 'cumulativeDays' | 'historyDays' | 'minSenders' | 'minPayments' | 'maxScan'>, c: CompiledFees,
  rule: Pick<Rule, 'id' | 'indicators'>, pass: FeePass,
): RuleHit[] {
  const { last, me, first, feeLike, series, paidOut, established } = pass;
  let variant: 'senders' | 'cumulative' | undefined;
  let chosen: readonly WindowEvent[] = [];
  let match: FeeMatch | undefined;
  let senders = 0;
  let total = 0;
  if (first !== undefined && feeLike.size + 1 >= o.minSenders) {
    variant = 'senders';
    match = first;
    senders = feeLike.size + 1;
    chosen = pass.evidence;
  } else if (series.length >= o.minPayments && !established && !series.some((e) => KIN_REF.test(e.tx.reference ?? ''))) {
    // A family remittance home: one payer abroad, the payee in an origin country, nobody else paying.
    const payeeCountry = ownCountryOf(window, last);
    const abroad = me.country !== undefined && me.country !== payeeCountry && (hasRole(me.country, 'destination') || hasRole(me.country, 'diaspora'));
    const remittance = abroad && hasRole(payeeCountry, 'origin') && !pass.hasOtherPayers();
    const sameCurrency = (cur: string) => series.every((e) => e.tx.currency === cur);
    let sum = 0;
    for (const e of series) sum += e.amount;
    const m = remittance ? undefined : matchAmount((cur) => {
      if (sameCurrency(cur)) return series.reduce((s, e) => s + e.tx.amount, 0);
      return cur === context.jurisdiction.currency ? sum : context.convert(sum, context.jurisdiction.currency, cur, last.ts);
    }, c);
    // A cumulative match must be a sizeable sum (a tenth of the cash threshold): small fares
    // (RM 1,000 for a child) are matched by too many ordinary pairs of payments.
    if (m !== undefined && sum * 10 >= flowReference(context.jurisdiction)) {
      variant = 'cumulative';
      match = m;
      chosen = series;
      senders = 1;
    }
  }
  if (variant === undefined || match === undefined) return [];
  for (const e of chosen) total += e.amount;

  const payerList = variant === 'senders' ? [me, ...feeLike.values()] : [me];
  let factor = accountTypeFactor(window);
  const discounts: string[] = factor < 1 ? [`account_type_${window.account?.type ?? 'unknown'}`] : [];
  const carrier = carrierSettlement(window);
  if (carrier !== undefined) {
    factor *= carrier.factor;
    discounts.push(carrier.why);
  }
  // Rotating savings group: the members who pay in are paid out by the account in turn.
  const paidBack = payerList.filter((p) => p.account !== undefined && paidOut(p.account)).length;
  if (paidBack * 2 >= payerList.length && paidBack > 0) {
    factor *= 0.4;
    discounts.push('rotating_savings');
  }
  const outside = variant === 'senders' ? pass.feeLikeOutside : pass.seriesOutside;
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
