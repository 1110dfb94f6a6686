import type { CorridorFee } from '../../domain/fees.js';
import type { HotspotMatcher } from '../../domain/hotspots.js';
import { isCorridorCountry } from '../../domain/corridors.js';
import type { EntityWindow, RuleContext, WindowEvent } from '../types.js';
import { BILL_REF, RENT_REF, TRADE_REF, amountIn, counterpartyCountryOf, isWageLike, ownCountryOf } from '../_payments.js';

/** @internal One reported figure of a fee. */
export interface FeeValue {
  readonly fee: CorridorFee;
  readonly value: number;
}

/** @internal A fee an amount matches: q × value within the tolerance. */
export interface FeeMatch {
  readonly fee: CorridorFee;
  readonly value: number;
  readonly q: number;
  /** |amount − q·value| / (q·value), for ranking and facts only. */
  readonly deviation: number;
}

/** @internal The fee table of {@link feeMatch} compiled for matching: values per currency, tolerance in basis points. */
export interface CompiledFees {
  readonly byCurrency: ReadonlyMap<string, readonly FeeValue[]>;
  /** The currencies of `byCurrency` in its order, and each one's values (`values[i]` for `currencies[i]`): matched by index, no iterator per match. */
  readonly currencies: readonly string[];
  readonly values: readonly (readonly FeeValue[])[];
  readonly bp: number;
  readonly maxQ: number;
  readonly hotspots: HotspotMatcher;
}

/** @internal Compiles fees for matching: every reported value grouped by currency, the tolerance in basis points. */
export function compileFees(fees: readonly CorridorFee[], tolerance: number, maxQ: number, hotspots: HotspotMatcher): CompiledFees {
  const byCurrency = new Map<string, FeeValue[]>();
  for (const fee of fees) {
    for (const value of fee.amounts) {
      const list = byCurrency.get(fee.currency) ?? [];
      list.push({ fee, value });
      byCurrency.set(fee.currency, list);
    }
  }
  return { byCurrency, currencies: [...byCurrency.keys()], values: [...byCurrency.values()], bp: Math.round(tolerance * 10_000), maxQ, hotspots };
}

/**
 * The best match so far of the match in progress (a match runs synchronously to its end and calls
 * nothing that matches: one scratch serves every call). Kept as numbers rather than a
 * {@link FeeMatch} per improvement: a match is made for every inflow entering the rule's state.
 */
let bestValue: FeeValue | undefined;
let bestQ = 0;
let bestDeviation = 0;

/** Improves the best match with an amount (minor units of the fees' currency) against one currency's fees. */
function matchIn(amount: number, fees: readonly FeeValue[], c: CompiledFees): void {
  for (let i = 0; i < fees.length; i++) {
    const fv = fees[i] as FeeValue;
    const value = fv.value;
    const top = fv.fee.per === 'family' ? 1 : c.maxQ;
    const near = Math.floor(amount / value);
    for (let q = Math.max(1, near); q <= Math.min(top, near + 1); q++) {
      const target = q * value;
      if (amount > 2 * target) continue; // keeps the products below exact-integer limits
      const diff = Math.abs(amount - target);
      if (diff * 10_000 > c.bp * target) continue;
      const deviation = diff / target;
      if (bestValue === undefined || deviation < bestDeviation || (deviation === bestDeviation && q < bestQ)) {
        bestValue = fv;
        bestQ = q;
        bestDeviation = deviation;
      }
    }
  }
}

/** The match in progress as a {@link FeeMatch} (undefined without one), the scratch cleared. */
function takeBest(): FeeMatch | undefined {
  if (bestValue === undefined) return undefined;
  const best: FeeMatch = { fee: bestValue.fee, value: bestValue.value, q: bestQ, deviation: bestDeviation };
  bestValue = undefined;
  return best;
}

/** @internal The best fee match of an amount given per currency: `amountOf(currency)` is undefined when it cannot be expressed in it. */
export function matchAmount(amountOf: (currency: string) => number | undefined, c: CompiledFees): FeeMatch | undefined {
  bestValue = undefined;
  for (let i = 0; i < c.currencies.length; i++) {
    const a = amountOf(c.currencies[i] as string);
    if (a !== undefined && a > 0) matchIn(a, c.values[i] as readonly FeeValue[], c);
  }
  return takeBest();
}

/** @internal The best fee match of one payment, compared in each fee's currency. */
export function matchEvent(e: WindowEvent, context: RuleContext, c: CompiledFees): FeeMatch | undefined {
  return matchAmount((cur) => amountIn(e, cur, context), c);
}

/** @internal Payments that are not fees whatever their amount: payroll, trade, rent and bills. */
export function isExcludedPayment(e: WindowEvent, context: RuleContext): boolean {
  const ref = e.tx.reference ?? '';
  return TRADE_REF.test(ref) || RENT_REF.test(ref) || BILL_REF.test(ref) || isWageLike(e, context);
}

/** @internal Cash paid in at a known smuggling hotspot. */
export function isHotspotCash(e: WindowEvent, c: CompiledFees): boolean {
  return e.kind === 'cash_deposit' && c.hotspots.match(e.location, e.tx.locationCountry) !== undefined;
}

/** @internal A payment touching a corridor country on either side, or cash paid in at a corridor country or hotspot. */
export function touchesCorridor(window: EntityWindow, e: WindowEvent, context: RuleContext, c: CompiledFees): boolean {
  return (
    isCorridorCountry(ownCountryOf(window, e)) || isCorridorCountry(counterpartyCountryOf(e, context)) ||
    (e.kind === 'cash_deposit' && isCorridorCountry(e.tx.locationCountry)) || isHotspotCash(e, c)
  );
}
