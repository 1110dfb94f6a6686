import { formatAmount } from './money.js';

/**
 * Money as an analyst reads it: currency code, thousands separators and the currency's ISO 4217
 * decimals, from integer minor units, exactly (no floating point). The form every alert sentence
 * uses, so a custom rule's reasons read like the shipped ones.
 * @param minor - the amount in minor units (`2500000` is MYR 25,000.00)
 * @param currency - ISO 4217 alphabetic code
 * @returns e.g. `"MYR 25,000.00"`, `"JPY 950,000"`, `"MYR -12.50"`
 * @category Money
 * @example formatMoney(2500000, 'MYR') // 'MYR 25,000.00'
 */
export function formatMoney(minor: number, currency: string): string {
  const text = formatAmount(minor, currency);
  const negative = text.startsWith('-');
  const [whole = '', fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${currency} ${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/**
 * A range of amounts in one currency: `"MYR 630.00–MYR 1,060.00"`, or the single value when both
 * ends are equal (`"MYR 900.00"`, never `"MYR 900.00–MYR 900.00"`).
 * @param low - the smaller amount in minor units
 * @param high - the larger amount in minor units
 * @param currency - ISO 4217 alphabetic code
 * @category Money
 * @example formatMoneyRange(63000, 106000, 'MYR') // 'MYR 630.00–MYR 1,060.00'
 */
export function formatMoneyRange(low: number, high: number, currency: string): string {
  return low === high ? formatMoney(low, currency) : `${formatMoney(low, currency)}–${formatMoney(high, currency)}`;
}
