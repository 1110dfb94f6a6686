import * as z from 'zod';
import { ConfigError, parseOptions } from '../_internal/config-error.js';
import { isTimeZone } from '../_internal/zone.js';
import { currencyExponent } from '../schema/currencies.js';
import { parseAmount } from '../schema/money.js';
import { PROFILES } from './profiles.js';
import type { JurisdictionProfile } from './types.js';

/**
 * Codes of the shipped jurisdiction profiles.
 * @category Jurisdictions
 * @example jurisdictionCodes() // ['AU', 'BD', …]
 */
export function jurisdictionCodes(): string[] {
  return PROFILES.map((p) => p.code).sort();
}

/**
 * A shipped jurisdiction profile by ISO code (case-insensitive); throws ConfigError listing the known codes.
 * @category Jurisdictions
 * @example jurisdiction('MY').cashThreshold // 2_500_000 (RM 25,000.00 in sen)
 */
export function jurisdiction(code: string): JurisdictionProfile {
  const found = PROFILES.find((p) => p.code === code.toUpperCase());
  if (found === undefined) {
    throw new ConfigError('unknown_jurisdiction', `unknown jurisdiction "${code}"; shipped: ${jurisdictionCodes().join(', ')}`);
  }
  return found;
}

const money = z.union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string()]);

/**
 * Schema for a custom profile. Amounts may be integer minor units or exact decimal strings in
 * major units (`"25000.00"`), converted with the currency's exponent.
 * @category Jurisdictions
 */
export const jurisdictionProfileSchema = z
  .object({
    code: z.string().min(2).max(16),
    name: z.string().min(1),
    currency: z.string().refine((c) => currencyExponent(c) !== undefined, 'not an active ISO 4217 code'),
    cashThreshold: money,
    flowReference: money.optional(),
    thresholdInclusive: z.boolean().default(true),
    aggregation: z.enum(['per_transaction', 'business_day', 'calendar_day', 'rolling_24h', 'static_24h', 'calendar_month']),
    timeZone: z.string().refine(isTimeZone, 'not an IANA time zone known to this runtime'),
    transferThresholds: z
      .array(z.object({
        scope: z.enum(['international', 'domestic', 'cash_funded_international', 'any']),
        amount: money,
        currency: z.string().refine((c) => currencyExponent(c) !== undefined, 'not an active ISO 4217 code').optional(),
        inclusive: z.boolean().default(true),
        name: z.string().min(1),
      }))
      .default([]),
    effectiveFrom: z.iso.date(),
    source: z.string().min(1),
    unverified: z.boolean().default(true),
    notes: z.string().optional(),
  })
  .strict();
/** @category Jurisdictions */
export type JurisdictionProfileInput = z.input<typeof jurisdictionProfileSchema>;

/**
 * Validates a custom jurisdiction profile (messages name the bad key) and converts decimal amounts exactly.
 * @category Jurisdictions
 * @example defineJurisdiction({ code: 'XX', name: 'Test', currency: 'MYR', cashThreshold: '25000.00', aggregation: 'calendar_day', timeZone: 'Asia/Kuala_Lumpur', effectiveFrom: '2025-01-01', source: 'internal policy' })
 */
export function defineJurisdiction(input: JurisdictionProfileInput): JurisdictionProfile {
  const p = parseOptions(jurisdictionProfileSchema, input, `jurisdiction ${String(input?.code ?? '')}`.trim(), 'invalid_config');
  const minor = (value: number | string, currency: string, key: string): number => {
    if (typeof value === 'number') return value;
    const r = parseAmount(value, currency);
    if (!r.ok) throw new ConfigError('invalid_config', `jurisdiction ${p.code}: ${key}: ${r.message}`);
    return r.minor;
  };
  const profile: { -readonly [K in keyof JurisdictionProfile]: JurisdictionProfile[K] } = {
    code: p.code,
    name: p.name,
    currency: p.currency,
    cashThreshold: minor(p.cashThreshold, p.currency, 'cashThreshold'),
    thresholdInclusive: p.thresholdInclusive,
    aggregation: p.aggregation,
    timeZone: p.timeZone,
    transferThresholds: p.transferThresholds.map((t, i) => ({
      scope: t.scope,
      amount: minor(t.amount, t.currency ?? p.currency, `transferThresholds.${i}.amount`),
      ...(t.currency === undefined ? {} : { currency: t.currency }),
      inclusive: t.inclusive,
      name: t.name,
    })),
    effectiveFrom: p.effectiveFrom,
    source: p.source,
    unverified: p.unverified,
  };
  if (p.flowReference !== undefined) profile.flowReference = minor(p.flowReference, p.currency, 'flowReference');
  if (p.notes !== undefined) profile.notes = p.notes;
  return profile;
}

export { localDay, unitKey, unitBounds } from './units.js';
export { createFxTable, parseFxCsv, type FxRate, type FxTable } from './fx.js';
