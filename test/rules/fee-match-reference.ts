import { isCorridorCountry } from '../../src/domain/corridors.js';
import { CORRIDOR_FEES } from '../../src/domain/fees.js';
import { hotspotMatcher } from '../../src/domain/hotspots.js';
import { compileFees, matchEvent, type CompiledFees, type FeeMatch } from '../../src/rules/context/fee-amounts.js';
import { feeHit } from '../../src/rules/context/fee-match.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../../src/rules/types.js';
import { DAY_MS, newest } from '../../src/rules/_lib.js';
import {
  BILL_REF, RENT_REF, TRADE_REF, counterpartyCountryOf, isFamily, isOrganisation, isWageLike, ownCountryOf, ownRef, payerOf, type Payer,
} from '../../src/rules/_payments.js';

/**
 * The reference of fee_match's incremental evaluation: the rule as it was before rule contract v2
 * (tidewatch fb9c3c5), a newest-first scan of the window on every evaluation. Its pass is kept verbatim; the decision from what the pass found ({@link feeHit}) is shared with the rule, so
 * the property checks the pass the incremental state replaced.
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

  const outside = (e: WindowEvent): boolean => {
    const cp = counterpartyCountryOf(e, context);
    return (cp !== undefined && cp !== ownCountryOf(window, e)) || hotspot(e);
  };
  return feeHit(window, context, o, c, rule, {
    last, me, first, series, established,
    feeLike: new Map([...feeLike].map(([k, g]) => [k, g.payer])),
    // In time order, as a hit lists its evidence.
    evidence: [last, ...[...feeLike.values()].flatMap((g) => g.events)].sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    feeLikeOutside: outside(last) || [...feeLike.values()].some((g) => g.events.some(outside)),
    seriesOutside: series.some(outside),
    paidOut: (account) => paidOut.has(account),
    hasOtherPayers: () => otherPayers.size > 0,
  });
}
