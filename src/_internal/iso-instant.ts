/**
 * `new Date(ms).toISOString()`, about twice as fast: alerts write two instants per hit and two per
 * alert, and a monitor rebuilds an entity's alert after each change (the builtin allocates a Date and
 * formats the calendar date every time). The date part (`YYYY-MM-DDT`) of the last days seen is kept
 * as character codes in a small direct-mapped table; the time of day is computed. The string is made
 * in one piece (`String.fromCharCode`), flat, as the builtin's is (a concatenation would leave a
 * rope that JSON.stringify pays to flatten). Instants outside years 1970–9999 or not whole
 * milliseconds go to the builtin (which throws as before for an invalid time).
 */

const DAY_MS = 86_400_000;
/** Largest instant handled here (exclusive): 10000-01-01T00:00:00.000Z. */
const END_MS = 253_402_300_800_000;
/** Days kept in the table (a power of two). */
const SLOTS = 1024;
/** Characters of the date part, `YYYY-MM-DDT`. */
const DATE_CHARS = 11;
const days = new Float64Array(SLOTS).fill(Number.NaN);
const codes = new Uint16Array(SLOTS * DATE_CHARS);
const ZERO = 48;

/** The ISO 8601 form of an epoch-ms instant, exactly as `Date.prototype.toISOString` writes it. @internal */
export function isoInstant(ms: number): string {
  if (!(ms >= 0 && ms < END_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const d = Math.floor(ms / DAY_MS);
  const slot = d & (SLOTS - 1);
  const o = slot * DATE_CHARS;
  if (days[slot] !== d) {
    const date = new Date(d * DAY_MS).toISOString();
    for (let k = 0; k < DATE_CHARS; k++) codes[o + k] = date.charCodeAt(k);
    days[slot] = d;
  }
  let r = ms - d * DAY_MS;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  const f = r - s * 1000;
  return String.fromCharCode(
    codes[o] as number, codes[o + 1] as number, codes[o + 2] as number, codes[o + 3] as number, codes[o + 4] as number, codes[o + 5] as number,
    codes[o + 6] as number, codes[o + 7] as number, codes[o + 8] as number, codes[o + 9] as number, codes[o + 10] as number,
    ZERO + Math.floor(h / 10), ZERO + (h % 10), 58, ZERO + Math.floor(m / 10), ZERO + (m % 10), 58, ZERO + Math.floor(s / 10), ZERO + (s % 10), 46,
    ZERO + Math.floor(f / 100), ZERO + (Math.floor(f / 10) % 10), ZERO + (f % 10), 90,
  );
}
