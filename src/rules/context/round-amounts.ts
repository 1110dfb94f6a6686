import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import { currencyExponent } from '../../schema/currencies.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, eachRecent, hitOf, newest, ratio } from '../_lib.js';
import { countOpt, ratioOpt } from '../options.js';

/** Rounding units in major units per currency (RESEARCH §a.1 MS-AMT-01, proposed). */
const DEFAULT_UNITS: Readonly<Record<string, number>> = {
  THB: 1000, BDT: 1000, LKR: 1000, PHP: 1000, INR: 1000, PKR: 1000,
  IDR: 100_000, VND: 100_000, KHR: 100_000, LAK: 100_000, MMK: 100_000,
};

/** Options of {@link roundAmounts}. @category Rules */
export const roundAmountsOptionsSchema = z.object({
  windowDays: z.number().min(1).max(365).default(30),
  minCount: countOpt(2, 1000, 5),
  minShare: ratioOpt(0.5, 1, 0.8),
  /** Round unit in major units per currency; currencies not listed use `defaultUnit`. */
  units: z.record(z.string().length(3), z.number().int().positive()).default({ ...DEFAULT_UNITS }),
  defaultUnit: z.number().int().positive().default(100),
  /** Most recent transactions the share is measured over. */
  sampleSize: z.number().int().min(5).max(1000).default(50),
});
/** @category Rules */
export type RoundAmountsOptions = z.input<typeof roundAmountsOptionsSchema>;

const ID = 'round_amounts';
const INDICATORS = ['MS-AMT-01'] as const;

/**
 * MS-AMT-01: a strong preference for round amounts. A context signal only: it amplifies other
 * hits in scoring and never raises an alert alone (people naturally send round sums).
 * @category Rules
 * @example const rule = roundAmounts({ minShare: 0.9 });
 */
export function roundAmounts(options: RoundAmountsOptions = {}): Rule<typeof ID> {
  const o = parseOptions(roundAmountsOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'context',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Context: most amounts are round figures.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

function evaluate(window: EntityWindow, context: RuleContext, o: z.output<typeof roundAmountsOptionsSchema>, rule: Rule): RuleHit[] {
  const last = newest(window);
  const unitOf = (e: WindowEvent): number => {
    const currency = e.tx.currency;
    const exponent = currencyExponent(currency) ?? 2;
    return (o.units[currency] ?? o.defaultUnit) * 10 ** exponent;
  };
  if (last.tx.amount % unitOf(last) !== 0) return [];
  const events: WindowEvent[] = [];
  let round = 0;
  // The share is measured over the most recent `sampleSize` transactions in the window, so a busy
  // account costs O(sampleSize) per event, not O(window).
  eachRecent(window, last.ts - o.windowDays * DAY_MS + 1, (e) => {
    events.push(e);
    if (e.tx.amount % unitOf(e) === 0) round++;
    return events.length < o.sampleSize;
  });
  const share = round / events.length;
  if (events.length < o.minCount || share < o.minShare) return [];
  const roundEvents = events.filter((e) => e.tx.amount % unitOf(e) === 0);
  const strength = o.minShare >= 1 ? 1 : 0.5 + (0.5 * (share - o.minShare)) / (1 - o.minShare);
  const reason = `Context: ${round} of ${events.length} transactions in ${o.windowDays} days are round amounts (${Math.round(share * 100)}%).`;
  void context;
  return [hitOf(rule, window, roundEvents, strength, reason, { round, count: events.length, share: ratio(share), windowDays: o.windowDays })];
}
