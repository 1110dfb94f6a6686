import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { accountTypeFactor, DAY_MS, eachRecent, hitOf, money, newest } from '../_lib.js';
import { countOpt } from '../options.js';

/** Options of {@link multiDepositor}; defaults from RESEARCH §a.1 (MS-STR-03 b). @category Rules */
export const multiDepositorOptionsSchema = z.object({
  windowDays: z.number().min(1).max(90).default(7),
  /** Distinct conductors (people paying cash in), none of them the account holder (m). */
  minConductors: countOpt(2, 100, 5),
  /** Distinct deposit locations; 1 disables the condition where location data is missing (g). */
  minLocations: countOpt(1, 50, 2),
});
/** @category Rules */
export type MultiDepositorOptions = z.input<typeof multiDepositorOptionsSchema>;

const ID = 'multi_depositor';
const INDICATORS = ['MS-STR-03'] as const;

/**
 * MS-STR-03 (b): many different people pay sub-threshold cash into one account, at several
 * locations, within a week (FinCEN 2023: deposits by several individuals in several locations
 * into one account unrelated to the holder's area).
 * @category Rules
 * @example const rule = multiDepositor({ minConductors: 4 });
 */
export function multiDepositor(options: MultiDepositorOptions = {}): Rule<typeof ID> {
  const o = parseOptions(multiDepositorOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'threshold_avoidance',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible smurfing pattern: cash paid into one account by many different people at several locations.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

function evaluate(window: EntityWindow, context: RuleContext, o: z.output<typeof multiDepositorOptionsSchema>, rule: Rule): RuleHit[] {
  const profile = context.jurisdiction;
  const last = newest(window);
  const holder = window.account?.party;
  if (last.kind !== 'cash_deposit' || last.reportable || last.conductor === undefined || last.conductor === holder) return [];
  const events: WindowEvent[] = [];
  const conductors = new Set<string>();
  const locations = new Set<string>();
  let total = 0;
  eachRecent(window, last.ts - o.windowDays * DAY_MS + 1, (e) => {
    if (e.kind !== 'cash_deposit' || e.reportable || e.conductor === undefined || e.conductor === holder) return;
    events.push(e);
    conductors.add(e.conductor);
    if (e.location !== undefined) locations.add(e.location);
    total += e.amount;
  });
  if (conductors.size < o.minConductors || locations.size < o.minLocations) return [];
  let strength = 0.5 + 0.05 * (conductors.size - o.minConductors) + 0.05 * Math.min(4, locations.size - 1);
  const type = window.account?.type;
  // Businesses, NGOs and government take others' cash at half strength; licensed remitters (msb), whose
  // customers pay in at many agents as their business, at the shared account-type discount (0.3).
  if (type === 'business' || type === 'ngo' || type === 'government') strength *= 0.5;
  else strength *= accountTypeFactor(window);
  const reason =
    `Possible smurfing pattern: ${conductors.size} different people paid cash into this account at ${locations.size} ` +
    `location${locations.size === 1 ? '' : 's'} within ${o.windowDays} days, each below the ${money(profile, profile.cashThreshold)} threshold ` +
    `(${money(profile, total)} in total).`;
  return [
    hitOf(rule, window, events, strength, reason, {
      conductors: conductors.size,
      locations: locations.size,
      count: events.length,
      totalMinor: total,
      windowDays: o.windowDays,
    }),
  ];
}
