import { hasRole } from '../../domain/corridors.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, hitOf, moneyRange, ratio } from '../_lib.js';
import {
  BILL_REF, DEBT_REF, LENDER_NAME, RENT_REF, addressedAsKin, familyClusters, holderDiscount, homeCountry, isFamily, isOrganisation, isWageLike, ownRef, payerOf,
  type Payer,
} from '../_payments.js';
import { fitEvents, fitSeries, instalmentsOf, maxGapMs, recentRun, type SeriesFit } from '../_series.js';
import type { DebtRepaymentSettings, debtRepayment } from './debt-repayment.js';
import { shortSeriesPayers, strayPayers } from './short-series.js';
import { namedDebtFit } from './named-debt.js';
import { payerListHit, type ListCandidate } from './payer-list.js';
import { guardFacts, scanGuard, scanRecent } from '../scan-guard.js';

/**
 * Strength factor of a collector hit whose unrelated payers reach `minPayers` only with series
 * cut short (see {@link collectorSide}): still at least `VOUCH_MIN_STRENGTH` (0.5) when every
 * full series began soon after its payer's account opened (0.65 × 0.9).
 * @internal
 */
export const SHORT_COUNTED_FACTOR = 0.9;

/** The payer as written on an inflow, without normalizing (for the cheap first pass). */
const rawPayerId = (e: WindowEvent): string | undefined =>
  e.kind === 'transfer' ? (e.counterparty ?? e.counterpartyName) : (e.conductor ?? e.counterpartyName);

interface PayerSeries {
  readonly payer: Payer;
  readonly fit: SeriesFit;
  readonly crossBorder: boolean;
  readonly corridor: boolean;
  readonly recentOpener: boolean;
  readonly debtRef: boolean;
  /** A third or more of the references address the holder as a relative. */
  readonly kinRef: boolean;
}

/**
 * @internal The collector variant of {@link debtRepayment} (MS-DEBT-01's strong form), on the
 * payee's account: regular series from at least `minPayers` unrelated payers who are cross-border
 * or recent account openers; the payers, and those whose series stopped after two instalments
 * (short-series.ts), are listed in `related`. A debt stops when it is paid: beside the full
 * series (the newest payer's own always among them), newly arrived strangers whose series stopped
 * after two instalments one period apart, in the full series' band, count towards `minPayers` (the
 * hit is then {@link SHORT_COUNTED_FACTOR} weaker and only full series add the per-payer bonus).
 * Newly arrived payers sharing the holder's family name whose full series sit in that band are
 * named too, never counted (a surname alone does not make family support; the hit is also read
 * on their own payments). Licensed remitters and government accounts are not
 * judged; lenders, unknown arrival, kinship references and rotating-savings payouts discount it.
 */
export function collectorSide(window: EntityWindow, context: RuleContext, o: DebtRepaymentSettings, rule: Rule, last: WindowEvent): RuleHit[] {
  // Licensed remitters and government accounts collect regular payments by design.
  const holderAccountType = window.account?.type;
  if (holderAccountType === 'msb' || holderAccountType === 'government') return [];
  const newestPayer = payerOf(window, last, context, false);
  if (newestPayer === undefined) return [];
  const holderCountry = homeCountry(window, last, context);
  const holder = ownRef(window, last);
  // Cheap disqualifiers first: the newest payer must be cross-border or a possibly recent opener, and unrelated.
  const payerOpened = newestPayer.account === undefined ? undefined : context.accounts.get(newestPayer.account)?.openedAt;
  const newestCross = newestPayer.country !== undefined && holderCountry !== undefined && newestPayer.country !== holderCountry;
  if (!newestCross && (payerOpened === undefined || last.ts - payerOpened > (o.windowDays + o.startWithinDays) * DAY_MS)) return [];
  // A payer sharing the holder's family name is judged like the others but only ever named (below).
  const newestKin = isFamily(context.identity.familyLink(holder, newestPayer));
  if (newestKin && newestPayer.account === undefined) return [];
  const from = last.ts - o.windowDays * DAY_MS;
  // Then only the newest payer's own run, by raw identifiers.
  const id0 = rawPayerId(last);
  const guard = scanGuard(o.maxScan);
  const mineEvents = recentRun(window, from, maxGapMs(o), guard, (e) => e.kind === last.kind && e.direction === 'in' && rawPayerId(e) === id0);
  // A newly arrived stranger paying after the last full series' instalment (one or two sums, or
  // instalments named as a debt) is read "late": the collector is judged on the others' series and
  // the hit is kept only when it names this payer (issue 14: such payers were never named).
  const lateCandidate = !newestKin && last.kind === 'transfer' && newestPayer.account !== undefined && payerOpened !== undefined &&
    !isOrganisation(newestPayer, context) && !isWageLike(last, context);
  if (mineEvents.length < o.minPayments && !lateCandidate) return [];
  const series: PayerSeries[] = [];
  /** The collector variant's tests of a payer's series other than its regularity (`kin`: the payer shares the holder's family name). */
  const describe = (payer: Payer, fit: SeriesFit, kin: boolean): PayerSeries | undefined => {
    if (isFamily(context.identity.familyLink(holder, payer)) !== kin) return undefined;
    const refs = fitEvents(fit).map((e) => e.tx.reference ?? '');
    if (refs.some((r) => RENT_REF.test(r) || BILL_REF.test(r))) return undefined;
    const crossBorder = payer.country !== undefined && holderCountry !== undefined && payer.country !== holderCountry;
    const opened = payer.account === undefined ? undefined : context.accounts.get(payer.account)?.openedAt;
    const firstTs = (fit.instalments[0] as { ts: number }).ts;
    const recentOpener = opened !== undefined && firstTs - opened <= o.startWithinDays * DAY_MS;
    if (!crossBorder && !recentOpener) return undefined;
    const corridor = crossBorder && (hasRole(payer.country, 'destination') || hasRole(payer.country, 'diaspora')) &&
      (hasRole(holderCountry, 'origin') || hasRole(holderCountry, 'transit'));
    return { payer, fit, crossBorder, corridor, recentOpener, debtRef: refs.some((r) => DEBT_REF.test(r)), kinRef: refs.filter(addressedAsKin).length * 3 >= refs.length };
  };
  const qualify = (payer: Payer, events: WindowEvent[], minPayments = o.minPayments, kin = false): PayerSeries | undefined => {
    if (events.length < minPayments) return undefined;
    const fit = fitSeries(instalmentsOf([...events].reverse(), o.mergeDays), { ...o, minPayments });
    return fit === undefined ? undefined : describe(payer, fit, kin);
  };
  const mine = mineEvents.length < o.minPayments ? undefined : qualify(newestPayer, [...mineEvents].reverse(), o.minPayments, newestKin);
  if (mine !== undefined && newestKin && !mine.recentOpener) return [];
  if (mine === undefined && !lateCandidate) return [];
  const late = mine === undefined;
  /** The payer's account opened within `startWithinDays` before its first instalment (a recent arrival). */
  const arrivedBefore = (account: string, inst: readonly { ts: number }[]): boolean => {
    const opened = context.accounts.get(account)?.openedAt;
    const first = inst[0];
    return opened !== undefined && first !== undefined && first.ts >= opened && first.ts - opened <= o.startWithinDays * DAY_MS;
  };
  /** Unrelated to the holder and paying neither rent nor bills (the collector variant's other tests). */
  const isStranger = (g: { payer: Payer; events: readonly WindowEvent[] }): boolean =>
    !isFamily(context.identity.familyLink(holder, g.payer)) && !g.events.some((e) => RENT_REF.test(e.tx.reference ?? '') || BILL_REF.test(e.tx.reference ?? ''));
  const byPayer = new Map<string, { payer: Payer; events: WindowEvent[] }>();
  const paidOut = new Map<string, number>();
  scanRecent(window, from, guard, (e) => {
    if (e.direction === 'out') {
      if (e.counterparty !== undefined) paidOut.set(e.counterparty, Math.max(paidOut.get(e.counterparty) ?? 0, e.amount));
      return;
    }
    const p = payerOf(window, e, context, false);
    if (p === undefined || (!late && p.key === newestPayer.key)) return;
    const g = byPayer.get(p.key);
    if (g === undefined) byPayer.set(p.key, { payer: p, events: [e] });
    else g.events.push(e);
  });
  const cutShort: { payer: Payer; events: WindowEvent[] }[] = [];
  const strays: { account: string; amounts: number[] }[] = [];
  // Every newly arrived stranger paying by transfer with no full series, for the payer list (payer-list.ts).
  const arrivals: ListCandidate[] = [];
  const namedDebt: PayerSeries[] = [];
  const kinSeries: PayerSeries[] = newestKin && mine !== undefined ? [mine] : [];
  for (const g of byPayer.values()) {
    const s = qualify(g.payer, g.events);
    if (s !== undefined) series.push(s);
    else if (g.payer.account !== undefined && isFamily(context.identity.familyLink(holder, g.payer))) {
      const k = qualify(g.payer, g.events, o.minPayments, true);
      if (k !== undefined && k.recentOpener) kinSeries.push(k);
    }
    else if (g.payer.account !== undefined && !isOrganisation(g.payer, context) && !g.events.some((e) => isWageLike(e, context))) {
      const inst = instalmentsOf([...g.events].reverse(), o.mergeDays);
      // Two instalments or more that are no full series: the newest two one period apart are a
      // series cut short (or resumed after a lone payment months before: 91 days, then 32).
      if (inst.length >= 2) cutShort.push(g);
      if (inst.length >= o.minPayments && arrivedBefore(g.payer.account, inst) && isStranger(g)) {
        const f = namedDebtFit(inst, o);
        const d = f === undefined ? undefined : describe(g.payer, f, false);
        if (d !== undefined) namedDebt.push(d);
      }
      if (inst.length < o.minPayments && arrivedBefore(g.payer.account, inst) && isStranger(g)) strays.push({ account: g.payer.account, amounts: inst.map((i) => i.amount) });
      if (arrivedBefore(g.payer.account, inst) && isStranger(g)) arrivals.push({ account: g.payer.account, amounts: inst.map((i) => i.amount) });
    }
  }
  if (mine !== undefined && !newestKin) series.push(mine);
  if (series.length === 0) return [];
  const clusters = familyClusters(series.map((s) => s.payer), context, false);
  const fullFamilies = new Set(series.map((s) => clusters.clusterOf(s.payer.key))).size;
  let distinct = fullFamilies;
  // A debt stops when it is paid (issue 14, RESEARCH §c.5: family support runs on, one payer to
  // one recipient): beside the full series (the newest payer's own among them), newly arrived
  // strangers whose series was cut short after two instalments one period apart count towards the
  // unrelated payers — worked out only when the full series alone fall short.
  const fits = series.map((s) => s.fit);
  const shortFits = cutShort.map((g) => qualify(g.payer, g.events, 2));
  const short = shortSeriesPayers(fits, shortFits);
  // Instalments without a period that the payer names as a debt count as a series cut short does.
  const debtNamed = shortSeriesPayers(fits, namedDebt);
  let shortCounted = 0;
  let counted: PayerSeries[] = [];
  if (distinct < o.minPayers && short.length + debtNamed.length > 0) {
    const named = new Set([...short, ...debtNamed]);
    counted = [...shortFits, ...namedDebt].filter((c): c is PayerSeries => c !== undefined && c.recentOpener && c.payer.account !== undefined && named.has(c.payer.account));
    const all = familyClusters([...series, ...counted].map((s) => s.payer), context, false);
    distinct = new Set([...series, ...counted].map((s) => all.clusterOf(s.payer.key))).size;
    shortCounted = distinct - fullFamilies;
  }
  if (distinct < o.minPayers) {
    // Too few payers for the collector: its newly arrived strangers' debt-named full series and the
    // other new arrivals paying in their band, as evidence for a case that vouches for it (payer-list.ts).
    const anchors = series.filter((s) => s.recentOpener && s.debtRef && !s.kinRef);
    const list = payerListHit(window, context, rule, anchors, arrivals);
    return list === undefined ? [] : [list];
  }

  const holderType = holderDiscount(window.account?.type);
  const holderName = window.party?.name ?? last.tx.toName ?? '';
  // Rotating savings group: the collector pays a pot back to one of its payers.
  const medianInstalment = series.map((s) => s.fit.total / s.fit.instalments.length).sort((a, b) => a - b)[series.length >> 1] ?? 0;
  const potsPaid = [...series, ...counted].filter((s) => s.payer.account !== undefined && (paidOut.get(s.payer.account) ?? 0) >= 2 * medianInstalment).length;
  let factor = holderType.factor;
  const discounts: string[] = holderType.why === undefined ? [] : [holderType.why];
  if (holderType.why === undefined && LENDER_NAME.test(holderName)) {
    factor *= 0.25;
    discounts.push('lender_or_biller');
  }
  // The post-arrival start is what makes a series MS-DEBT-01 rather than support sent home
  // (RESEARCH §a.1 "first payment within M months of t0"; §c.5 family remittances). When most
  // payers show no recent arrival, the series reads as family remittances.
  const recentCount = series.filter((s) => s.recentOpener).length;
  if (recentCount * 2 < series.length) {
    factor *= 0.6;
    discounts.push('arrival_unknown');
  }
  const kin = series.filter((s) => s.kinRef).length;
  if (kin * 2 >= series.length) {
    factor *= 0.4;
    discounts.push('kinship_references');
  }
  // Payers counted from series cut short are weaker evidence than full series: the full form,
  // when it comes, outweighs this reading of the same collector.
  if (shortCounted > 0) {
    factor *= SHORT_COUNTED_FACTOR;
    discounts.push('short_series_counted');
  }
  if (potsPaid > 0) {
    factor *= 0.2;
    discounts.push('rotating_savings_payout');
  }
  const corridorShare = series.filter((s) => s.corridor).length / series.length;
  // Debt references count from every payer counted, cut-short and debt-named ones too.
  const debtRefs = [...series, ...counted].filter((s) => s.debtRef).length;
  const recent = recentCount;
  // Every payer began paying soon after opening the account: the indicator's strong form as
  // defined (n_p unrelated post-arrival series), not only corroborated by it.
  const allArrived = recentCount === series.length;
  const strength =
    (0.5 + Math.min(0.25, 0.08 * Math.max(0, fullFamilies - o.minPayers)) + (corridorShare >= 0.5 ? 0.1 : 0) + (debtRefs > 0 ? 0.1 : 0) + (allArrived ? 0.15 : 0)) * factor;
  const profile = context.jurisdiction;
  const stray = strayPayers(fits, strays.filter((c) => !short.includes(c.account)));
  // A debt is not told from family support by a shared surname alone (issue 14: many names in the
  // region carry none, and common ones are shared by strangers): a newly arrived payer whose full
  // series, in the band of the unrelated payers' instalments, goes to a collector that already
  // collects from `minPayers` unrelated families is named beside them — never counted, and it
  // adds nothing to the strength. The band test is the cut-short series' one.
  const kinNamed = shortSeriesPayers(fits, kinSeries);
  const lo = Math.min(...series.map((s) => s.fit.minAmount));
  const hi = Math.max(...series.map((s) => s.fit.maxAmount));
  const periods = [...new Set(series.map((s) => s.fit.period))].sort((a, b) => a - b).join('/');
  const cross = series.filter((s) => s.crossBorder).length;
  const reason =
    `Possible debt-repayment collection pattern: ${series.length === 1 ? '1 payer makes' : `${series.length} payers from ${fullFamilies} unrelated families make`} regular payments ` +
    `to this account (every ${periods} days, ${moneyRange(profile, lo, hi)} each)` +
    (recent > 0 ? `; ${recent} of them from accounts opened within ${Math.round(o.startWithinDays / 30)} months of their first payment` : '') +
    (cross > 0 ? `; ${cross} from abroad` : '') +
    (short.length > 0 ? `; ${short.length} more made two such payments one period apart and stopped (a debt paid off, or just begun)` : '') +
    (debtNamed.length > 0 ? `; ${debtNamed.length} more, newly arrived, paid it ${o.minPayments} or more steady sums they call a debt (loan, instalment) at irregular intervals` : '') +
    (shortCounted > 0 ? `, which makes ${distinct} unrelated families paying it` : '') +
    (stray.length > 0 ? `; ${stray.length} more, from accounts opened within ${Math.round(o.startWithinDays / 30)} months before, paid it one or two sums in the same range` : '') +
    (kinNamed.length > 0 ? `; ${kinNamed.length} more, newly arrived and sharing the holder's family name, pay it in the same way (named, not counted)` : '') + '.';
  const events = series.flatMap((s) => fitEvents(s.fit));
  const named = [...short, ...debtNamed, ...stray, ...kinNamed];
  // Read late (no full series of its own), the newest payer must be one of those named: else the hit adds nothing.
  if (late && !named.includes(newestPayer.account as string)) return [];
  const related: EntityRef[] = [...new Set([...series.map((s) => s.payer.account), ...named])]
    .filter((a): a is string => a !== undefined)
    .map((id) => ({ kind: 'account' as const, id }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const facts: Record<string, number | string | boolean> = {
    payers: series.length, payerClusters: distinct, recentOpeners: recent, crossBorderPayers: cross,
    corridorShare: ratio(corridorShare), debtReferencePayers: debtRefs, payments: events.length,
    totalMinor: series.reduce((s, x) => s + x.fit.total, 0),
  };
  if (short.length > 0) facts['shortSeriesPayers'] = short.length;
  if (shortCounted > 0) facts['shortSeriesCounted'] = shortCounted;
  if (stray.length > 0) facts['strayPayers'] = stray.length;
  if (debtNamed.length > 0) facts['namedDebtPayers'] = debtNamed.length;
  if (kinNamed.length > 0) facts['kinSeriesPayers'] = kinNamed.length;
  if (discounts.length > 0) facts['discount'] = discounts.join(',');
  return [{ ...hitOf(rule, window, events, strength, reason, guardFacts(facts, guard), 'collector'), related }];
}
