const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML and SVG element content and for quoted attribute values: every value
 * from the data (names, ids, references, facts) passes through here before it reaches the page.
 * @example esc('"><img onerror=x>') // '&quot;&gt;&lt;img onerror=x&gt;'
 */
export function esc(text: string | number | boolean): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}
