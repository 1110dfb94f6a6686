/**
 * Makes a string built by concatenation one flat string before something keeps it for long. V8
 * holds `a + b`, template literals and JSON.stringify's larger results as a tree of partial strings
 * (a cons string: 32 bytes a node besides the text) until something reads a character; reading one
 * flattens it in place. The text is unchanged. Internal.
 */
export function flat(s: string): string {
  sink ^= s.charCodeAt(0) | 0;
  return s;
}

/** Where {@link flat} puts the character it reads (so that the read is not optimised away). */
let sink = 0;
