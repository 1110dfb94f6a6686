import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { accountTypeFactor, DAY_MS, eachRecent, flowReference, hitOf, money, moneyRange, newest, ratio, reportableAmount, reportedCashCount } from '../_lib.js';
import { declaredIncome } from '../_income.js';
import { isWageLike, median } from '../_payments.js';
import { countOpt, days, ratioOpt } from '../options.js';

/**
 * Options of {@link cashAboveIncome} (MS-PROF-01: m = 3 catalogued for one month's inflow; here the
 * pieces are each ≥ 3 × and the month's total ≥ 10 × the declared income; *proposed*).
 * @category Rules
 * @example cashAboveIncomeOptionsSchema.parse({ incomeMultiple: 12 })
 */
export const cashAboveIncomeOptionsSchema = z.object({
  /** Rolling window in days. */
  windowDays: days(1, 365, 30),
  /** Cash deposits counted as pieces are each at least this many months of the declared income … */
  pieceIncomeMultiple: ratioOpt(1, 100, 3),
  /** … and at least this share of the cash threshold T (no piece of pocket money, whatever the income). */
  minPieceRatio: ratioOpt(0, 0.5, 0.02),
  /** At least this many pieces in the window. */
  minCount: countOpt(2, 100, 3),
  /** The pieces add up to at least this many months of the declared income … */
  incomeMultiple: ratioOpt(3, 1000, 10),
  /** … and to at least this share of T. */
  minTotalRatio: ratioOpt(0, 1, 0.1),
  /** From this many months of the declared income on, the mismatch is strong (strength 0.9: alerts alone as structuring). */
  strongIncomeMultiple: ratioOpt(3, 1000, 20),
  /**
   * Where no income is declared, the wages the account itself shows stand in for it: a payroll-like
   * payer (`isWageLike`) crediting it at least twice within this many days (62: two monthly pay
   * days); its median credit is the monthly income. 0 turns it off (no income, no evidence).
   */
  wageLookbackDays: days(0, 120, 62),
});
/** Options accepted by {@link cashAboveIncome} (defaults filled in). @category Rules @example const o: CashAboveIncomeOptions = { minCount: 4 }; */
export type CashAboveIncomeOptions = z.input<typeof cashAboveIncomeOptionsSchema>;
type Options = z.output<typeof cashAboveIncomeOptionsSchema>;

const ID = 'cash_above_income';
const INDICATORS = ['MS-PROF-01', 'MS-STR-02'] as const;

/**
 * MS-PROF-01 read on cash (FinCEN 2023: deposits far above peers in similar occupations; AUSTRAC:
 * structuring by a customer whose known income could not explain it): several sizeable cash
 * deposits, none of them reportable on its own, that together amount to many months of the
 * holder's declared income. Within 30 days: at least 3 cash deposits of at least 3 × the declared
 * monthly income (and ≥ 0.02 T), summing to at least 10 × that income and ≥ 0.1 T. It catches the
 * structurer whose pieces stay far below the threshold where T is high against wages (Thailand's
 * THB 2,000,000 is ~180 months of a worker's pay), which `split_sum` cannot see: its pieces must
 * reach T together. Strength 0.8, 0.9 from 20 × the income, + 0.05 for pieces paid in at two or
 * more places; the shared account-type discount (business, NGO, licensed remitter), × 0.3 where two or more
 * reportable cash deposits in the window show a cash-intensive customer. Where no income is
 * declared, the wage the account itself shows stands in for it (a payroll-like payer crediting it
 * at least twice within `wageLookbackDays`, its median credit, if at least 0.01 of the flow
 * reference; fact `wageSeenMinor`); without either the rule stands down: absent evidence is no mismatch. An income declared as 0 (student, homemaker,
 * no work) is evidence: the pieces need only the floors of T (≥ 0.02 T each, ≥ 0.1 T together),
 * and any such sum is the strong form (more than 20 × the income). A shop's routine takings
 * (pieces under 3 months' income) and a one-off windfall (one piece) do not count.
 * @category Rules
 * @example const rule = cashAboveIncome({ incomeMultiple: 12 });
 */
export function cashAboveIncome(options: CashAboveIncomeOptions = {}): Rule<typeof ID> {
  const o = parseOptions(cashAboveIncomeOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'threshold_avoidance',
    entities: ['account'],
    windowMs: Math.max(o.windowDays, o.wageLookbackDays) * DAY_MS,
    options: o,
    description: 'Possible profile mismatch: sizeable sub-threshold cash deposits adding up to many months of the declared income.',
    evaluate: (window, context) => {
      const hit = evaluate(window, context, o, rule);
      return hit === undefined ? [] : [hit];
    },
  };
  return rule;
}

/** Fewest credits from one payroll-like payer within `wageLookbackDays` for its wage to stand in for an undeclared income. */
const MIN_WAGE_CREDITS = 2;

/** Smallest median credit read as a wage, as a share of the flow reference (0.01: THB 2,000, MYR 250). */
const MIN_WAGE_SHARE = 0.01;

/**
 * The monthly wage the account shows (income not declared): of the payroll-like payers
 * (`isWageLike`) crediting it at least {@link MIN_WAGE_CREDITS} times since `from`, the largest
 * median credit; `undefined` without such a payer (a one-off company payment is no wage).
 */
function wagesSeen(window: EntityWindow, context: RuleContext, from: number): number | undefined {
  const byPayer = new Map<string, number[]>();
  eachRecent(window, from, (e) => {
    if (e.counterparty === undefined || !isWageLike(e, context)) return;
    const list = byPayer.get(e.counterparty);
    if (list === undefined) byPayer.set(e.counterparty, [e.amount]);
    else list.push(e.amount);
  });
  let wage: number | undefined;
  for (const list of byPayer.values()) if (list.length >= MIN_WAGE_CREDITS) wage = Math.max(wage ?? 0, median(list));
  // A company's small repeat credits (cashback, interest, a refund) are no wage.
  return wage === undefined || wage < MIN_WAGE_SHARE * flowReference(context.jurisdiction) ? undefined : wage;
}

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit | undefined {
  const profile = context.jurisdiction;
  const last = newest(window);
  if (last.kind !== 'cash_deposit' || last.direction !== 'in' || reportableAmount(profile, last.amount)) return undefined;
  const declared = declaredIncome(window, profile.currency);
  // The wage scan only for a deposit that can be a piece at all (at least the floor of T).
  const canBePiece = last.amount >= Math.ceil(o.minPieceRatio * profile.cashThreshold);
  const income = declared ?? (o.wageLookbackDays > 0 && canBePiece ? wagesSeen(window, context, last.ts - o.wageLookbackDays * DAY_MS + 1) : undefined);
  if (income === undefined || income < 0) return undefined;
  const floor = Math.max(Math.ceil(o.pieceIncomeMultiple * income), Math.ceil(o.minPieceRatio * profile.cashThreshold));
  if (last.amount < floor) return undefined;
  const from = last.ts - o.windowDays * DAY_MS + 1;
  const pieces: WindowEvent[] = [];
  let total = 0;
  let low = Infinity;
  let high = 0;
  eachRecent(window, from, (e) => {
    if (e.kind !== 'cash_deposit' || e.direction !== 'in' || e.amount < floor || reportableAmount(profile, e.amount)) return;
    pieces.push(e);
    total += e.amount;
    low = Math.min(low, e.amount);
    high = Math.max(high, e.amount);
  });
  if (pieces.length < o.minCount || total < o.incomeMultiple * income || total < o.minTotalRatio * profile.cashThreshold) return undefined;
  pieces.reverse();
  // A declared income of 0 (a student, a homemaker, no work) is a declaration, not a gap: any such
  // sum is more than the strong multiple of it, and the floors of T alone set the scale.
  const noIncome = income === 0;
  const multiple = noIncome ? Infinity : total / income;
  const locations = new Set(pieces.map((e) => e.location).filter((l) => l !== undefined)).size;
  const reported = reportedCashCount(window, profile, 'in', from);
  let strength = multiple >= o.strongIncomeMultiple ? 0.9 : 0.8;
  if (locations >= 2) strength += 0.05;
  strength *= accountTypeFactor(window);
  if (reported >= 2) strength *= 0.3;
  const reason =
    `Possible profile mismatch: ${pieces.length} cash deposits of ${moneyRange(profile, low, high)} (${money(profile, total)} in total) ` +
    `within ${o.windowDays} days, ` +
    (noIncome
      ? 'from a holder who declared no monthly income; '
      : `${Math.floor(multiple)} times the holder's ${declared === undefined ? 'monthly wage credited to this account' : 'declared monthly income'} of ${money(profile, income)}; `) +
    `none reached the ${money(profile, profile.cashThreshold)} reporting threshold.` +
    (reported >= 2 ? ` Discounted: ${reported} reportable cash deposits in the same days suggest a cash-intensive customer.` : '');
  const facts: Record<string, number> = {
    count: pieces.length,
    totalMinor: total,
    smallestMinor: low,
    largestMinor: high,
    pieceFloorMinor: floor,
  };
  facts[declared === undefined ? 'wageSeenMinor' : 'declaredIncomeMinor'] = income;
  // No multiple of a zero income: the fact is left out rather than written as infinity.
  if (!noIncome) facts['incomeMultiple'] = ratio(multiple);
  return hitOf(rule, window, pieces, strength, reason, { ...facts, threshold: profile.cashThreshold, windowDays: o.windowDays, locations, reportedCash: reported });
}
