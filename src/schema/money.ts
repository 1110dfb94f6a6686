import { currencyExponent } from './currencies.js';

/** Stable codes for an amount that cannot be accepted. */
export type AmountIssueCode =
  | 'required'
  | 'unknown_currency'
  | 'invalid_amount'
  | 'amount_precision'
  | 'amount_not_positive'
  | 'amount_too_large';

/** Result of {@link parseAmount}: integer minor units, or a coded reason. */
export type AmountResult =
  | { readonly ok: true; readonly minor: number }
  | { readonly ok: false; readonly code: AmountIssueCode; readonly message: string };

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a positive decimal string in major units exactly into integer minor units, using the
 * currency's ISO 4217 exponent. No floating point is involved: `"9500.10"` USD is `950010`.
 * Rejects signs, exponents, thousands separators, more decimals than the currency has, zero,
 * and values beyond `Number.MAX_SAFE_INTEGER` minor units.
 *
 * @param text - the amount as written, e.g. `"9500.00"`; surrounding blanks are ignored
 * @param currency - ISO 4217 alphabetic code
 * @returns `{ ok: true, minor }` or `{ ok: false, code, message }`
 * @category Money
 * @example parseAmount('9500.10', 'USD') // { ok: true, minor: 950010 }
 */
export function parseAmount(text: string, currency: string): AmountResult {
  const exponent = currencyExponent(currency);
  if (exponent === undefined) {
    return { ok: false, code: 'unknown_currency', message: `"${clip(currency)}" is not an active ISO 4217 currency code` };
  }
  const value = text.trim();
  if (value === '') return { ok: false, code: 'required', message: 'amount is required' };
  const m = DECIMAL.exec(value);
  if (m === null) {
    const negative = /^-\d/.test(value);
    return negative
      ? { ok: false, code: 'amount_not_positive', message: `amount must be positive, got "${clip(value)}"` }
      : { ok: false, code: 'invalid_amount', message: `amount must be a plain decimal like 9500.00, got "${clip(value)}"` };
  }
  const whole = m[1] as string;
  const fraction = m[2] ?? '';
  if (fraction.length > exponent) {
    return {
      ok: false,
      code: 'amount_precision',
      message: `${currency} has ${exponent} decimal place${exponent === 1 ? '' : 's'}, got "${clip(value)}"`,
    };
  }
  const digits = (whole + fraction.padEnd(exponent, '0')).replace(/^0+/, '');
  if (digits === '') return { ok: false, code: 'amount_not_positive', message: 'amount must be positive, got zero' };
  const minor = digits.length <= 16 ? Number(digits) : Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(minor)) {
    return { ok: false, code: 'amount_too_large', message: `amount "${clip(value)}" exceeds the largest exact amount` };
  }
  return { ok: true, minor };
}

/**
 * Formats integer minor units as a decimal string in major units, exactly.
 * @category Money
 * @example formatAmount(950010, 'USD') // "9500.10"
 */
export function formatAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency) ?? 2;
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const text = exponent === 0 ? whole : `${whole}.${digits.slice(digits.length - exponent)}`;
  return negative ? `-${text}` : text;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
