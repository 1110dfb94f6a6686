import { MS_PER_DAY, civilFromDays } from '../_internal/civil.js';
import { zoneOffset } from '../_internal/zone.js';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * An instant as goAML's `sql_date` (`xs:dateTime` written without an offset, the FIU's wall
 * clock): `2024-10-01T10:20:43` for 03:20:43Z in Asia/Jakarta; milliseconds, when not zero, as `.123`.
 * @param ms - epoch milliseconds (UTC)
 * @param zone - IANA zone of the FIU profile
 * @category goAML
 * @example goamlDateTime(Date.UTC(2024, 9, 1, 3, 20, 43), 'Asia/Jakarta') // '2024-10-01T10:20:43'
 */
export function goamlDateTime(ms: number, zone: string): string {
  const wall = ms + zoneOffset(zone, ms);
  const days = Math.floor(wall / MS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  const msOfDay = wall - days * MS_PER_DAY;
  const seconds = Math.floor(msOfDay / 1000);
  const millis = msOfDay % 1000;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}${millis === 0 ? '' : `.${pad(millis, 3)}`}`;
}
