/**
 * Normalisation of identifiers before keyed hashing (`tidewatch/normalise@1`): two institutions
 * that write the same account, document, phone or name differently must produce the same hash.
 * Changing any of these functions changes every hash: bump the version in the package then.
 */

/** The normalisation version recorded in shared-alert packages. @category Sharing */
export const NORMALISATION_VERSION = 'tidewatch/normalise@1';

/** Identifier kinds that are hashed. `name` is weak: it corroborates, it never links alone. @category Sharing */
export type IdentifierKind = 'account' | 'document' | 'phone' | 'name';

/**
 * Country calling codes of the Bali Process region and the corridors (RESEARCH §a.5), for phone
 * numbers written in national form (leading trunk 0). Numbers of other countries must be written
 * in international form to match.
 */
const CALLING_CODES: Readonly<Record<string, string>> = {
  AF: '93', AU: '61', BD: '880', BN: '673', CA: '1', CN: '86', ID: '62', IN: '91', IQ: '964', IR: '98', KH: '855', LA: '856',
  LK: '94', MM: '95', MY: '60', NP: '977', NZ: '64', PH: '63', PK: '92', SG: '65', TH: '66', TL: '670', US: '1', VN: '84',
};

/**
 * An account number: letters upper-cased, everything but letters and digits dropped
 * (`"mY-0113 938"` → `"MY0113938"`, IBAN spacing removed).
 * @category Sharing
 * @example normaliseAccount('my-0113 938') // 'MY0113938'
 */
export function normaliseAccount(value: string): string {
  return value.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * An identity document number: as an account number (`"ID K1968520"` → `"IDK1968520"`).
 * @category Sharing
 * @example normaliseDocument('id k-1968520') // 'IDK1968520'
 */
export function normaliseDocument(value: string): string {
  return normaliseAccount(value);
}

/**
 * A phone number as its international digits: `+` or `00` prefixes dropped, spaces, dashes,
 * dots and brackets dropped; a national number (leading 0) gets the calling code of `country`
 * when known (`"017-544 2897"`, MY → `"60175442897"`). Undefined when fewer than 6 digits remain.
 * @param value the number as written
 * @param country ISO 3166-1 alpha-2 of the holder, for national numbers
 * @category Sharing
 * @example normalisePhone('+60 17-544 2897') // '60175442897'
 */
export function normalisePhone(value: string, country?: string): string | undefined {
  const trimmed = value.normalize('NFKC').trim();
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    // already international
  } else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) {
    const code = country === undefined ? undefined : CALLING_CODES[country.toUpperCase()];
    if (code !== undefined) digits = code + digits.slice(1);
  }
  return digits.length >= 6 ? digits : undefined;
}

/**
 * A person's or organisation's name: compatibility-normalised, diacritics removed, lower-cased,
 * punctuation read as a space, tokens sorted (name order differs between cultures and forms:
 * `"LUBIS, Supriyadi"` and `"Supriyadi  Lubis"` → `"lubis supriyadi"`). Undefined when empty.
 * @category Sharing
 * @example normaliseName('LUBIS, Supriyadi') // 'lubis supriyadi'
 */
export function normaliseName(value: string): string | undefined {
  const tokens = value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '')
    .sort();
  return tokens.length === 0 ? undefined : tokens.join(' ');
}
