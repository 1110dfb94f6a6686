import type { EntityRef, EntityWindow, Rule, RuleContext, RuleHit, WindowEvent } from '../types.js';
import { hitOf, moneyRange } from '../_lib.js';
import { fitEvents, type SeriesFit } from '../_series.js';
import type { Payer } from '../_payments.js';
import { SHORT_SERIES_BAND } from './short-series.js';

/**
 * Strength of a {@link payerListHit}: evidence for the network stage, next to nothing on its own
 * (55 × 0.05 ≈ 3 points), as a payer's debt-named payments (`NAMED_PAYMENT_STRENGTH`). Below every
 * link and member bar of the network stage: the payers it lists join a case only where the
 * collector is already vouched for (`paymentNamers` in vouched-payers.ts).
 * @internal
 */
export const PAYER_LIST_STRENGTH = 0.05;

/** One full series that anchors a {@link payerListHit}: a newly arrived stranger's, naming a debt. @internal */
export interface ListAnchor {
  readonly payer: Payer;
  readonly fit: SeriesFit;
}

/** One other payer of the holder: a newly arrived stranger paying by transfer (the caller's tests), with its instalments' amounts. @internal */
export interface ListCandidate {
  readonly account: string;
  readonly amounts: readonly number[];
}

/**
 * MS-DEBT-01's collector as far as its own account shows it where it collects fewer than
 * `minPayers` full series (see `collectorSide` in debt-collector.ts): at least one full series
 * from a newly arrived stranger whose references name a debt (`anchors`), and other newly arrived
 * strangers (`candidates`: accounts opened within `startWithinDays` before their first payment
 * here, not the holder's family, no organisation, no wages, rent or bills) every one of whose
 * instalments lies in the anchors' band ({@link SHORT_SERIES_BAND}: half the smallest to twice
 * the largest instalment). Those payers are listed in `related` at {@link PAYER_LIST_STRENGTH}
 * (`facts.payerList`): a debt just begun, paid off, or paid partly in cash, to a payee that the
 * network stage reads as a collector only where its payers' own series or its own hit vouch for it
 * (issue 14: payers of a vouched collector who paid it one to three instalment-sized sums outside
 * a period, without naming a debt, were never members of its case). `undefined` when no payer
 * beyond the anchors' own is in the band.
 * @internal
 * @example const hit = payerListHit(window, context, rule, anchors, candidates);
 */
export function payerListHit(
  window: EntityWindow, context: RuleContext, rule: Rule, anchors: readonly ListAnchor[], candidates: readonly ListCandidate[],
): RuleHit | undefined {
  if (anchors.length === 0) return undefined;
  const least = Math.min(...anchors.map((a) => a.fit.minAmount));
  const most = Math.max(...anchors.map((a) => a.fit.maxAmount));
  const low = least * SHORT_SERIES_BAND.low;
  const high = most * SHORT_SERIES_BAND.high;
  const own = new Set(anchors.map((a) => a.payer.account));
  const listed = candidates.filter((c) => !own.has(c.account) && c.amounts.length > 0 && c.amounts.every((x) => x >= low && x <= high));
  if (listed.length === 0) return undefined;
  const events: WindowEvent[] = anchors.flatMap((a) => fitEvents(a.fit));
  const related: EntityRef[] = [...new Set([...anchors.map((a) => a.payer.account), ...listed.map((c) => c.account)])]
    .filter((a): a is string => a !== undefined)
    .sort()
    .map((id) => ({ kind: 'account' as const, id }));
  const reason =
    `Possible debt instalments collected: ${anchors.length === 1 ? '1 newly arrived payer pays' : `${anchors.length} newly arrived payers pay`} this account a regular series named as a debt ` +
    `(${moneyRange(context.jurisdiction, least, most)}); ${listed.length} more ` +
    `from accounts opened shortly before paid it sums in the same range (too few payers for a collector on its own; evidence for the collector's case only).`;
  const facts = { payerList: listed.length, anchorPayers: anchors.length, payments: events.length };
  return { ...hitOf(rule, window, events, PAYER_LIST_STRENGTH, reason, facts, 'payer_list'), related };
}
