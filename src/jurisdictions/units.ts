import { weekdayOfDays, civilFromDays } from '../_internal/civil.js';
import { localDay as zoneDay, wallToInstant } from '../_internal/zone.js';
import { MS_PER_DAY } from '../_internal/civil.js';
import type { JurisdictionProfile } from './types.js';

/**
 * Local calendar day number of an instant in the profile's zone.
 * @category Jurisdictions
 * @example localDay(jurisdiction('MY'), Date.parse('2025-03-01T23:30:00+08:00')) === localDay(jurisdiction('MY'), Date.parse('2025-03-01T00:10:00+08:00')) // true
 */
export function localDay(profile: JurisdictionProfile, ts: number): number {
  return zoneDay(profile.timeZone, ts);
}

/**
 * Key of the regulatory aggregation unit containing the instant.
 * @category Jurisdictions
 * @example unitKey(jurisdiction('MY'), tx.timestamp) // the same number for every transaction of that unit
 */
export function unitKey(profile: JurisdictionProfile, ts: number): number {
  const day = localDay(profile, ts);
  switch (profile.aggregation) {
    case 'business_day': {
      const wd = weekdayOfDays(day);
      return wd === 6 ? day + 2 : wd === 0 ? day + 1 : day;
    }
    case 'calendar_month': {
      const c = civilFromDays(day);
      return c.year * 12 + c.month - 1;
    }
    default:
      return day;
  }
}

/**
 * The UTC bounds `[from, to)` of the calendar day containing an instant, in the profile's zone
 * (for explaining which regulatory unit a hit refers to).
 * @category Jurisdictions
 * @example const { from, to } = unitBounds(jurisdiction('MY'), Date.parse('2025-03-01T12:00:00+08:00')); // that local day in UTC
 */
export function unitBounds(profile: JurisdictionProfile, ts: number): { from: number; to: number } {
  const day = localDay(profile, ts);
  const from = wallToInstant(profile.timeZone, day * MS_PER_DAY);
  const to = wallToInstant(profile.timeZone, (day + 1) * MS_PER_DAY);
  return { from, to };
}
