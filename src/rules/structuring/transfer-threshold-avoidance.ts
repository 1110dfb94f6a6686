import * as z from 'zod';
import { parseOptions } from '../../_internal/config-error.js';
import type { TransferThreshold } from '../../jurisdictions/types.js';
import type { EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { DAY_MS, eachRecent, hitOf, newest } from '../_lib.js';
import { formatAmount } from '../../schema/money.js';
import { countOpt, ratioOpt } from '../options.js';
import { paysCarrier } from '../flow/carrier-settlement.js';

/** Options of {@link transferThresholdAvoidance}; defaults from RESEARCH §a.1 (MS-STR-04). @category Rules */
export const transferThresholdAvoidanceOptionsSchema = z.object({
  /** Lower edge of the band as a share of the transfer threshold R (β_R). */
  beta: ratioOpt(0.5, 0.999, 0.85),
  minCount: countOpt(2, 50, 3),
  windowDays: z.number().min(1).max(90).default(7),
});
/** @category Rules */
export type TransferThresholdAvoidanceOptions = z.input<typeof transferThresholdAvoidanceOptionsSchema>;

const ID = 'transfer_threshold_avoidance';
const INDICATORS = ['MS-STR-04'] as const;
const CASH_FUNDED_CHANNELS = new Set(['branch', 'agent', 'remitter', 'informal']);

/**
 * MS-STR-04: transfers kept just under a remittance / EFT record-keeping or reporting threshold
 * of the jurisdiction (US USD 3,000; Viet Nam USD 1,000 international; New Zealand NZD 1,000;
 * Australia's cash-funded international transfers under A$10,000), per sender and per beneficiary.
 * @category Rules
 * @example const rule = transferThresholdAvoidance({ minCount: 3 });
 */
export function transferThresholdAvoidance(options: TransferThresholdAvoidanceOptions = {}): Rule<typeof ID> {
  const o = parseOptions(transferThresholdAvoidanceOptionsSchema, options, ID);
  const rule: Rule<typeof ID> = {
    id: ID,
    indicators: INDICATORS,
    family: 'threshold_avoidance',
    entities: ['account'],
    windowMs: o.windowDays * DAY_MS,
    options: o,
    description: 'Possible structuring pattern: transfers repeatedly just under a transfer reporting threshold.',
    evaluate: (window, context) => evaluate(window, context, o, rule),
  };
  return rule;
}

/** Whether a transfer threshold's scope covers this transfer, seen from the jurisdiction. */
function applies(t: TransferThreshold, e: WindowEvent, home: string): boolean {
  const international =
    (e.counterpartyCountry !== undefined && e.counterpartyCountry !== (e.ownCountry ?? home)) ||
    (e.ownCountry !== undefined && e.ownCountry !== home);
  switch (t.scope) {
    case 'any': return true;
    case 'international': return international;
    case 'domestic': return !international && e.counterpartyCountry !== undefined;
    case 'cash_funded_international': return international && e.channel !== undefined && CASH_FUNDED_CHANNELS.has(e.channel);
  }
}

/** The transfer's amount in the threshold's currency, exactly, or undefined. */
function amountIn(t: TransferThreshold, e: WindowEvent, context: RuleContext): number | undefined {
  const currency = t.currency ?? context.jurisdiction.currency;
  if (currency === context.jurisdiction.currency) return e.amount;
  if (e.tx.currency === currency) return e.tx.amount;
  return context.convert(e.tx.amount, e.tx.currency, currency, e.ts);
}

function evaluate(window: EntityWindow, context: RuleContext, o: z.output<typeof transferThresholdAvoidanceOptionsSchema>, rule: Rule): RuleHit[] {
  const profile = context.jurisdiction;
  const last = newest(window);
  if (last.kind !== 'transfer') return [];
  const hits: RuleHit[] = [];
  for (const t of profile.transferThresholds) {
    const inBand = (e: WindowEvent): boolean => {
      // A settlement with an airline or the IATA BSP is sized by the tickets sold, not picked below a threshold.
      if (e.kind !== 'transfer' || e.direction !== last.direction || paysCarrier(e) || !applies(t, e, profile.code)) return false;
      const a = amountIn(t, e, context);
      if (a === undefined) return false;
      return a >= Math.ceil(o.beta * t.amount) && (t.inclusive ? a < t.amount : a <= t.amount);
    };
    if (!inBand(last)) continue;
    const events: WindowEvent[] = [];
    eachRecent(window, last.ts - o.windowDays * DAY_MS + 1, (e) => {
      if (inBand(e)) events.push(e);
    });
    if (events.length < o.minCount) continue;
    const currency = t.currency ?? profile.currency;
    const counterparties = new Set(events.map((e) => e.counterparty)).size;
    const strength = 0.5 + 0.1 * (events.length - o.minCount) + (counterparties === 1 ? 0.1 : 0);
    const side = last.direction === 'out' ? 'sent' : 'received';
    const reason =
      `Possible structuring pattern: ${events.length} transfers ${side} within ${o.windowDays} days, each between ` +
      `${Math.round(o.beta * 100)}% and 100% of the ${currency} ${formatAmount(t.amount, currency)} threshold for "${t.name}".`;
    hits.push(
      hitOf(rule, window, events, strength, reason, {
        count: events.length,
        threshold: t.amount,
        thresholdCurrency: currency,
        scope: t.scope,
        counterparties,
        windowDays: o.windowDays,
        direction: last.direction === 'out' ? 'sent' : 'received',
      }, `${last.direction}:${t.name}`),
    );
  }
  return hits;
}
