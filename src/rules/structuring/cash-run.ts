import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { accountTypeFactor, DAY_MS, eachRecent, historyCoverage, hitOf, money, moneyRange, newest, ratio, reportableAmount } from '../_lib.js';
import { declaredIncome } from '../_income.js';
import { countOpt, days, ratioOpt } from '../options.js';

/**
 * Options of {@link cashRun} (MS-STR-02 far below the threshold, read against the account's own
 * flows; *proposed*).
 * @category Rules
 * @example cashRunOptionsSchema.parse({ runDays: 14 })
 */
export const cashRunOptionsSchema = z.object({
  /** The run: cash deposits within this many days (ending at the newest). */
  runDays: days(1, 60, 10),
  /** A piece is a cash deposit of at least this share of the cash threshold T (and under T). */
  minPieceRatio: ratioOpt(0, 0.5, 0.05),
  /** At least this many pieces in the run … */
  minCount: countOpt(2, 100, 4),
  /** … paid in on at least this many calendar days … */
  minDays: countOpt(1, 60, 3),
  /** … adding up to at least this share of T. */
  minTotalRatio: ratioOpt(0, 1, 0.4),
  /** The quiet lookback (days before the run's first piece): no piece in it … */
  lookbackDays: days(1, 365, 30),
  /** … and everything else paid in during it (transfers, small cash) at most this multiple of the run's total. */
  maxPriorCreditMultiple: ratioOpt(0, 100, 1),
  /** Where the data does not show the lookback: the run must reach this many months of the declared income instead. */
  incomeMultiple: ratioOpt(1, 1000, 5),
});
/** Options accepted by {@link cashRun} (defaults filled in). @category Rules @example const o: CashRunOptions = { minCount: 5 }; */
export type CashRunOptions = z.input<typeof cashRunOptionsSchema>;
type Options = z.output<typeof cashRunOptionsSchema>;

const ID = 'cash_run';
const INDICATORS = ['MS-STR-02', 'MS-PROF-01'] as const;

/**
 * MS-STR-02 far below the threshold (RESEARCH §c.1: structurers also go far lower — A$100–5,000,
 * IDR 100 million against IDR 500 million): a sudden run of cash deposits, each well under T, out
 * of character for the account. Within 10 days: at least 4 cash deposits of ≥ 0.05 T (and < T),
 * paid in on at least 3 calendar days, adding up to ≥ 0.4 T; none reached T, so no report was
 * due and none was filed. Out of character, read from the account's own flows over the 30 days
 * before the run's first piece: no such deposit at all (a shop's or a market trader's takings
 * come every few days, month after month) and everything else paid in over those days at most
 * the run's total (a salary, a business's receipts dwarf a shop's banking; a travel agency's
 * occasional counter cash is small against its transfers). Where the data does not reach back
 * over those 30 days on an older account (its history begins with the export, or it lay silent),
 * the lookback cannot vouch for the run: the holder's declared monthly income is read instead —
 * the run must reach 5 × it (any run where the declared income is 0), and the rule stands down
 * where no income is declared. A salaried cash saver's monthly deposit, a hawker's weekly takings
 * and a one-off windfall (one piece) do not make a run.
 * Strength 0.85, + 0.05 for pieces at two or more places; the shared account-type discount for
 * MSBs, government and NGO accounts (a business account is not discounted: the quiet lookback
 * already shows it is not trading in cash).
 * @category Rules
 * @example const rule = cashRun({ runDays: 14 });
 */
export function cashRun(options: CashRunOptions = {}): Rule<typeof ID> {
  const o = parseOptions(cashRunOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'threshold_avoidance',
    entities: ['account'],
    windowMs: (o.runDays + o.lookbackDays) * DAY_MS,
    options: o,
    description: 'Possible structuring pattern: a sudden run of cash deposits far below the threshold, out of character for the account.',
    evaluate: (window, context) => {
      const hit = evaluate(window, context, o, rule);
      return hit === undefined ? [] : [hit];
    },
  };
  return rule;
}

/** A sub-threshold cash deposit of at least the piece floor. */
function isPiece(e: WindowEvent, floor: number, context: RuleContext): boolean {
  return e.kind === 'cash_deposit' && e.direction === 'in' && e.amount >= floor && !reportableAmount(context.jurisdiction, e.amount);
}

function evaluate(window: EntityWindow, context: RuleContext, o: Options, rule: Rule): RuleHit | undefined {
  const profile = context.jurisdiction;
  const floor = Math.max(1, Math.ceil(o.minPieceRatio * profile.cashThreshold));
  const last = newest(window);
  if (!isPiece(last, floor, context)) return undefined;
  const pieces: WindowEvent[] = [];
  let total = 0;
  let low = Infinity;
  let high = 0;
  eachRecent(window, last.ts - o.runDays * DAY_MS + 1, (e) => {
    if (!isPiece(e, floor, context)) return;
    pieces.push(e);
    total += e.amount;
    low = Math.min(low, e.amount);
    high = Math.max(high, e.amount);
  });
  if (pieces.length < o.minCount || total < o.minTotalRatio * profile.cashThreshold) return undefined;
  const dayCount = new Set(pieces.map((e) => e.day)).size;
  if (dayCount < o.minDays) return undefined;
  pieces.reverse();
  const first = (pieces[0] as WindowEvent).ts;
  // The quiet lookback: no piece before the run, and the other credits small against it.
  let priorPiece = false;
  let priorCredits = 0;
  eachRecent(window, first - o.lookbackDays * DAY_MS, (e) => {
    if (e.ts >= first || e.direction !== 'in') return;
    if (isPiece(e, floor, context)) {
      priorPiece = true;
      return false;
    }
    priorCredits += e.amount;
  });
  if (priorPiece || priorCredits > o.maxPriorCreditMultiple * total) return undefined;
  const seen = historyCoverage(window, first, o.lookbackDays) >= 1;
  const income = declaredIncome(window, profile.currency);
  if (!seen && (income === undefined || income < 0 || total < o.incomeMultiple * income)) return undefined;
  const locations = new Set(pieces.map((e) => e.location).filter((l) => l !== undefined)).size;
  let strength = 0.85;
  if (locations >= 2) strength += 0.05;
  if (window.account?.type !== 'business') strength *= accountTypeFactor(window);
  const spanDays = last.day - (pieces[0] as WindowEvent).day + 1;
  const reason =
    `Possible structuring pattern: ${pieces.length} cash deposits of ${moneyRange(profile, low, high)} (${money(profile, total)} in total) ` +
    `on ${dayCount} days within ${spanDays} day${spanDays === 1 ? '' : 's'}, each far below the ${money(profile, profile.cashThreshold)} threshold, ` +
    (seen
      ? `after ${o.lookbackDays} days without such a deposit in which ${money(profile, priorCredits)} was paid in otherwise.`
      : income === 0
        ? 'from a holder who declared no monthly income; the account\'s earlier history is not in the data.'
        : `${Math.floor(total / (income as number))} times the holder's declared monthly income of ${money(profile, income as number)}; the account's earlier history is not in the data.`);
  const facts: Record<string, number | string | boolean> = {
    count: pieces.length,
    days: dayCount,
    totalMinor: total,
    smallestMinor: low,
    largestMinor: high,
    pieceFloorMinor: floor,
    priorCreditsMinor: priorCredits,
    locations,
    threshold: profile.cashThreshold,
    runDays: o.runDays,
    lookbackDays: o.lookbackDays,
    historySeen: seen,
  };
  if (!seen && income !== undefined && income > 0) facts['incomeMultiple'] = ratio(total / income);
  return hitOf(rule, window, pieces, strength, reason, facts);
}
