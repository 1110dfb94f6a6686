import type { SeriesFit } from '../_series.js';
import type { Payer } from '../_payments.js';

/**
 * How far a cut-short series' instalment may sit from the collector's full series (MS-DEBT-01
 * collector variant): between half the smallest and twice the largest instalment seen in them.
 * Fees and their instalments vary by passenger and route (RESEARCH §a.2), so the band is wide and
 * as wide on both sides (issue 14: one collector's payers paid AUD 1,200, 2,150 and 2,470 a month);
 * it still keeps a pot paid in one sum out, and payroll credits are never candidates.
 */
export const SHORT_SERIES_BAND = { low: 0.5, high: 2 } as const;

/**
 * The accounts of a debt collector's payers whose series was cut short: two instalments one
 * period apart (a debt paid off, or one just begun; the newest two, when an earlier lone payment
 * does not make a full series with them) that meet every other test of the collector
 * variant (`candidates`: the qualified two-instalment fits, `undefined` where a payer failed),
 * with a median instalment inside the band of the collector's full series (`full`, at least one).
 * They are named beside the full series' payers; where the full series alone fall short of the
 * distinct payers that make the collector, those of newly arrived strangers count towards them
 * (see `collectorSide` in debt-collector.ts: a debt stops when it is paid). Sorted, unique.
 * @internal
 */
export function shortSeriesPayers(full: readonly SeriesFit[], candidates: readonly ({ readonly payer: Payer; readonly fit: SeriesFit } | undefined)[]): string[] {
  if (full.length === 0) return [];
  const low = Math.min(...full.map((f) => f.minAmount)) * SHORT_SERIES_BAND.low;
  const high = Math.max(...full.map((f) => f.maxAmount)) * SHORT_SERIES_BAND.high;
  const out = new Set<string>();
  for (const c of candidates) {
    if (c === undefined || c.payer.account === undefined) continue;
    const amounts = c.fit.instalments.map((i) => i.amount).sort((a, b) => a - b);
    const median = ((amounts[(amounts.length - 1) >> 1] as number) + (amounts[amounts.length >> 1] as number)) / 2;
    if (median >= low && median <= high) out.add(c.payer.account);
  }
  return [...out].sort();
}

/**
 * The accounts of a debt collector's payers who paid it only once or twice, not one period apart
 * (`candidates`: their instalments' amounts), with every instalment inside the band of the
 * collector's full series (`full`, at least one; {@link SHORT_SERIES_BAND}). The caller admits
 * only payers that meet the collector variant's other tests and whose accounts opened within
 * `startWithinDays` before their first payment — newly arrived, as the full series' payers: the
 * arrival and the instalment-sized sums to a collector already shown to collect from ≥ 3
 * unrelated arrivals are what name them (a debt just begun, or paid mostly in cash). Named beside
 * the full series' payers, never counted towards the distinct payers. Sorted, unique.
 * @internal
 */
export function strayPayers(full: readonly SeriesFit[], candidates: readonly { readonly account: string; readonly amounts: readonly number[] }[]): string[] {
  if (full.length === 0) return [];
  const low = Math.min(...full.map((f) => f.minAmount)) * SHORT_SERIES_BAND.low;
  const high = Math.max(...full.map((f) => f.maxAmount)) * SHORT_SERIES_BAND.high;
  const out = new Set<string>();
  for (const c of candidates) if (c.amounts.length > 0 && c.amounts.every((a) => a >= low && a <= high)) out.add(c.account);
  return [...out].sort();
}
