import { MS_PER_DAY, daysFromCivil, daysInMonth } from '../_internal/civil.js';
import { wallToInstant } from '../_internal/zone.js';

/** Stable codes for a timestamp that cannot be accepted. */
export type TimestampIssueCode = 'required' | 'invalid_timestamp' | 'naive_timestamp';

/** Result of {@link parseInstant}: epoch milliseconds (UTC), or a coded reason. */
export type InstantResult =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly code: TimestampIssueCode; readonly message: string };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Parses an ISO 8601 instant (`2025-03-01T09:30:00+08:00`, `…Z`) into epoch milliseconds.
 * Impossible dates (Feb 30, 24:00, a 61st second) are rejected. A time without `Z` or an offset
 * is rejected as naive unless `defaultZone` (an IANA zone) says where it was recorded; a bare
 * date is then read as local midnight. Sub-millisecond digits are truncated.
 *
 * @category Time
 * @example parseInstant('2025-03-01T09:30:00+08:00') // { ok: true, ms: 1740792600000 }
 */
export function parseInstant(text: string, defaultZone?: string): InstantResult {
  const fast = fastInstant(text);
  if (fast !== undefined) return { ok: true, ms: fast };
  const value = text.trim();
  if (value === '') return { ok: false, code: 'required', message: 'timestamp is required' };
  const m = ISO.exec(value);
  if (m === null) return invalid(value, 'expected ISO 8601 like 2025-03-01T09:30:00Z');
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return invalid(value, 'no such date');
  if (hour > 23 || minute > 59 || second > 59) return invalid(value, 'no such time of day');
  const wall = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  const zone = m[8];
  if (zone === undefined) {
    if (defaultZone === undefined) {
      return {
        ok: false,
        code: 'naive_timestamp',
        message: `timestamp "${value}" has no Z or offset; name the zone it was recorded in`,
      };
    }
    return { ok: true, ms: wallToInstant(defaultZone, wall) };
  }
  if (zone === 'Z' || zone === 'z') return { ok: true, ms: wall };
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const oh = Number(digits.slice(0, 2));
  const om = Number(digits.slice(2) || '0');
  if (oh > 14 || om > 59) return invalid(value, 'offset out of range');
  return { ok: true, ms: wall - sign * (oh * 60 + om) * 60_000 };
}

/**
 * Formats epoch milliseconds as an ISO 8601 UTC instant (`2025-03-01T01:30:00.000Z`).
 * @category Time
 * @example formatInstant(1740792600000) // '2025-03-01T01:30:00.000Z'
 */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}

function invalid(value: string, why: string): InstantResult {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return { ok: false, code: 'invalid_timestamp', message: `timestamp "${shown}": ${why}` };
}

/** Two ASCII digits at `i`, or -1. */
function two(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * Allocation-free parse of the two commonest exact forms, `YYYY-MM-DDTHH:MM:SSZ` and
 * `YYYY-MM-DDTHH:MM:SS±HH:MM`; anything else (or anything invalid) returns undefined and takes
 * the general path, which gives the same answer for these forms.
 */
function fastInstant(text: string): number | undefined {
  const n = text.length;
  if (n !== 20 && n !== 25) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const y1 = two(text, 0);
  const y2 = two(text, 2);
  const month = two(text, 5);
  const day = two(text, 8);
  const hour = two(text, 11);
  const minute = two(text, 14);
  const second = two(text, 17);
  if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined;
  const year = y1 * 100 + y2;
  if (day > daysInMonth(year, month)) return undefined;
  let offset = 0;
  if (n === 20) {
    if (text.charCodeAt(19) !== 90) return undefined;
  } else {
    const sign = text.charCodeAt(19);
    const oh = two(text, 20);
    const om = two(text, 23);
    if ((sign !== 43 && sign !== 45) || text.charCodeAt(22) !== 58 || oh < 0 || oh > 14 || om < 0 || om > 59) return undefined;
    offset = (sign === 45 ? -1 : 1) * (oh * 60 + om) * 60_000;
  }
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 - offset;
}
