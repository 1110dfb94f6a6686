import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { accountTypeFactor, DAY_MS, cashNoun, eachRecent, hitOf, isCash, money, newest, ratio, reportableAmount, reportedCashCount } from '../_lib.js';
import { countOpt, days, ratioOpt } from '../options.js';

/** Options of {@link nearThresholdCash}; defaults from RESEARCH §c.4. @category Rules */
export const nearThresholdCashOptionsSchema = z.object({
  /** Lower edge of the band as a share of the threshold T (β): 0.90 standard, 0.80 sensitive. */
  beta: ratioOpt(0.5, 0.999, 0.9),
  /** Minimum in-band count per window; `days: 1` means the same local calendar day. */
  windows: z
    .array(z.object({ days: days(1, 1825, 1), minCount: countOpt(2, 50, 2) }))
    .min(1)
    .default([
      { days: 1, minCount: 2 },
      { days: 7, minCount: 3 },
      { days: 30, minCount: 4 },
    ]),
  /** Lookback (days) for the cash-business look-alike: reportable cash seen in it discounts the hit. */
  reportedLookbackDays: days(1, 365, 30),
});
/** @category Rules */
export type NearThresholdCashOptions = z.input<typeof nearThresholdCashOptionsSchema>;

const ID = 'near_threshold_cash';
const INDICATORS = ['MS-STR-01'] as const;

/**
 * MS-STR-01: repeated cash deposits (or withdrawals, separately) sized just under the cash
 * reporting threshold, per account and per conducting party, in a same-day, 7-day and 30-day window.
 * @category Rules
 * @example const rule = nearThresholdCash({ beta: 0.8 });
 */
export function nearThresholdCash(options: NearThresholdCashOptions = {}): Rule<typeof ID> {
  const o = parseOptions(nearThresholdCashOptionsSchema, options, ID);
  const longest = Math.max(...o.windows.map((w) => w.days), o.reportedLookbackDays);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'threshold_avoidance',
    entities: ['account', 'party'],
    windowMs: longest * DAY_MS,
    options: o,
    description: 'Possible structuring pattern: repeated cash just under the reporting threshold.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

function inBand(e: WindowEvent, low: number, context: RuleContext): boolean {
  return isCash(e) && e.amount >= low && !reportableAmount(context.jurisdiction, e.amount);
}

function evaluate(window: EntityWindow, context: RuleContext, o: z.output<typeof nearThresholdCashOptionsSchema>, rule: Rule): RuleHit[] {
  const profile = context.jurisdiction;
  const last = newest(window);
  const low = Math.ceil(o.beta * profile.cashThreshold);
  if (!inBand(last, low, context)) return [];
  let best: { events: WindowEvent[]; days: number; minCount: number } | undefined;
  for (const w of o.windows) {
    const events: WindowEvent[] = [];
    const from = w.days === 1 ? Number.NEGATIVE_INFINITY : last.ts - w.days * DAY_MS + 1;
    eachRecent(window, w.days === 1 ? last.ts - DAY_MS : from, (e) => {
      if (w.days === 1 && e.day !== last.day) return;
      if (e.direction === last.direction && inBand(e, low, context)) events.push(e);
    });
    if (events.length >= w.minCount && (best === undefined || events.length / w.minCount > best.events.length / best.minCount)) {
      best = { events, days: w.days, minCount: w.minCount };
    }
  }
  if (best === undefined) return [];
  const { events } = best;
  const total = events.reduce((s, e) => s + e.amount, 0);
  const closeness = events.reduce((s, e) => s + (e.amount - low) / Math.max(1, profile.cashThreshold - low), 0) / events.length;
  const reported = reportedCashCount(window, profile, last.direction, last.ts - o.reportedLookbackDays * DAY_MS + 1);
  let strength = 0.55 + 0.1 * (events.length - best.minCount) + 0.25 * closeness;
  if (reported >= 2) strength *= 0.3;
  strength *= accountTypeFactor(window);
  const span = best.days === 1 ? 'on the same day' : `within ${best.days} days`;
  const reason =
    `Possible structuring pattern: ${events.length} cash ${cashNoun(last.direction, true)} between ` +
    `${Math.round(o.beta * 100)}% and 100% of the ${money(profile, profile.cashThreshold)} reporting threshold ${span} ` +
    `(${money(profile, total)} in total).` +
    (reported >= 2 ? ` Discounted: ${reported} reportable cash transactions in the last ${o.reportedLookbackDays} days suggest a cash-intensive customer.` : '');
  return [
    hitOf(rule, window, events, strength, reason, {
      count: events.length,
      minCount: best.minCount,
      windowDays: best.days,
      totalMinor: total,
      threshold: profile.cashThreshold,
      bandLow: low,
      meanCloseness: ratio(closeness),
      reportedCash: reported,
      direction: last.direction === 'in' ? 'deposit' : 'withdrawal',
    }, last.direction),
  ];
}
