import { hasRole, isCorridorCountry } from '../../src/domain/corridors.js';
import { CORRIDOR_FEES } from '../../src/domain/fees.js';
import { hotspotMatcher } from '../../src/domain/hotspots.js';
import { compileFees, matchAmount, matchEvent, type CompiledFees, type FeeMatch } from '../../src/rules/context/fee-amounts.js';
import { formatMoney } from '../../src/schema/format-money.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../../src/rules/types.js';
import { DAY_MS, accountTypeFactor, hitOf, money, newest } from '../../src/rules/_lib.js';
import {
  BILL_REF, KIN_REF, RENT_REF, TRADE_REF, counterpartyCountryOf, isFamily, isOrganisation, isWageLike, ownCountryOf, ownRef, payerOf, type Payer,
} from '../../src/rules/_payments.js';

/**
 * The reference of fee_match's incremental evaluation: the rule as it was before rule contract v2
 * (tidewatch fb9c3c5), a newest-first scan of the window on every evaluation. Kept verbatim apart
 * from imports and the money wording of the sentence (issue 15), so the incremental rule can be
 * checked against it on random worlds.
 */

/** The options the reference reads (fee_match's effective options). */
export interface FeeMatchReferenceOptions {
  readonly tolerance: number;
  readonly maxPartySize: number;
  readonly kinds: readonly string[];
  readonly senderDays: number;
  readonly minSenders: number;
  readonly cumulativeDays: number;
  readonly minPayments: number;
  readonly historyDays: number;
  readonly maxScan: number;
}

/** The reference rule with the effective options of a fee_match rule (no extra fees). */
export function feeMatchReference(real: Rule): Rule {
  const o = real.options as unknown as FeeMatchReferenceOptions;
  const c = compileFees(CORRIDOR_FEES.filter((f) => o.kinds.includes(f.kind)), o.tolerance, o.maxPartySize, hotspotMatcher());
  const { incremental: _, ...stateless } = real;
  const rule: Rule = { ...stateless, evaluate: (window, context) => evaluate(window, context, o, c, rule) };
  return rule;
}

function evaluate(window: EntityWindow, context: RuleContext, o: FeeMatchReferenceOptions, c: CompiledFees, rule: Rule): RuleHit[] {
  const last = newest(window);
  if (last.direction !== 'in' || (last.kind !== 'transfer' && last.kind !== 'cash_deposit')) return [];
  const holder = ownRef(window, last);
  const excluded = (e: WindowEvent): boolean => {
    const ref = e.tx.reference ?? '';
    return TRADE_REF.test(ref) || RENT_REF.test(ref) || BILL_REF.test(ref) || isWageLike(e, context);
  };
  const hotspot = (e: WindowEvent): boolean => e.kind === 'cash_deposit' && c.hotspots.match(e.location, e.tx.locationCountry) !== undefined;
  const cross = (e: WindowEvent): boolean => {
    const cp = counterpartyCountryOf(e, context);
    return cp !== undefined && cp !== ownCountryOf(window, e);
  };
  const corridor = (e: WindowEvent): boolean =>
    isCorridorCountry(ownCountryOf(window, e)) || isCorridorCountry(counterpartyCountryOf(e, context)) ||
    (e.kind === 'cash_deposit' && isCorridorCountry(e.tx.locationCountry)) || hotspot(e);
  if (excluded(last) || !corridor(last)) return [];
  // Payers resolved once per raw sender; null = not a payer that counts.
  const payers = new Map<string, Payer | null>();
  const payerFor = (e: WindowEvent): Payer | undefined => {
    const raw = e.kind === 'transfer' ? e.counterparty ?? `n|${e.counterpartyName ?? ''}` : e.conductor !== undefined ? `c|${e.conductor}` : `d|${e.id}`;
    let p = payers.get(raw);
    if (p === undefined) {
      const found = payerOf(window, e, context);
      p = found === undefined || isOrganisation(found, context) || isFamily(context.identity.familyLink(holder, found)) ? null : found;
      payers.set(raw, p);
    }
    return p ?? undefined;
  };
  const me = payerFor(last);
  if (me === undefined) return [];
  const matchOf = (e: WindowEvent): FeeMatch | undefined => matchEvent(e, context, c);
  const first = matchOf(last);
  // Not fee-like itself: only the cumulative variant can fire, which needs this payer's payments in
  // the cumulative window to number minPayments and reach a tenth of T. For a transfer the payer
  // key is the sending account, so a cheap pass over that account's payments (a superset of the
  // series) rules most payments out before the full pass.
  if (first === undefined && last.kind === 'transfer' && last.counterparty !== undefined) {
    const from = last.ts - o.cumulativeDays * DAY_MS + 1;
    let count = 0;
    let sum = 0;
    const { events: evs, start: s0 } = window;
    for (let i = evs.length - 1, n = 0; i >= s0 && n < o.maxScan; i--, n++) {
      const e = evs[i] as WindowEvent;
      if (e.ts < from) break;
      if (e.direction === 'in' && e.kind === 'transfer' && e.counterparty === last.counterparty) {
        count++;
        sum += e.amount;
      }
    }
    if (count < o.minPayments || sum * 10 < context.jurisdiction.cashThreshold) return [];
  }

  // One bounded pass: fee-like payments of other senders (30 d), this payer's series (90 d) and history, payees paid by the account.
  const senderFrom = last.ts - o.senderDays * DAY_MS + 1;
  const seriesFrom = last.ts - o.cumulativeDays * DAY_MS + 1;
  const historyFrom = seriesFrom - o.historyDays * DAY_MS;
  const feeLike = new Map<string, { payer: Payer; events: WindowEvent[]; match: FeeMatch }>();
  const series: WindowEvent[] = [];
  const paidOut = new Set<string>();
  const otherPayers = new Set<string>();
  let established = false;
  const { events, start } = window;
  for (let i = events.length - 1, n = 0; i >= start && n < o.maxScan; i--, n++) {
    const e = events[i] as WindowEvent;
    if (e.ts < Math.min(historyFrom, senderFrom)) break;
    if (e.direction === 'out') {
      if (e.counterparty !== undefined) paidOut.add(e.counterparty);
      continue;
    }
    if (e.kind !== 'transfer' && e.kind !== 'cash_deposit') continue;
    if (excluded(e) || !corridor(e)) continue;
    const p = payerFor(e);
    if (p === undefined) continue;
    if (p.key === me.key) {
      if (e.ts >= seriesFrom) series.push(e);
      else established = true;
      continue;
    }
    if (e.ts >= seriesFrom || e.ts >= senderFrom) otherPayers.add(p.key);
    if (first === undefined || e.ts < senderFrom) continue;
    const g = feeLike.get(p.key);
    if (g !== undefined) {
      g.events.push(e);
      continue;
    }
    const m = matchOf(e);
    if (m !== undefined) feeLike.set(p.key, { payer: p, events: [e], match: m });
  }

  let variant: 'senders' | 'cumulative' | undefined;
  let chosen: WindowEvent[] = [];
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
    const remittance = abroad && hasRole(payeeCountry, 'origin') && otherPayers.size === 0;
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
  const hit = hitOf(rule, window, chosen, strength, reason, facts, variant);
  const related: EntityRef[] = payerList
    .map((p): EntityRef | undefined => (p.account !== undefined ? { kind: 'account', id: p.account } : p.party !== undefined ? { kind: 'party', id: p.party } : undefined))
    .filter((r): r is EntityRef => r !== undefined)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [related.length > 0 ? { ...hit, related } : hit];
}
