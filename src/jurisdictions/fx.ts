import * as z from 'zod';
import { ConfigError, parseOptions } from '../_internal/config-error.js';
import { MS_PER_DAY, daysFromCivil } from '../_internal/civil.js';
import { canonicalJson, stableHash } from '../_internal/hash.js';
import { currencyExponent } from '../schema/currencies.js';
import { lowerBound } from '../_internal/lower-bound.js';

/** One rate: 1 unit of `from` = `rate` units of `to`, valid from `date` (UTC). @category Jurisdictions */
export interface FxRate {
  readonly from: string;
  readonly to: string;
  /** ISO date YYYY-MM-DD. */
  readonly date: string;
  /** Exact positive decimal string, e.g. "4.4725". */
  readonly rate: string;
}

/** An exact FX converter built by {@link createFxTable}. @category Jurisdictions */
export interface FxTable {
  /**
   * Converts integer minor units of `from` into minor units of `to` with the latest rate dated on
   * or before the transaction's UTC date and no older than `maxAgeDays`; rounds half to even;
   * `undefined` when no usable rate exists (the engine reports such transactions, never guesses).
   */
  convert(amountMinor: number, from: string, to: string, ts: number): number | undefined;
  /** Hash of the rates and options: checkpoints record it, so a monitor never resumes under other rates. */
  readonly fingerprint: string;
}

const code = z.string().refine((c) => currencyExponent(c) !== undefined, 'not an active ISO 4217 code');
const rateSchema = z.object({ from: code, to: code, date: z.iso.date(), rate: z.string().regex(/^\d+(\.\d+)?$/, 'a plain positive decimal') });

/**
 * Builds an exact FX table. Rates are kept as exact rationals (BigInt numerator and denominator);
 * conversion is integer arithmetic, never floating point. Inverse pairs are derived exactly.
 * @category Jurisdictions
 * @example createFxTable([{ from: 'USD', to: 'MYR', date: '2025-03-01', rate: '4.4725' }]).convert(100_00, 'USD', 'MYR', Date.UTC(2025, 2, 3)) // 447_25
 */
export function createFxTable(rates: readonly FxRate[], options: { maxAgeDays?: number } = {}): FxTable {
  const list = parseOptions(z.array(rateSchema), rates, 'fx', 'invalid_fx');
  const maxAge = options.maxAgeDays ?? 7;
  const byPair = new Map<string, { day: number; num: bigint; den: bigint }[]>();
  for (const r of list) {
    const [whole, frac = ''] = r.rate.split('.');
    const num = BigInt(`${whole}${frac}`);
    if (num === 0n) throw new ConfigError('invalid_fx', `fx: rate ${r.from}→${r.to} on ${r.date} is zero`);
    const den = 10n ** BigInt(frac.length);
    const [y, m, d] = r.date.split('-').map(Number) as [number, number, number];
    const day = daysFromCivil(y, m, d);
    const add = (key: string, n: bigint, dd: bigint): void => {
      const entries = byPair.get(key) ?? [];
      entries.push({ day, num: n, den: dd });
      byPair.set(key, entries);
    };
    add(`${r.from}>${r.to}`, num, den);
    add(`${r.to}>${r.from}~`, den, num);
  }
  for (const entries of byPair.values()) entries.sort((a, b) => a.day - b.day);
  const find = (key: string, day: number) => {
    const entries = byPair.get(key);
    if (entries === undefined) return undefined;
    const lo = lowerBound(0, entries.length, (i) => (entries[i] as { day: number }).day <= day);
    const hit = entries[lo - 1];
    return hit !== undefined && day - hit.day <= maxAge ? hit : undefined;
  };
  return {
    fingerprint: stableHash(canonicalJson({ rates: list, maxAgeDays: maxAge })),
    convert(amountMinor, from, to, ts) {
      if (from === to) return amountMinor;
      const ef = currencyExponent(from);
      const et = currencyExponent(to);
      if (ef === undefined || et === undefined) return undefined;
      const day = Math.floor(ts / MS_PER_DAY);
      const rate = find(`${from}>${to}`, day) ?? find(`${from}>${to}~`, day);
      if (rate === undefined) return undefined;
      const numerator = BigInt(amountMinor) * rate.num * 10n ** BigInt(et);
      const denominator = rate.den * 10n ** BigInt(ef);
      const result = divideHalfEven(numerator, denominator);
      return result > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(result);
    },
  };
}

/** Integer division of non-negative BigInts, rounding half to even. */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = r * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) return q + 1n;
  return q;
}

/**
 * Parses FX CSV text with the header `from,to,date,rate` (no I/O here; read the file yourself).
 * @category Jurisdictions
 * @example parseFxCsv('from,to,date,rate\nUSD,MYR,2025-03-01,4.4725\n')
 */
export function parseFxCsv(text: string): FxRate[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split(',').map((h) => h.trim().toLowerCase());
  const at = (name: string): number => {
    const i = header.indexOf(name);
    if (i === -1) throw new ConfigError('invalid_fx', `fx: the header needs a "${name}" column (from,to,date,rate)`);
    return i;
  };
  const [f, t, d, r] = [at('from'), at('to'), at('date'), at('rate')];
  return lines.map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    return { from: cells[f] ?? '', to: cells[t] ?? '', date: cells[d] ?? '', rate: cells[r] ?? '' };
  });
}
