import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, eachRecent, hitOf, money, newest, reportableAmount } from '../_lib.js';
import { countOpt } from '../options.js';

/** Options of {@link conductorSpread}. @category Rules */
export const conductorSpreadOptionsSchema = z.object({
  windowDays: z.number().min(1).max(90).default(7),
  /** Distinct beneficiary accounts the one person paid cash into. */
  minAccounts: countOpt(2, 50, 3),
});
/** @category Rules */
export type ConductorSpreadOptions = z.input<typeof conductorSpreadOptionsSchema>;

const ID = 'conductor_spread';
const INDICATORS = ['MS-STR-03'] as const;

/**
 * MS-STR-03 (c): one conductor spreads sub-threshold cash over several accounts whose total
 * reaches the threshold — a party-level signal that no single account shows.
 * @category Rules
 * @example const rule = conductorSpread({ minAccounts: 3 });
 */
export function conductorSpread(options: ConductorSpreadOptions = {}): Rule<typeof ID> {
  const o = parseOptions(conductorSpreadOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'threshold_avoidance',
    entities: ['party'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible structuring pattern: one person paying sub-threshold cash into several accounts.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

function evaluate(window: EntityWindow, context: RuleContext, o: z.output<typeof conductorSpreadOptionsSchema>, rule: Rule): RuleHit[] {
  const profile = context.jurisdiction;
  const last = newest(window);
  if (last.kind !== 'cash_deposit' || last.reportable || last.counterparty === undefined) return [];
  const events: WindowEvent[] = [];
  const accounts = new Set<string>();
  let total = 0;
  let crossed = false;
  eachRecent(window, last.ts - o.windowDays * DAY_MS + 1, (e) => {
    if (e.kind !== 'cash_deposit' || e.counterparty === undefined) return;
    if (e.reportable) crossed = true;
    events.push(e);
    accounts.add(e.counterparty);
    total += e.amount;
  });
  if (crossed || accounts.size < o.minAccounts || !reportableAmount(profile, total)) return [];
  const strength = 0.55 + 0.1 * (accounts.size - o.minAccounts);
  const reason =
    `Possible structuring pattern: this person paid cash into ${accounts.size} different accounts within ${o.windowDays} days, ` +
    `${money(profile, total)} in total, reaching the ${money(profile, profile.cashThreshold)} threshold while no deposit did.`;
  return [hitOf(rule, window, events, strength, reason, { accounts: accounts.size, count: events.length, totalMinor: total, windowDays: o.windowDays })];
}
