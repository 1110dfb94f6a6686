import { DEBT_REF, cv, median } from '../_payments.js';
import { fitOf, intervalDays, type Instalment, type SeriesCriteria, type SeriesFit } from '../_series.js';

/**
 * A payer's instalments to a collector that keep no period but that the payer names as a debt
 * (MS-DEBT-01 collector variant; issue 14: "kisti", "installment" paid after 38, 55 and 58 days):
 * at least `minPayments` instalments, at least half of them with a debt reference
 * ({@link DEBT_REF}: hutang, ansuran, kisti, loan…), amounts as steady as a regular series'
 * (CV ≤ `maxAmountCv`), and every interval between the shortest period less the tolerance and twice
 * the longest period plus it (a payment skipped or late, never a burst nor a lone sum months
 * apart). Returned as a fit (`period`: the median interval rounded; `intervalCv` as measured) for
 * the band test of the cut-short series; `undefined` when any test fails. The payer's own word is
 * the evidence the missing period would otherwise give; the collector variant counts such a payer
 * only where it is a newly arrived stranger, like a series cut short (see `collectorSide`).
 * @internal
 */
export function namedDebtFit(inst: readonly Instalment[], c: SeriesCriteria): SeriesFit | undefined {
  if (inst.length < c.minPayments) return undefined;
  const named = inst.filter((i) => i.events.some((e) => DEBT_REF.test(e.tx.reference ?? ''))).length;
  if (named * 2 < inst.length) return undefined;
  const amountCv = cv(inst.map((i) => i.amount));
  if (amountCv > c.maxAmountCv) return undefined;
  const lo = Math.min(...c.periods) - c.periodToleranceDays;
  const hi = 2 * Math.max(...c.periods) + c.periodToleranceDays;
  const intervals = intervalDays(inst);
  if (intervals.some((d) => d < lo || d > hi)) return undefined;
  const med = median(intervals);
  return fitOf(inst, Math.round(med), med, cv(intervals), amountCv);
}
