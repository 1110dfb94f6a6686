/**
 * Orders two strings by UTF-16 code units (`<`), the one locale-free order every sorted output of
 * tidewatch uses, so that results do not depend on the machine's locale.
 * @internal
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
