/**
 * The ISO 8601 week (UTC) of an instant, as `YYYY-Www`: weeks start on Monday, and week 1 is the
 * one holding the year's first Thursday (so 2024-12-30 is in 2025-W01).
 * @param ms epoch milliseconds
 * @returns the week label
 * @category Sharing
 * @example isoWeek(Date.parse('2024-12-30T00:00:00Z')) // '2025-W01'
 */
export function isoWeek(ms: number): string {
  const day = Math.floor(ms / 86_400_000);
  const weekday = (((day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday)
  const thursday = day - weekday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / 86_400_000);
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
