/**
 * Text clean-up for goAML values: characters XML 1.0 cannot carry, printable-ASCII schemas (Sri
 * Lanka), letters-only name patterns. Escaping of `< & > " '` is the XML builder's job.
 */

/** Characters XML 1.0 forbids (C0 controls other than tab, LF, CR; lone surrogates; U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces characters that XML 1.0 cannot carry with U+FFFD, so a hostile value never breaks the document. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '\uFFFD');
}

const PUNCTUATION: Readonly<Record<string, string>> = {
  '\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"',
  '\u2026': '...', '\u2264': '<=', '\u2265': '>=', '\u00D7': 'x', '\u00B7': '.', '\u00A0': ' ', '\u2009': ' ', '\u202F': ' ',
};

/** Printable ASCII plus tab/LF/CR: diacritics dropped, common punctuation spelled out, anything else `?`. */
export function asciiText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/g, '')
    .replace(/[^\t\n\r -~]/g, (c) => PUNCTUATION[c] ?? '?');
}

/** A name reduced to ASCII letters and single spaces (the Sri Lankan name pattern), or '' when nothing is left. */
export function lettersOnly(text: string): string {
  return asciiText(text).replace(/[^A-Za-z ]/g, '').replace(/ +/g, ' ').trim();
}

/** Cuts text to `max` characters (code points), ending with `...` when cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 3).join('')}...`;
}
