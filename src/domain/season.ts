import { civilFromDays } from '../_internal/civil.js';

/**
 * Sailing seasons of RESEARCH §a.4 (MS-SEAS-01): when boat departures on a corridor rise. Dates
 * are local calendar month-days; a range may wrap over the new year (1 Sep – 31 May).
 * @category Domain
 */

/**
 * An inclusive range of month-days, `'MM-DD'`; `from` later than `to` wraps over the new year.
 * 29 February falls in any range that contains both 28 February and 1 March.
 * @category Domain
 * @example const peak: MonthDayRange = { from: '10-01', to: '03-31' };
 */
export interface MonthDayRange {
  readonly from: string;
  readonly to: string;
}

/**
 * A corridor's season calendar: the countries whose transfers it applies to, the season and the
 * peak within it (each a list of ranges).
 * @category Domain
 * @example const s: SailingSeason = { corridor: 'andaman', countries: ['MM', 'BD'], season: [{ from: '09-01', to: '05-31' }], peak: [{ from: '10-01', to: '03-31' }] };
 */
export interface SailingSeason {
  /** Stable snake_case name of the corridor. */
  readonly corridor: string;
  /** ISO 3166-1 alpha-2 codes: a cross-border transfer with a counterparty here is a corridor transaction. */
  readonly countries: readonly string[];
  readonly season: readonly MonthDayRange[];
  readonly peak: readonly MonthDayRange[];
}

/** Where a day falls in a season calendar. @category Domain */
export type SeasonPhase = 'peak' | 'season' | 'off';

/**
 * The proposed default of RESEARCH §a.4 for the Bay of Bengal / Andaman Sea routes (UNHCR S15,
 * Bali Process RSO S16): season 1 Sep – 31 May, peak 1 Oct – 31 Mar, off-season June – August.
 * Seasons for the Australia and Sri Lanka routes were not established (a research gap), so they
 * have no default calendar.
 * @category Domain
 * @example seasonPhase(daysFromCivil(2025, 11, 20), DEFAULT_SAILING_SEASONS[0]!) // 'peak'
 */
export const DEFAULT_SAILING_SEASONS: readonly SailingSeason[] = [
  {
    corridor: 'bay_of_bengal_andaman',
    countries: ['MM', 'BD', 'TH', 'MY', 'ID'],
    season: [{ from: '09-01', to: '05-31' }],
    peak: [{ from: '10-01', to: '03-31' }],
  },
];

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Parses `'MM-DD'` into `month * 100 + day` (e.g. 1001), or `undefined` when it is not a real
 * month-day (29 February is accepted).
 * @category Domain
 * @example monthDayKey('09-01') // 901
 */
export function monthDayKey(text: string): number | undefined {
  const m = MONTH_DAY.exec(text);
  if (m === null) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const last = month === 2 ? 29 : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day <= last ? month * 100 + day : undefined;
}

/** Whether `key` (month * 100 + day) lies in the range, wrapping over the new year when from > to. */
function inRange(key: number, range: MonthDayRange): boolean {
  const from = monthDayKey(range.from);
  const to = monthDayKey(range.to);
  if (from === undefined || to === undefined) return false;
  return from <= to ? key >= from && key <= to : key >= from || key <= to;
}

/**
 * Where a local calendar day (days since 1970-01-01, as `WindowEvent.day`) falls in a season
 * calendar. The peak counts only inside the season.
 * @category Domain
 * @example seasonPhase(daysFromCivil(2025, 7, 1), DEFAULT_SAILING_SEASONS[0]!) // 'off'
 */
export function seasonPhase(day: number, season: SailingSeason): SeasonPhase {
  const { month, day: dom } = civilFromDays(day);
  const key = month * 100 + dom;
  if (!season.season.some((r) => inRange(key, r))) return 'off';
  return season.peak.some((r) => inRange(key, r)) ? 'peak' : 'season';
}
