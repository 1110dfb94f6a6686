import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { accountTypeFactor, atLeastShare, compareRefs, DAY_MS, cashNoun, eachRecent, historyCoverage, historyFactor, HISTORY_UNSEEN, hitOf, isCash, money, newest, ratio, reportableAmount, reportedCashCount } from '../_lib.js';
import { countOpt, ratioOpt } from '../options.js';

/** Options of {@link splitSum}; defaults from RESEARCH §c.2 and §c.4. @category Rules */
export const splitSumOptionsSchema = z.object({
  /** Rolling windows in days, tried from the shortest; the first that reaches T is reported. */
  windowDays: z.array(z.number().min(1).max(1825)).min(1).default([1, 3, 7, 30]),
  /** Pieces smaller than this share of T are noise and ignored. */
  minComponentRatio: ratioOpt(0, 0.5, 0.1),
  minCount: countOpt(2, 100, 2),
  /** Lookback (days) for the cash-business look-alike (reportable cash discounts the hit). */
  reportedLookbackDays: z.number().min(1).max(365).default(30),
  /**
   * Withdrawals: a third party whose transfers credited the account from this many days before the
   * first piece up to the last one is named as a funder of the structured cash …
   */
  fundingDays: z.number().min(0).max(30).default(3),
  /** … when its transfers amount to at least this share of the pieces' total and of all credits in that span. */
  minFundedShare: ratioOpt(0.1, 1, 0.5),
});
/** @category Rules */
export type SplitSumOptions = z.input<typeof splitSumOptionsSchema>;

const ID = 'split_sum';
const INDICATORS = ['MS-STR-02'] as const;

/**
 * MS-STR-02: several sub-threshold cash transactions in one direction whose total reaches the
 * threshold T while no single one does. Extra weight when every regulatory aggregation unit
 * (day, business day, month) stayed below T — the unit was avoided — and when the pieces span
 * several locations or days. Catches the far-below-the-band variant (e.g. 3 × 40 % of T).
 * Cash businesses (reportable cash, routine banking in the last 30 days) are discounted; deposits
 * banked at one place on an older account whose history the data does not show are discounted
 * towards × 0.3 (`history_unseen`: a shop's first days in an export, RESEARCH §c.5).
 * Withdrawals name their funders in `related` (facts `funders`, `fundedMinor`): third parties — not
 * the holder's own or household accounts — whose transfers in the 3 days before the first piece up
 * to the last one reach half the pieces' total and half of all that was paid in meanwhile: the
 * account that put up the cash being taken out
 * (funding before the window's start is not seen). Naming them leaves the strength unchanged.
 * @category Rules
 * @example const rule = splitSum({ windowDays: [1, 7, 30, 90] });
 */
export function splitSum(options: SplitSumOptions = {}): Rule<typeof ID> {
  const o = parseOptions(splitSumOptionsSchema, options, ID);
  const windows = [...o.windowDays].sort((a, b) => a - b);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'threshold_avoidance',
    entities: ['account', 'party'],
    windowMs: Math.max(windows[windows.length - 1] as number, o.reportedLookbackDays) * DAY_MS,
    options: { ...o, windowDays: windows },
    description: 'Possible structuring pattern: sub-threshold cash pieces adding up to the reporting threshold.',
    evaluate: (window, context) => evaluate(window, context, { ...o, windowDays: windows }, rule),
  };
  return rule;
}

function cashCount(window: EntityWindow, direction: 'in' | 'out', from: number): number {
  let n = 0;
  eachRecent(window, from, (e) => {
    if (isCash(e) && e.direction === direction) n++;
  });
  return n;
}

function evaluate(window: EntityWindow, context: RuleContext, o: z.output<typeof splitSumOptionsSchema>, rule: Rule): RuleHit[] {
  const profile = context.jurisdiction;
  const T = profile.cashThreshold;
  const last = newest(window);
  const minPiece = Math.ceil(o.minComponentRatio * T);
  if (!isCash(last) || last.reportable || last.amount < minPiece) return [];
  for (const days of o.windowDays) {
    const pieces: WindowEvent[] = [];
    let crossed = false;
    let total = 0;
    eachRecent(window, last.ts - days * DAY_MS + 1, (e) => {
      if (!isCash(e) || e.direction !== last.direction) return;
      if (e.reportable) crossed = true;
      else if (e.amount >= minPiece) {
        pieces.push(e);
        total += e.amount;
      }
    });
    if (crossed) return []; // a report was due inside the window: nothing was avoided
    if (pieces.length < o.minCount || !reportableAmount(profile, total)) continue;
    return [buildHit(window, context, o, rule, last, pieces, total, days)];
  }
  return [];
}

function buildHit(
  window: EntityWindow, context: RuleContext, o: z.output<typeof splitSumOptionsSchema>, rule: Rule,
  last: WindowEvent, pieces: WindowEvent[], total: number, days: number,
): RuleHit {
  const profile = context.jurisdiction;
  const unitSums = new Map<number, number>();
  for (const e of pieces) unitSums.set(e.unit, (unitSums.get(e.unit) ?? 0) + e.amount);
  const unitReported = profile.aggregation !== 'per_transaction' && [...unitSums.values()].some((s) => reportableAmount(profile, s));
  const locations = new Set(pieces.map((e) => e.location).filter((l) => l !== undefined)).size;
  const dayCount = new Set(pieces.map((e) => e.day)).size;
  const reported = reportedCashCount(window, profile, last.direction, last.ts - o.reportedLookbackDays * DAY_MS + 1);
  // Short windows with sizeable pieces are the classic split; a month of small pieces is weak on its own.
  const mean = total / pieces.length;
  let strength = days <= 3 ? 0.5 : days <= 7 ? 0.42 : 0.3;
  if (!unitReported) strength += days <= 7 ? 0.2 : 0.1;
  if (locations >= 2) strength += 0.1;
  if (dayCount >= 2) strength += 0.1;
  if (pieces.length >= 4) strength += 0.05;
  if (mean >= 0.5 * profile.cashThreshold) strength += 0.1;
  if (unitReported) strength *= 0.5;
  if (reported >= 2) strength *= 0.3;
  // Steady takings (a shop banking every few days) look like pieces but are routine: discount.
  if (days > 7 && mean < 0.35 * profile.cashThreshold) strength *= 0.6;
  const routine = cashCount(window, last.direction, last.ts - 30 * DAY_MS + 1);
  if (routine >= 10) strength *= 0.5;
  strength *= accountTypeFactor(window);
  // The cash-business checks above read the last `reportedLookbackDays`: where the data does not
  // reach back that far on an older account, a shop's routine banking cannot show. Only for deposits
  // banked at one place (a shop's takings at its branch): deposits spread over several locations
  // are the smurfing signature, and withdrawals are no takings, whatever the history.
  const coverage = last.direction === 'in' && locations <= 1 ? historyCoverage(window, last.ts, o.reportedLookbackDays) : 1;
  if (coverage < 1) strength *= historyFactor(coverage);
  const largest = Math.max(...pieces.map((e) => e.amount));
  const funders = last.direction === 'out' ? fundersOf(window, context, o, pieces, total) : undefined;
  const reason =
    `Possible structuring pattern: ${pieces.length} cash ${cashNoun(last.direction, true)} of at most ${money(profile, largest)} ` +
    `total ${money(profile, total)} within ${days} day${days === 1 ? '' : 's'}, reaching the ${money(profile, profile.cashThreshold)} ` +
    `threshold while no single one did` +
    (unitReported
      ? '; one aggregation unit was itself reportable.'
      : profile.aggregation === 'per_transaction'
        ? ' (each cash transaction is assessed on its own here).'
        : `; no ${profile.aggregation.replace('_', ' ')} reached it on its own.`) +
    (funders === undefined ? '' : ` ${money(profile, funders.minor)} of it had been paid in by ${funders.refs.length === 1 ? 'one third party' : `${funders.refs.length} third parties`} shortly before.`);
  const hit = hitOf(rule, window, pieces, strength, reason, {
    count: pieces.length,
    totalMinor: total,
    largestMinor: largest,
    threshold: profile.cashThreshold,
    windowDays: days,
    unitAvoiding: !unitReported,
    locations,
    days: dayCount,
    reportedCash: reported,
    cashLast30Days: routine,
    direction: last.direction === 'in' ? 'deposit' : 'withdrawal',
    ...(coverage < 1 ? { historyCoverage: ratio(coverage), discount: HISTORY_UNSEEN } : {}),
    ...(funders === undefined ? {} : { funders: funders.refs.length, fundedMinor: funders.minor }),
  }, last.direction);
  return funders === undefined ? hit : { ...hit, related: funders.refs };
}

/**
 * The third parties whose transfers funded a structured cash-out: transfer credits from
 * `fundingDays` before the first piece up to the last, by sender, each sender's at least
 * `minFundedShare` of the pieces' total and of all credits in that span (a collector's many payers
 * each put up a part, not the cash-out: none is named). The holder's own and household accounts are not third
 * parties (for a party window: its own accounts). Undefined when none qualifies.
 */
function fundersOf(
  window: EntityWindow, context: RuleContext, o: z.output<typeof splitSumOptionsSchema>, pieces: readonly WindowEvent[], total: number,
): { refs: EntityRef[]; minor: number } | undefined {
  let first = Infinity;
  let lastTs = -Infinity;
  for (const e of pieces) {
    first = Math.min(first, e.ts);
    lastTs = Math.max(lastTs, e.ts);
  }
  const bySender = new Map<string, number>();
  let credited = 0;
  eachRecent(window, first - o.fundingDays * DAY_MS, (e) => {
    if (e.ts > lastTs || e.direction !== 'in') return;
    credited += e.amount;
    if (e.kind === 'transfer' && e.counterparty !== undefined) bySender.set(e.counterparty, (bySender.get(e.counterparty) ?? 0) + e.amount);
  });
  const refs: EntityRef[] = [];
  let minor = 0;
  for (const [account, sum] of bySender) {
    if (!atLeastShare(sum, Math.max(total, credited), o.minFundedShare) || isOwnSide(window, context, account)) continue;
    refs.push({ kind: 'account', id: account });
    minor += sum;
  }
  return refs.length === 0 ? undefined : { refs: refs.sort(compareRefs), minor };
}

/** Whether an account is the window's own or its holder's household's (a party window: the party's own accounts). */
function isOwnSide(window: EntityWindow, context: RuleContext, account: string): boolean {
  if (window.kind === 'party') return context.identity.partyOf(account)?.party === window.id;
  return account === window.id || context.identity.sameHousehold(window.id, account);
}
