import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { hasRole } from '../../domain/corridors.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, eachRecent, hitOf, moneyRange, newest, ratio } from '../_lib.js';
import { nameKey } from '../_names.js';
import {
  BILL_REF, COMPANY_NAME, DEBT_REF, LENDER_NAME, RECRUITER_NAME, RENT_REF, accountType, addressedAsKin, counterpartyCountryOf, holderDiscount, homeCountry,
  isFamily, isWageLike, ownRef,
} from '../_payments.js';
import { fitEvents, fitSeries, instalmentsOf, maxGapMs, recentRun, type SeriesFit } from '../_series.js';
import { collectorSide } from './debt-collector.js';
import { namedDebtFit } from './named-debt.js';
import { namedCollectionSide } from './named-collection.js';
import { namedPaymentSide } from './named-payment.js';
import { countOpt, days, ratioOpt, scanGuardOpt } from '../options.js';
import { guardFacts, scanGuard } from '../scan-guard.js';

/** Options of {@link debtRepayment}; defaults from RESEARCH §a.1 / §c.4 (MS-DEBT-01, all *proposed*). @category Rules
 * @example debtRepaymentOptionsSchema.parse({ minPayments: 4 }) */
export const debtRepaymentOptionsSchema = z.object({
  /** History examined (and kept by the engine) for a series; monthly series need 120–180 days. */
  windowDays: days(60, 550, 180),
  /** Instalments in a series (k_min). */
  minPayments: countOpt(3, 24, 3),
  /** Expected intervals in days, each ± `periodToleranceDays`. */
  periods: z.array(z.number().int().min(2).max(92)).min(1).default([7, 14, 30]),
  periodToleranceDays: days(0, 15, 5),
  /** CV of the intervals (c_int) and of the amounts (c_amt). */
  maxIntervalCv: ratioOpt(0.05, 1, 0.35),
  maxAmountCv: ratioOpt(0.01, 1, 0.25),
  /** Payments to one payee within this many days count as one instalment. */
  mergeDays: days(0, 5, 2),
  /** First instalment within M of the account's opening or of the first wage seen (6 months). */
  startWithinDays: days(7, 730, 183),
  /** A series already running at the edge of the window still counts while the account is younger than this (18 months, S26). */
  horizonDays: days(30, 1095, 548),
  /** Instalments as a share of the payer's inflow over the series, where inflows are visible (s). */
  minShare: ratioOpt(0, 1, 0.3),
  /**
   * The lower bar (a relative one) when a third or more of the instalments' references name a
   * debt ("hutang", "ansuran", "kisti", "loan"): the payer calls them instalments, so a smaller
   * share of the wage still reads as a debt, not as support sent home.
   */
  minShareWithDebtReference: ratioOpt(0, 1, 0.15),
  /** Distinct unrelated payers (family clusters) for the collector variant (n_p). */
  minPayers: countOpt(2, 50, 3),
  /** Most events read per evaluation: a guard against a pathological hub (see `scanGuardOpt`); reported as `facts.scanLimit`. */
  maxScan: scanGuardOpt(100, 50_000),
});
/** Options accepted by {@link debtRepayment} (defaults filled in). @category Rules @example const o: DebtRepaymentOptions = { minPayments: 4, periods: [14, 30] }; */
export type DebtRepaymentOptions = z.input<typeof debtRepaymentOptionsSchema>;
/** @internal The options with defaults filled in, as both variants read them. */
export type DebtRepaymentSettings = z.output<typeof debtRepaymentOptionsSchema>;
type Options = DebtRepaymentSettings;

const ID = 'debt_repayment';

/**
 * Strength added to a payer's series that a third or more of its instalments name as a debt
 * ("hutang", "kisti", "loan"), monthly ({@link NAMED_MIN_PERIOD_DAYS}), that began within `startWithinDays` of the account's opening or
 * first wage and whose payee no lawful reading discounts (a lender, biller, company, landlord or
 * relative; a recruiter by its name is not discounted) — MS-DEBT-01 as defined: post-arrival
 * instalments, here in the payer's own words. With the debt reference's 0.25 and the start's 0.05,
 * three such instalments since the account opened read 0.70 (38 points at weight 55: an alert with
 * any corroboration) and four 0.75 (41: an alert on its own). Issue 14: such payers scored 20–39, their instalments
 * under 30 % of the wage discounted as possible support sent home, which is not called a loan.
 * @internal
 */
export const NAMED_AFTER_ARRIVAL_BONUS = 0.15;

/**
 * Shortest period of a series that {@link NAMED_AFTER_ARRIVAL_BONUS} reads: monthly, a debt repaid
 * out of each month's wage. Weekly and fortnightly sums called a debt were, on the scenario bank,
 * friends and colleagues paying each other back small amounts (MYR 30–50, AUD 10): they keep the
 * ordinary reading.
 * @internal
 */
export const NAMED_MIN_PERIOD_DAYS = 30;
const INDICATORS = ['MS-DEBT-01'] as const;

/**
 * MS-DEBT-01, post-arrival instalment repayment, seen from both sides. Payer variant (on the
 * payer's account): ≥ 3 regular payments (every ≈ 7, 14 or 30 days; interval CV ≤ 0.35, amount CV
 * ≤ 0.25) to one payee outside the payer's household and family, starting within 6 months of the
 * account's opening (or of the first wage seen), each cycle ≥ 30 % of the inflow where inflows are
 * visible (≥ 15 %, discounted, when a third of the references name a debt: a relative bar for
 * payers who call the payments instalments, undiscounted when the named series began soon after
 * arrival: `NAMED_AFTER_ARRIVAL_BONUS`); stronger towards an origin or transit country or a
 * recruitment agency by its name (MS-DEBT-01's recruitment fee; `RECRUITER_NAME`: not discounted
 * as a company payee), or with a debt reference. Collector variant (on the payee's account): such series from ≥ 3
 * unrelated payers who are cross-border or recent account openers; the payers are listed in
 * `related`, with those whose series stopped after two instalments (see short-series.ts; newly
 * arrived strangers' cut-short series count towards the three payers: a debt stops when paid). Family remittances (shared
 * household, family name or patronym; kinship or upkeep references such as "ibu", "for home": `addressedAsKin`), rent (references, business landlords, small shares of
 * wages), licensed remitters and lenders, and rotating savings groups are discounted or excluded.
 * The payer's own words weigh most: instalments at least half of which name a debt, begun soon
 * after arrival, are read on the payer's side although they keep no period (a month skipped or
 * paid late: `facts.irregular`, see `namedDebtFit`) or the payee shares only the payer's family
 * name (`facts.sharedFamilyName`).
 * Fewer debt-named payments than a series (one or two "installment", "kisti", "hutang" soon after
 * the account opened) are kept as evidence naming the payee (`facts.namedPayments`, strength
 * `NAMED_PAYMENT_STRENGTH`, see named-payment.ts): the network stage reads them only where the
 * payee is a collector its other payers or its own hit vouch for. Where no full series makes the
 * collector, two or more newly arrived payers of distinct families who call their payments to it a
 * debt do (`facts.namedCollection`, see named-collection.ts): their own words name it.
 * "Arrival" has no field in the canonical data: the account's `opened_at` or first wage credit is
 * its proxy.
 * @category Rules
 * @example const rule = debtRepayment({ minPayments: 4 });
 */
export function debtRepayment(options: DebtRepaymentOptions = {}): Rule<typeof ID> {
  const o = parseOptions(debtRepaymentOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'debt_exploitation',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible debt-repayment pattern: regular instalments from newly arrived payers to an unrelated collector.',
    evaluate: (window, context) => {
      const last = newest(window);
      if (last.kind !== 'transfer' && last.kind !== 'cash_deposit') return [];
      if (last.direction !== 'out') {
        const collected = collectorSide(window, context, o, rule, last);
        if (collected.some((h) => h.variant !== 'payer_list')) return collected;
        // Payers who call their few payments a debt, where no full series makes the collector (named-collection.ts);
        // else the payer list, evidence only (payer-list.ts).
        const named = namedCollectionSide(window, context, o, rule, last);
        return named.length > 0 ? named : collected;
      }
      const series = payerSide(window, context, o, rule, last);
      // Debt-named payments that make no series are evidence for the payee's case (named-payment.ts).
      return series.length > 0 ? series : namedPaymentSide(window, context, o, rule, last);
    },
  };
  return rule;
}

const periodWords = (fit: SeriesFit): string => `every ${fit.period} days (interval CV ${ratio(fit.intervalCv).toFixed(2)})`;

function payerSide(window: EntityWindow, context: RuleContext, o: Options, rule: Rule, last: WindowEvent): RuleHit[] {
  const type = window.account?.type;
  if (last.kind !== 'transfer' || (type !== undefined && type !== 'personal')) return [];
  if (last.counterparty === undefined && nameKey(last.counterpartyName) === undefined) return [];
  // Cheap disqualifiers first: an account too old for a post-arrival series, family payees.
  const opened = window.account?.openedAt;
  if (opened !== undefined && last.ts - opened > Math.max(o.horizonDays, o.windowDays + o.startWithinDays) * DAY_MS) return [];
  const payeeCountry = counterpartyCountryOf(last, context);
  const payerCountry = homeCountry(window, last, context);
  const crossBorder = payeeCountry !== undefined && payerCountry !== undefined && payeeCountry !== payerCountry;
  const corridor = crossBorder && (hasRole(payeeCountry, 'origin') || hasRole(payeeCountry, 'transit'));
  if (window.account === undefined && !corridor) return [];
  const link = context.identity.familyLink(ownRef(window, last), { account: last.counterparty, name: last.counterpartyName, country: payeeCountry });
  // A payee sharing only the payer's family name is read on: see `surnameDebt` below.
  if (isFamily(link) && link !== 'family_name') return [];

  const from = last.ts - o.windowDays * DAY_MS;
  const cp = last.counterparty;
  const cpName = last.counterpartyName;
  const guard = scanGuard(o.maxScan);
  const pays = recentRun(window, from, maxGapMs(o), guard, (e) =>
    e.direction === 'out' && e.kind === 'transfer' && (cp !== undefined ? e.counterparty === cp : e.counterparty === undefined && e.counterpartyName === cpName));
  if (pays.length < o.minPayments) return [];
  const instalments = instalmentsOf(pays, o.mergeDays);
  const regular = fitSeries(instalments, o);
  // Instalments that keep no period but that the payer names as a debt (at least half of them;
  // amounts as steady as a regular series'; every interval between a week less the tolerance and
  // two months plus it: a month skipped or paid late, see `namedDebtFit`) are read only where they
  // began soon after arrival to a payee no lawful reading discounts (`afterArrival` below): a debt
  // repaid when the wage allows, in the payer's own words. Issue 14: "kisti", "installment" after
  // 38, 55 and 58 days; "ansuran", "loan" after 31 and 59 had no reading. On the scenario bank's
  // sixteen non-held-out seeds such series from personal accounts were debt payers' in 309 of 369
  // cases; the rest were small sums between friends, which the share of the wage and the start
  // keep out. Scored as the regular reading, without the `tight` bonus; `facts.irregular`.
  const fit = regular ?? namedDebtFit(instalments, o);
  if (fit === undefined) return [];
  const irregular = regular === undefined;
  const inflows: WindowEvent[] = [];
  eachRecent(window, from, (e) => {
    if (e.direction === 'in') inflows.push(e);
  });
  inflows.reverse();

  // Post-arrival start: account opening, else the first wage credit seen.
  const first = (fit.instalments[0] as { ts: number }).ts;
  const within = o.startWithinDays * DAY_MS;
  let basis: 'opened' | 'ongoing' | 'first_wage' | 'unknown';
  let startDays: number | undefined;
  if (opened !== undefined) {
    if (first - opened <= within) {
      basis = 'opened';
      startDays = Math.max(0, Math.round((first - opened) / DAY_MS));
    } else if (first - from <= (fit.period + o.periodToleranceDays) * DAY_MS && last.ts - opened <= o.horizonDays * DAY_MS) {
      basis = 'ongoing';
    } else return [];
  } else {
    const wage = inflows.find((e) => isWageLike(e, context));
    if (wage !== undefined && first - wage.ts <= within) {
      basis = 'first_wage';
      startDays = Math.max(0, Math.round((first - wage.ts) / DAY_MS));
    } else basis = 'unknown';
  }

  // Share of the payer's inflow over the series (wages where they are recognisable).
  const spanFrom = first - fit.period * DAY_MS;
  let inflow = 0;
  let wages = 0;
  for (const e of inflows) {
    if (e.ts <= spanFrom || e.counterparty === last.counterparty) continue;
    inflow += e.amount;
    if (isWageLike(e, context)) wages += e.amount;
  }
  const base = wages > 0 ? wages : inflow;
  const share = base > 0 ? fit.total / base : undefined;
  const events = fitEvents(fit);
  const refs = events.map((e) => e.tx.reference ?? '');
  const debtRefs = refs.filter((r) => DEBT_REF.test(r)).length;
  const debtRef = debtRefs > 0;
  const namedDebt = debtRefs * 3 >= refs.length;
  if (share !== undefined && share < (namedDebt ? Math.min(o.minShare, o.minShareWithDebtReference) : o.minShare)) return [];

  if (basis === 'unknown' && !corridor) return [];

  const rentRef = refs.some((r) => RENT_REF.test(r));
  const billRef = refs.some((r) => BILL_REF.test(r));
  const kinRefs = refs.filter(addressedAsKin).length;
  const payeeType = accountType(context, last.counterparty);
  // A recruitment agency or labour supplier by its name (a personal or business account, or one
  // of unknown type): the payee MS-DEBT-01 names for a recruitment fee repaid after arrival.
  const recruiter = !billRef && (payeeType === undefined || payeeType === 'personal' || payeeType === 'business') && RECRUITER_NAME.test(last.counterpartyName ?? '');
  let factor = 1;
  let discount: string | undefined;
  const applyDiscount = (f: number, why: string) => {
    if (f < 1) {
      factor *= f;
      discount = discount === undefined ? why : `${discount},${why}`;
    }
  };
  if (recruiter) {
    // Not a lawful company payee: the indicator's own (see `recruiter`).
  } else if (payeeType !== undefined && payeeType !== 'personal') applyDiscount(payeeType === 'business' ? 0.4 : holderDiscount(payeeType).factor, `payee_${payeeType}`);
  else if (billRef || LENDER_NAME.test(last.counterpartyName ?? '')) applyDiscount(0.25, 'payee_lender_or_biller');
  else if (payeeType === undefined && COMPANY_NAME.test(last.counterpartyName ?? '')) applyDiscount(0.6, 'payee_company');
  if (rentRef) applyDiscount(crossBorder ? 0.6 : 0.4, 'rent_reference');
  const kinRef = kinRefs * 3 >= refs.length;
  // A payee who shares only the payer's family name (no household, not the same party), paid a
  // series that at least half its references name as a debt, begun soon after arrival, with no
  // kinship words: many names in the region carry no family name and a few family names are
  // shared by millions (issue 14: "Nazmul Mondal" paying "Rubel Mondal" "loan", "kisti",
  // "instalment" from his second month, like three unrelated payers of the same collector), so
  // the surname is no lawful reading where the payer calls the payments a debt; family support is
  // not called one. Otherwise the surname excludes the series (a common one discounts it).
  const surnameDebt = (link === 'family_name' || link === 'common_name') && debtRefs * 2 >= refs.length && !kinRef && (basis === 'opened' || basis === 'first_wage');
  if (link === 'family_name' && !surnameDebt) return [];
  if (link === 'common_name' && !surnameDebt) applyDiscount(0.5, 'common_family_name');
  if (kinRef) applyDiscount(0.5, 'kinship_references');
  // A monthly debt the payer names, begun soon after arrival, to a payee no lawful reading
  // discounts: MS-DEBT-01 in the payer's own words, so a small share of the wage is no reason for
  // doubt (recruitment debts are deducted at a tenth to a third of a wage). See
  // `NAMED_AFTER_ARRIVAL_BONUS` and `NAMED_MIN_PERIOD_DAYS`.
  const afterArrival = namedDebt && (basis === 'opened' || basis === 'first_wage') && discount === undefined;
  if (irregular && !afterArrival) return [];
  const namedAfterArrival = afterArrival && fit.period >= NAMED_MIN_PERIOD_DAYS;
  if (share !== undefined && share < o.minShare && !namedAfterArrival) applyDiscount(0.7, 'below_share_debt_reference');
  applyDiscount({ opened: 1, ongoing: 0.85, first_wage: 0.8, unknown: 0.7 }[basis], `start_${basis}`);

  const n = fit.instalments.length;
  const tight = !irregular && fit.intervalCv <= 0.15 && fit.amountCv <= 0.1;
  const strength =
    (0.25 + 0.05 * Math.min(4, n - o.minPayments) + (corridor || recruiter ? 0.1 : crossBorder ? 0.05 : 0) + (debtRef ? 0.25 : 0) +
      (tight ? 0.05 : 0) + (share !== undefined && share >= 0.5 ? 0.05 : 0) + (basis === 'opened' ? 0.05 : 0) +
      (namedAfterArrival ? NAMED_AFTER_ARRIVAL_BONUS : 0)) * factor;
  const profile = context.jurisdiction;
  const where =
    (surnameDebt ? (crossBorder ? `an account in ${payeeCountry}` : 'a domestic account') + ' whose holder shares only the payer\'s family name'
    : crossBorder ? `an unrelated account in ${payeeCountry}` : 'an unrelated domestic account') +
    (recruiter ? ` (${last.counterpartyName ?? ''}: a recruitment or labour-supply agency by its name)` : '');
  const start =
    basis === 'opened' ? `, starting ${startDays} days after this account was opened`
    : basis === 'first_wage' ? `, starting ${startDays} days after the first wage credit seen`
    : basis === 'ongoing' ? ', already running when the history begins, on an account opened within the last 18 months'
    : '';
  const reason =
    `Possible debt-repayment pattern: ${n} payments of ${moneyRange(profile, fit.minAmount, fit.maxAmount)} ` +
    `${irregular ? `at irregular intervals (median ${Math.round(fit.medianIntervalDays)} days), named as a debt in their references,` : periodWords(fit)} to ${where}${start}.`;
  const facts: Record<string, number | string | boolean> = {
    payments: n, periodDays: fit.period, medianIntervalDays: ratio(fit.medianIntervalDays), intervalCv: ratio(fit.intervalCv),
    amountCv: ratio(fit.amountCv), totalMinor: fit.total, minAmountMinor: fit.minAmount, maxAmountMinor: fit.maxAmount,
    startBasis: basis, crossBorder, corridor, debtReference: debtRef,
  };
  if (recruiter) facts['recruiterPayee'] = true;
  if (namedAfterArrival) facts['namedAfterArrival'] = true;
  if (irregular) facts['irregular'] = true;
  if (surnameDebt) facts['sharedFamilyName'] = true;
  if (startDays !== undefined) facts['startDays'] = startDays;
  if (share !== undefined) facts['shareOfInflow'] = ratio(share);
  if (payeeCountry !== undefined) facts['payeeCountry'] = payeeCountry;
  if (discount !== undefined) facts['discount'] = discount;
  const hit = hitOf(rule, window, events, strength, reason, guardFacts(facts, guard), 'payer');
  return [last.counterparty === undefined ? hit : { ...hit, related: [{ kind: 'account', id: last.counterparty }] }];
}
