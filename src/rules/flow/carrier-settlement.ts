import type { EntityWindow, WindowEvent } from '../types.js';

/**
 * A carrier or its clearing house as the payee of a transfer: an airline by name ("… Airlines",
 * "… Airways", "AirAsia", "Batik Air") or the IATA Billing and Settlement Plan (payee or reference
 * naming BSP or IATA), through which accredited travel agents settle the tickets they sold.
 */
export const CARRIER_NAME = /\b(airlines?|airways|air ?asia|batik air|iata)\b/i;
const SETTLEMENT_REF = /\b(bsp|iata)\b/i;

/** Settlements on this many different days make a ticketing agent (one payment to an airline is a purchase). */
const MIN_SETTLEMENT_DAYS = 2;

/** Whether a transfer out pays a carrier or the airlines' settlement plan. */
export function paysCarrier(e: WindowEvent): boolean {
  return e.direction === 'out' && e.kind === 'transfer' && (CARRIER_NAME.test(e.counterpartyName ?? '') || SETTLEMENT_REF.test(e.tx.reference ?? ''));
}

/**
 * Discount for a business account that settles with airlines: transfers to carriers or the IATA
 * BSP on ≥ 2 different days in the window. A travel agent collects ticket money from many
 * first-time customers, some paying in cash or in sums like a smuggling fee, and pays it on in
 * large round-week settlements — funnel, pass-through, fan-out, fee and threshold patterns that
 * its trade explains (issue 14: the travel-agency look-alike). A smuggler buying tickets for the
 * people it moves (MS-TRAV-01) pays an agent, not the airlines' settlement plan, and is rarely a
 * business account; personal accounts never get the discount. × 0.3, reason `carrier_settlement`.
 * Reads the window newest first and stops at the second settlement day.
 * @example const carrier = carrierSettlement(window); if (carrier !== undefined) { factor *= carrier.factor; discounts.push(carrier.why); }
 */
export function carrierSettlement(window: EntityWindow): { factor: number; why: string } | undefined {
  if (window.account?.type !== 'business') return undefined;
  const days = new Set<number>();
  for (let i = window.events.length - 1; i >= window.start; i--) {
    const e = window.events[i] as WindowEvent;
    if (!paysCarrier(e)) continue;
    days.add(Math.floor(e.ts / 86_400_000));
    if (days.size >= MIN_SETTLEMENT_DAYS) return { factor: 0.3, why: 'carrier_settlement' };
  }
  return undefined;
}
