import { MS_PER_DAY } from './civil.js';

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
/** The most recent answer of {@link zoneOffset} (a one-entry memo in front of the caches). */
const last: { zone: string; bucket: number; offset: number } = { zone: '', bucket: Number.NaN, offset: 0 };

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Whether the runtime knows an IANA time zone name. */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function computeOffset(zone: string, utcMs: number): number {
  const parts = formatter(zone).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * Offset of `zone` from UTC in ms at an instant. Zone offsets change only on whole or half
 * hours in modern data, so the answer is cached per zone and UTC quarter-hour.
 */
export function zoneOffset(zone: string, utcMs: number): number {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
  const bucket = Math.floor(utcMs / (HOUR / 4));
  // Consecutive calls (the engine asks for the day and the aggregation unit of each transaction, in
  // time order) mostly hit the same quarter-hour: answer those without the two map lookups.
  if (bucket === last.bucket && zone === last.zone) return last.offset;
  let cache = offsetCache.get(zone);
  if (cache === undefined) {
    cache = new Map();
    offsetCache.set(zone, cache);
  }
  let offset = cache.get(bucket);
  if (offset === undefined) {
    if (cache.size > 200_000) cache.clear();
    offset = computeOffset(zone, bucket * (HOUR / 4));
    cache.set(bucket, offset);
  }
  last.zone = zone;
  last.bucket = bucket;
  last.offset = offset;
  return offset;
}

/** The instant at which the wall-clock time `wallMs` (as if UTC) occurs in `zone`; in a DST gap or overlap the earlier offset wins. */
export function wallToInstant(zone: string, wallMs: number): number {
  const first = wallMs - zoneOffset(zone, wallMs);
  const second = wallMs - zoneOffset(zone, first);
  return Math.min(first, second);
}

/** Local calendar day number (days since 1970-01-01) of an instant in `zone`. */
export function localDay(zone: string, utcMs: number): number {
  return Math.floor((utcMs + zoneOffset(zone, utcMs)) / MS_PER_DAY);
}
