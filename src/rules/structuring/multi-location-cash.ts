import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { accountTypeFactor, DAY_MS, cashNoun, eachRecent, hitOf, isCash, money, newest } from '../_lib.js';
import { countOpt, ratioOpt } from '../options.js';

/** Options of {@link multiLocationCash}; defaults from RESEARCH §a.1 (MS-STR-03 a). @category Rules */
export const multiLocationCashOptionsSchema = z.object({
  /** Distinct branches, ATMs, CDMs or agents on one local day (b). */
  minLocations: countOpt(2, 50, 3),
  /** Same-day total as a share of T (γ). */
  minTotalRatio: ratioOpt(0.1, 5, 0.5),
});
/** @category Rules */
export type MultiLocationCashOptions = z.input<typeof multiLocationCashOptionsSchema>;

const ID = 'multi_location_cash';
const INDICATORS = ['MS-STR-03'] as const;

/**
 * MS-STR-03 (a): one person or account spreads sub-threshold cash over several branches, ATMs,
 * cash-deposit machines or agents on the same local day (the AUSTRAC father–son case: three
 * branches in one day).
 * @category Rules
 * @example const rule = multiLocationCash({ minLocations: 3 });
 */
export function multiLocationCash(options: MultiLocationCashOptions = {}): Rule<typeof ID> {
  const o = parseOptions(multiLocationCashOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'threshold_avoidance',
    entities: ['account', 'party'],
    windowMs: DAY_MS,
    options: o,
    description: 'Possible structuring pattern: sub-threshold cash at several locations on one day.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

function evaluate(window: EntityWindow, context: RuleContext, o: z.output<typeof multiLocationCashOptionsSchema>, rule: Rule): RuleHit[] {
  const profile = context.jurisdiction;
  const last = newest(window);
  if (!isCash(last) || last.reportable || last.location === undefined) return [];
  const events: WindowEvent[] = [];
  const locations = new Set<string>();
  let total = 0;
  let crossed = false;
  eachRecent(window, last.ts - DAY_MS, (e) => {
    if (e.day !== last.day || !isCash(e) || e.direction !== last.direction) return;
    if (e.reportable) crossed = true;
    if (e.location === undefined) return;
    events.push(e);
    locations.add(e.location);
    total += e.amount;
  });
  if (crossed || locations.size < o.minLocations || total < o.minTotalRatio * profile.cashThreshold) return [];
  const strength = (0.5 + 0.1 * (locations.size - o.minLocations) + (total >= profile.cashThreshold ? 0.2 : 0)) * accountTypeFactor(window);
  const reason =
    `Possible structuring pattern: cash ${cashNoun(last.direction, true)} at ${locations.size} different locations on the same day, ` +
    `each below the ${money(profile, profile.cashThreshold)} threshold (${money(profile, total)} in total).`;
  return [
    hitOf(rule, window, events, strength, reason, {
      locations: locations.size,
      count: events.length,
      totalMinor: total,
      threshold: profile.cashThreshold,
      direction: last.direction === 'in' ? 'deposit' : 'withdrawal',
    }, last.direction),
  ];
}
