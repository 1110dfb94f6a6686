import { currencyExponent } from '../schema/currencies.js';
import { formatMoney } from '../schema/format-money.js';

/**
 * An amount in minor units as the report prints it: currency, thousands separators and the
 * currency's decimals (`MYR 12,345.60`). Exact: no floating point.
 * @example money(1234560, 'MYR') // 'MYR 12,345.60'
 */
export function money(minor: number, currency: string): string {
  return formatMoney(minor, currency);
}

/**
 * Short money for tight labels: `MYR 12.3k`, `MYR 1.2M`; exact below 10,000 major units.
 * @example shortMoney(1234560, 'MYR') // 'MYR 12.3k'
 */
export function shortMoney(minor: number, currency: string): string {
  const major = minor / 10 ** (currencyExponent(currency) ?? 2); // display only: exact figures are in titles and tables
  if (Math.abs(major) < 10_000) return money(minor, currency).replace(/\.\d+$/, '');
  if (Math.abs(major) < 1_000_000) return `${currency} ${(major / 1000).toFixed(1)}k`;
  return `${currency} ${(major / 1_000_000).toFixed(1)}M`;
}

/**
 * An instant (epoch ms or ISO string) as `2024-10-03 22:22 UTC`; the report prints every time in UTC.
 * @example utc(0) // '1970-01-01 00:00 UTC'
 */
export function utc(instant: number | string): string {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (!Number.isFinite(ms)) return String(instant);
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * Cuts a label to `max` characters with an ellipsis (the full text goes in a `<title>`).
 * @example clip('Persatuan Kebajikan Harapan Pelarian', 20) // 'Persatuan Kebajikan…'
 */
export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
