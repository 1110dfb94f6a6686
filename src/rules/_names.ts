/**
 * Personal names as family evidence, across the naming customs of the Bali Process region.
 * Internal to the identity index and the debt / third-party rules; not exported from the package.
 *
 * What a name can and cannot say:
 * - Malay and Indian-Malaysian names are patronymic (`Ahmad bin Ismail`, `Kavitha a/p Murugan`):
 *   siblings share the father's name, and a child's patronym is the father's given name.
 * - Chinese, Vietnamese and Khmer names put the surname first (`Tan Wei Ming`, `Nguyen Van An`).
 * - Burmese and Rohingya names carry no family name; most Javanese names carry none either, so
 *   for Myanmar nationals no family name is read, and for Indonesians it is weak evidence.
 * - Many Bangladeshi names have no inherited surname (`Md Rakib`), women's names often end in a
 *   female element (`Begum`, `Akter`, `Khatun`) that is not a family name, and some surnames
 *   (`Islam`, `Hossain`, `Rahman`, `Tan`, `Nguyen`) are shared by very many unrelated people —
 *   these count only as weak ("common") evidence.
 * - Cross-border messages upper-case names and cut them at 35 characters: a last token of a
 *   35-character name is compared by prefix.
 */

/** A name read for family evidence. */
export interface ParsedName {
  /** Normalized tokens (titles removed). */
  readonly tokens: readonly string[];
  /** The first given-name token that is not a religious or honorific prefix. */
  readonly given: string | undefined;
  /** Inherited family name, if the name carries one. */
  readonly family: string | undefined;
  /** The family name is shared by many unrelated people, or the custom makes it unreliable. */
  readonly familyCommon: boolean;
  /** Father's name in a patronymic name (`bin`, `binti`, `a/l`, `a/p`, `s/o`, `d/o`, `anak`). */
  readonly patronym: string | undefined;
  readonly patronymCommon: boolean;
  /** The last token may have been cut (names of 35 characters from cross-border messages). */
  readonly truncated: boolean;
}

const PATRONYMIC = new Set(['bin', 'binti', 'bte', 'binte', 'bt', 'bn', 'ibn', 'bint', 'a_l', 'a_p', 's_o', 'd_o', 'anak', 'ak']);
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mdm', 'madam', 'dr', 'prof', 'haji', 'hj', 'hajah', 'hajjah', 'hjh', 'datuk', 'dato', 'datin', 'tun',
  'encik', 'en', 'puan', 'pn', 'cik', 'tuan', 'late', 'alm', 'almarhum', 'almarhumah',
]);
/** Religious and honorific given-name prefixes; never a family name on their own. */
const PREFIXES = new Set([
  'md', 'mohd', 'muhd', 'mohammad', 'mohammed', 'muhammad', 'mohamad', 'mohamed', 'muhamad', 'mohamud', 'mahmud',
  'abdul', 'abd', 'abdur', 'abdus', 'abu', 'nur', 'noor', 'nurul', 'siti', 'syed', 'sayed', 'sayyid', 'sk', 'sheikh', 'shaikh',
  'wan', 'nik', 'megat', 'tengku', 'teuku', 'ku', 'che', 'cut', 'raja', 'puteri', 'umme', 'ummi',
]);
/** Female name elements of South Asian names: not inherited family names. */
const FEMALE_ELEMENTS = new Set(['begum', 'akter', 'akhter', 'aktar', 'akther', 'khatun', 'khatoon', 'khanam', 'sultana', 'parvin', 'parveen', 'bibi', 'nessa', 'nesa', 'banu', 'ara', 'jahan', 'devi', 'kumari']);
/** Family names shared by very many unrelated people in the region: weak evidence only. */
const COMMON_FAMILY = new Set([
  'islam', 'hossain', 'hussain', 'hosen', 'hasan', 'hassan', 'ahmed', 'ahmad', 'ali', 'rahman', 'uddin', 'ullah', 'alam',
  'mia', 'miah', 'khan', 'haque', 'hoque', 'huq', 'amin', 'karim', 'kabir', 'abdullah', 'mohammed', 'muhammad', 'bahadur',
  'tan', 'lim', 'lee', 'ng', 'wong', 'chan', 'nguyen', 'tran', 'le', 'kumar', 'singh', 'das', 'sharma', 'raj', 'smith',
  // Nepali clan and caste names (a large migrant-worker population in Malaysia and the Gulf)
  'gurung', 'tamang', 'rai', 'magar', 'thapa', 'shrestha', 'basnet', 'karki', 'khadka', 'adhikari', 'bhandari', 'poudel',
  'paudel', 'sherpa', 'limbu', 'pun', 'ghale', 'chaudhary', 'yadav', 'bk', 'thakuri', 'kc',
  // South Indian and Sri Lankan names used as surnames by very many unrelated people
  'pillai', 'nair', 'reddy', 'rao', 'naidu', 'perera', 'fernando', 'silva', 'de', 'dias', 'patel', 'shah',
  // Philippine surnames of Spanish origin
  'santos', 'reyes', 'cruz', 'garcia', 'mendoza', 'bautista', 'ramos', 'aquino', 'dela', 'gonzales',
]);
/** Surnames written first (Chinese, Vietnamese, Khmer), as seen in Malaysian and regional data. */
const SURNAME_FIRST = new Set([
  'tan', 'lim', 'lee', 'ng', 'wong', 'chan', 'ong', 'teo', 'goh', 'chong', 'yap', 'low', 'loh', 'chin', 'khoo', 'cheah', 'ooi',
  'teh', 'lau', 'foo', 'koh', 'yeoh', 'tay', 'ho', 'leong', 'chua', 'kok', 'liew', 'gan', 'soo', 'chew', 'chow', 'choo', 'lai',
  'nguyen', 'tran', 'le', 'pham', 'hoang', 'huynh', 'phan', 'vu', 'vo', 'dang', 'bui', 'do', 'ngo', 'duong', 'ly',
  'sok', 'chea', 'heng', 'keo', 'mao', 'ouk', 'nhem', 'pich',
]);
/** Nationalities whose names carry no family name (Myanmar: Burmese and Rohingya). */
const NO_FAMILY_NAME = new Set(['MM']);
/** Nationalities where a trailing name is rarely inherited (most Javanese names). */
const WEAK_FAMILY_NAME = new Set(['ID']);

/** Lower-cases, strips accents and punctuation; keeps `a/l`-style particles as one token. */
export function nameTokens(name: string | undefined): string[] {
  if (name === undefined) return [];
  const t = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\b([asd])\s*\/\s*([lpo])\b/g, '$1_$2');
  return t.split(/[^\p{L}\p{N}_]+/u).filter((x) => x.length > 0);
}

/** The whole name, normalized, for comparing names and counting distinct ones. */
export function nameKey(name: string | undefined): string | undefined {
  const tokens = nameTokens(name).filter((x) => !TITLES.has(x));
  return tokens.length === 0 ? undefined : tokens.join(' ');
}

const givenOf = (tokens: readonly string[]): string | undefined => tokens.find((x) => !PREFIXES.has(x)) ?? tokens[tokens.length - 1];

/**
 * Reads a name for family evidence. `country` is the holder's nationality or country if known
 * (a hint only: it turns family-name reading off for Myanmar and down for Indonesia).
 */
export function parseName(name: string | undefined, country?: string): ParsedName | undefined {
  let tokens = nameTokens(name).filter((x) => !TITLES.has(x));
  if (tokens[0] === 'tan' && tokens[1] === 'sri') tokens = tokens.slice(2);
  if (tokens.length === 0) return undefined;
  const truncated = name !== undefined && name.trim().length === 35;
  const p = tokens.findIndex((x) => PATRONYMIC.has(x));
  if (p > 0) {
    const after = tokens.slice(p + 1);
    const patronym = givenOf(after);
    return {
      tokens, given: givenOf(tokens.slice(0, p)), family: undefined, familyCommon: false,
      patronym, patronymCommon: patronym === undefined || COMMON_FAMILY.has(patronym) || PREFIXES.has(patronym), truncated,
    };
  }
  const core = tokens.filter((x) => !PREFIXES.has(x));
  const given = givenOf(tokens);
  let family: string | undefined;
  if (core.length >= 2 && !(country !== undefined && NO_FAMILY_NAME.has(country))) {
    const first = core[0] as string;
    family = SURNAME_FIRST.has(first) && tokens[0] === first ? first : (core[core.length - 1] as string);
    if (FEMALE_ELEMENTS.has(family)) family = undefined;
  }
  const familyCommon = family !== undefined && (COMMON_FAMILY.has(family) || (country !== undefined && WEAK_FAMILY_NAME.has(country)));
  return { tokens, given: family !== undefined && given === family ? core[1] : given, family, familyCommon, patronym: undefined, patronymCommon: false, truncated };
}

/** Whether two name tokens are the same, allowing for a token cut at the 35-character limit. */
function sameToken(a: string, b: string, truncated: boolean): boolean {
  if (a === b) return true;
  if (!truncated || Math.min(a.length, b.length) < 4) return false;
  return a.startsWith(b) || b.startsWith(a);
}

/** How two names suggest kinship. */
export type NameLink = 'same_name' | 'family_name' | 'common_name';

/**
 * Kinship evidence between two names: the same full name; a shared family name or patronym
 * (siblings); a patronym equal to the other's given name (parent and child); or only a very common
 * family name (weak). With `fullName` false the same full name is not itself evidence (two people
 * known to be different, by their identity documents): only the family name or patronym it contains is.
 */
export function nameLink(a: ParsedName | undefined, b: ParsedName | undefined, fullName = true): NameLink | undefined {
  if (a === undefined || b === undefined) return undefined;
  const cut = a.truncated || b.truncated;
  if (fullName && a.tokens.length >= 2 && a.tokens.length === b.tokens.length && a.tokens.every((t, i) => t === b.tokens[i])) return 'same_name';
  if (a.family !== undefined && b.family !== undefined && sameToken(a.family, b.family, cut)) {
    return a.familyCommon || b.familyCommon ? 'common_name' : 'family_name';
  }
  if (a.patronym !== undefined && b.patronym !== undefined && sameToken(a.patronym, b.patronym, cut)) {
    return a.patronymCommon ? 'common_name' : 'family_name';
  }
  for (const [child, parent] of [[a, b], [b, a]] as const) {
    if (child.patronym !== undefined && parent.given !== undefined && sameToken(child.patronym, parent.given, cut)) {
      return child.patronymCommon ? 'common_name' : 'family_name';
    }
  }
  return undefined;
}

/**
 * Keys under which relatives' names meet, with their strength: the family name, or the patronym
 * siblings share. Parent–child links are checked pairwise by {@link nameLink} only.
 */
export function nameFamilyKeys(parsed: ParsedName | undefined): { key: string; common: boolean }[] {
  if (parsed === undefined) return [];
  const out: { key: string; common: boolean }[] = [];
  if (parsed.family !== undefined) out.push({ key: `n:${parsed.family}`, common: parsed.familyCommon });
  if (parsed.patronym !== undefined) out.push({ key: `b:${parsed.patronym}`, common: parsed.patronymCommon });
  return out;
}
