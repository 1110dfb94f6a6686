import type { Account, Party } from '../../schema/reference-data.js';
import { nameFamilyKeys, nameKey, nameLink, parseName, type ParsedName } from '../_names.js';

/**
 * A phone, address or document that several parties share.
 * @category Rules
 * @example for (const id of identity.identifiersOf('P1')) if (id.kind === 'phone' && id.names >= 3) flag(id.parties);
 */
export interface SharedIdentifier {
  readonly kind: 'phone' | 'address' | 'document';
  /** Normalized value (phones: the last 9 digits). */
  readonly value: string;
  /** Every party holding it, sorted (including the one asked about). */
  readonly parties: readonly string[];
  /** Distinct normalized names among those parties. */
  readonly names: number;
  /** Distinct families among them: names grouped by family name or patronym; names without one count as one more. */
  readonly families: number;
  /** No holder's name has a readable family name (mononyms, women's name elements only). */
  readonly keylessOnly: boolean;
  /** Distinct addresses of the holders (an unknown address counts as its own). */
  readonly addresses: number;
  /** Distinct households among them (see {@link IdentityIndex.sameHousehold}); an address shared by a household counts once. */
  readonly households: number;
  /** Allow-listed institutional address (worker dormitory, camp block, NGO office, hostel …), or a phone shared only inside one. */
  readonly institutional: boolean;
  /** Shared by more parties than one household plausibly has (`maxHouseholdSize`). */
  readonly crowded: boolean;
}

/**
 * Who an account or a payer is, as far as the data tells.
 * @category Rules
 * @example const payer: PersonRef = { account: tx.fromAccount, name: tx.fromName, country: tx.fromCountry };
 */
export interface PersonRef {
  readonly account?: string | undefined;
  readonly party?: string | undefined;
  /** The name as written on the transaction, used when the party is unknown. */
  readonly name?: string | undefined;
  /** Country hint for reading the name (nationality or the account's country). */
  readonly country?: string | undefined;
}

/**
 * How two people look related: the same party (or the same full name), one household (a shared
 * non-institutional address or phone, transitively), a shared family name or patronym, or only a
 * very common family name (weak).
 * @category Rules
 * @example if (identity.familyLink(payer, payee) === 'household') return; // a family remittance
 */
export type FamilyLink = 'same_party' | 'household' | 'family_name' | 'common_name';

/**
 * A key under which relatives meet, with how much it is worth.
 * @category Rules
 * @example identity.familyKeys({ name: 'Rafiq Sarkar' }) // [{ key: 'n:sarkar', strength: 'name' }]
 */
export interface FamilyKey {
  readonly key: string;
  readonly strength: 'household' | 'name' | 'common';
}

/**
 * What rules may ask about who is who: account holders, households and shared identifiers,
 * built once from accounts.csv and parties.csv in time linear in their size.
 * @category Rules
 * @example context.identity.sameHousehold('MY0001', 'MY0002')
 */
export interface IdentityIndex {
  /** The holder of an account, from accounts.csv and parties.csv. */
  partyOf(account: string): Party | undefined;
  /** Whether two accounts' holders look like one household: same party, or linked by a non-institutional address (or a phone where an address is unknown). */
  sameHousehold(a: string, b: string): boolean;
  /** Parties that share a phone, address or document with this party. */
  linkedParties(party: string): readonly string[];
  /** The accounts a party holds (accounts.csv), sorted. */
  accountsOf(party: string): readonly string[];
  /** The identifiers this party shares with at least one other party. */
  identifiersOf(party: string): readonly SharedIdentifier[];
  /** Parties whose phone appears in a free text (a payment reference), by the last 9 digits. */
  partiesByPhone(text: string | undefined): readonly string[];
  /** Keys under which the person's relatives meet: household, family name, patronym. */
  familyKeys(person: PersonRef): readonly FamilyKey[];
  /** The strongest family key of an account's holder (or of a name when the party is unknown). */
  familyKey(account: string | undefined, name?: string): string | undefined;
  /** Kinship evidence between two people, strongest first; `undefined` when none. */
  familyLink(a: PersonRef, b: PersonRef): FamilyLink | undefined;
}

/**
 * Options of {@link buildIdentityIndex}.
 * @category Rules
 * @example const options: IdentityIndexOptions = { institutionalAddresses: ['lot 12 jalan kilang'], maxHouseholdSize: 6 };
 */
export interface IdentityIndexOptions {
  /** Words that mark an address as institutional (matched as whole words after normalizing). */
  readonly institutionalKeywords?: readonly string[];
  /** Further institutional addresses (normalized substrings), e.g. a known dormitory. */
  readonly institutionalAddresses?: readonly string[];
  /** Largest group sharing an address or phone still treated as one household (default 8). */
  readonly maxHouseholdSize?: number;
}

/**
 * Default institutional-address words (RESEARCH §c.5: dormitories, camps, NGO offices).
 * @category Rules
 * @example buildIdentityIndex(accounts, parties, { institutionalKeywords: [...INSTITUTIONAL_KEYWORDS, 'rumah kongsi'] })
 */
export const INSTITUTIONAL_KEYWORDS: readonly string[] = [
  'dormitory', 'dormitories', 'dorm', 'asrama', 'hostel', 'kongsi', 'quarters', 'barracks', 'camp', 'kem', 'shelter',
  'ngo', 'unhcr', 'iom', 'office', 'pejabat', 'persatuan', 'yayasan', 'foundation', 'mosque', 'masjid', 'surau', 'madrasa',
  'madrasah', 'church', 'temple', 'po box', 'peti surat', 'c o',
];

const norm = (s: string | undefined): string | undefined => {
  const t = s?.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return t === undefined || t === '' ? undefined : t;
};
const docKey = (s: string | undefined): string | undefined => {
  const t = s?.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return t === undefined || t === '' ? undefined : t;
};
const phoneKey = (s: string | undefined): string | undefined => {
  const d = s?.replace(/\D+/g, '');
  return d === undefined || d.length < 7 ? undefined : d.slice(-9);
};

interface Group extends SharedIdentifier {
  readonly parties: string[];
  households: number;
}

/**
 * Builds the identity index from reference data. Household links join parties that share an
 * address (or a phone, where one side's address is unknown), except institutional addresses and
 * groups larger than `maxHouseholdSize`; documents never make a household (a shared document is
 * an identity question, MS-ID-01).
 * @category Rules
 * @example const identity = buildIdentityIndex(accounts, parties, { institutionalAddresses: ['lot 12 jalan kilang'] });
 */
export function buildIdentityIndex(
  accounts: ReadonlyMap<string, Account>,
  parties: ReadonlyMap<string, Party>,
  options: IdentityIndexOptions = {},
): IdentityIndex {
  const maxHousehold = options.maxHouseholdSize ?? 8;
  const words = (options.institutionalKeywords ?? INSTITUTIONAL_KEYWORDS).map((w) => norm(w)).filter((w): w is string => w !== undefined);
  const extra = (options.institutionalAddresses ?? []).map((w) => norm(w)).filter((w): w is string => w !== undefined);
  const institutional = (address: string): boolean =>
    words.some((w) => ` ${address} `.includes(` ${w} `)) || extra.some((w) => address.includes(w));

  const byIdentifier = new Map<string, string[]>();
  for (const p of parties.values()) {
    const values: [SharedIdentifier['kind'], string | undefined][] = [['phone', phoneKey(p.phone)], ['address', norm(p.address)], ['document', docKey(p.document)]];
    for (const [kind, v] of values) {
      if (v === undefined) continue;
      const key = `${kind}:${v}`;
      const list = byIdentifier.get(key);
      if (list === undefined) byIdentifier.set(key, [p.party]);
      else if (list[list.length - 1] !== p.party) list.push(p.party);
    }
  }

  // Union-find over household links (path halving), linear in the number of memberships.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) {
      const gp = parent.get(p) ?? p;
      parent.set(r, gp);
      r = gp;
    }
    return r;
  };
  const householdSize = new Map<string, number>();
  const groupsOf = new Map<string, Group[]>();
  for (const [key, list] of byIdentifier) {
    if (list.length < 2) continue;
    const kind = key.slice(0, key.indexOf(':')) as SharedIdentifier['kind'];
    const value = key.slice(kind.length + 1);
    list.sort();
    const inst = kind === 'address' && institutional(value);
    const crowded = list.length > maxHousehold;
    const families = new Set<string>();
    const names = new Set<string>();
    const homes = new Set<string>();
    for (const id of list) {
      const party = parties.get(id);
      names.add(nameKey(party?.name) ?? `#${id}`);
      homes.add(norm(party?.address) ?? `#${id}`);
      // Names without a readable family name (mononyms, women's name elements) form one bucket:
      // they may well belong to the family of any other name here.
      families.add(nameFamilyKeys(parseName(party?.name, party?.country))[0]?.key ?? '?');
    }
    const keylessOnly = families.size === 1 && families.has('?');
    const group: Group = {
      kind, value, parties: list, names: names.size, families: families.size, keylessOnly, addresses: homes.size, households: 0,
      institutional: inst || (kind === 'phone' && homes.size === 1 && institutional([...homes][0] as string)), crowded,
    };
    for (const id of list) {
      const g = groupsOf.get(id);
      if (g === undefined) groupsOf.set(id, [group]);
      else g.push(group);
    }
    if (kind !== 'document' && !inst && !crowded) {
      // A shared phone joins a household only where the address is unknown: people with different
      // known addresses who share a phone are linked (MS-ID-01) but do not live together.
      const members = kind === 'address' ? list : list.filter((id, i) => i === 0 || norm(parties.get(id)?.address) === undefined);
      for (const id of members) if (!parent.has(id)) parent.set(id, id);
      for (let i = 1; i < members.length; i++) {
        const a = find(members[0] as string);
        const b = find(members[i] as string);
        if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
      }
    }
  }
  for (const id of parent.keys()) {
    const r = find(id);
    householdSize.set(r, (householdSize.get(r) ?? 0) + 1);
  }
  for (const list of groupsOf.values()) {
    for (const g of list) if (g.households === 0) g.households = new Set(g.parties.map((id) => (parent.has(id) ? find(id) : id))).size;
  }

  const accountsByParty = new Map<string, string[]>();
  for (const a of accounts.values()) {
    if (a.party === undefined) continue;
    const list = accountsByParty.get(a.party);
    if (list === undefined) accountsByParty.set(a.party, [a.account]);
    else list.push(a.account);
  }
  for (const list of accountsByParty.values()) list.sort();

  const partyOf = (account: string): Party | undefined => {
    const id = accounts.get(account)?.party;
    return id === undefined ? undefined : parties.get(id);
  };
  const resolve = (ref: PersonRef): Party | undefined =>
    ref.party !== undefined ? parties.get(ref.party) : ref.account !== undefined ? partyOf(ref.account) : undefined;
  const rootOf = (party: string): string | undefined => (parent.has(party) ? find(party) : undefined);
  const linkedCache = new Map<string, readonly string[]>();
  // Names repeat on every payment; reading one is cheap, but not free. Bounded, deterministic cache.
  const nameCache = new Map<string, ParsedName | undefined>();
  const parse = (name: string | undefined, country: string | undefined): ParsedName | undefined => {
    if (name === undefined) return undefined;
    const key = `${country ?? ''}|${name}`;
    if (nameCache.has(key)) return nameCache.get(key);
    if (nameCache.size >= 100_000) nameCache.clear();
    const p = parseName(name, country);
    nameCache.set(key, p);
    return p;
  };

  // A collector's payers are read on every inflow: their keys are built once per party (bounded by
  // the reference data) or per unknown payer's name (bounded like the names), and shared, frozen.
  const keysByParty = new Map<string, readonly FamilyKey[]>();
  const keysByName = new Map<string, readonly FamilyKey[]>();
  const familyKeys = (ref: PersonRef): readonly FamilyKey[] => {
    const party = resolve(ref);
    // A party's own name and country decide its keys; without them, the ones written on the payment do.
    if (party !== undefined && party.name !== undefined && party.country !== undefined) {
      let keys = keysByParty.get(party.party);
      if (keys === undefined) keysByParty.set(party.party, (keys = Object.freeze(buildFamilyKeys(party, ref))));
      return keys;
    }
    const key = `${party?.party ?? ''}\u0000${party?.country ?? ref.country ?? ''}\u0000${party?.name ?? ref.name ?? ''}`;
    let keys = keysByName.get(key);
    if (keys === undefined) {
      if (keysByName.size >= 100_000) keysByName.clear();
      keysByName.set(key, (keys = Object.freeze(buildFamilyKeys(party, ref))));
    }
    return keys;
  };
  const buildFamilyKeys = (party: Party | undefined, ref: PersonRef): FamilyKey[] => {
    const out: FamilyKey[] = [];
    if (party !== undefined) {
      const root = rootOf(party.party);
      out.push({ key: `h:${root ?? party.party}`, strength: 'household' });
    }
    const parsed = parse(party?.name ?? ref.name, party?.country ?? ref.country);
    for (const k of nameFamilyKeys(parsed)) out.push({ key: k.key, strength: k.common ? 'common' : 'name' });
    for (const k of out) Object.freeze(k);
    return out;
  };

  return {
    partyOf,
    sameHousehold(a, b) {
      const pa = partyOf(a);
      const pb = partyOf(b);
      if (pa === undefined || pb === undefined) return false;
      if (pa.party === pb.party) return true;
      const ra = rootOf(pa.party);
      return ra !== undefined && ra === rootOf(pb.party);
    },
    linkedParties(party) {
      let list = linkedCache.get(party);
      if (list === undefined) {
        const set = new Set<string>();
        for (const g of groupsOf.get(party) ?? []) for (const p of g.parties) if (p !== party) set.add(p);
        list = [...set].sort();
        linkedCache.set(party, list);
      }
      return list;
    },
    accountsOf: (party) => accountsByParty.get(party) ?? [],
    identifiersOf: (party) => groupsOf.get(party) ?? [],
    partiesByPhone(text) {
      if (text === undefined) return [];
      const out = new Set<string>();
      for (const m of text.matchAll(/\+?\d[\d\s-]{6,}\d/g)) {
        const k = phoneKey(m[0]);
        if (k === undefined) continue;
        for (const p of byIdentifier.get(`phone:${k}`) ?? []) out.add(p);
      }
      return [...out].sort();
    },
    familyKeys,
    familyKey(account, name) {
      const keys = familyKeys({ account, name });
      const party = account === undefined ? undefined : partyOf(account);
      const household = party === undefined ? undefined : rootOf(party.party);
      if (household !== undefined && (householdSize.get(household) ?? 0) > 1) return `h:${household}`;
      return (keys.find((k) => k.strength === 'name') ?? keys.find((k) => k.strength === 'household') ?? keys[0])?.key;
    },
    familyLink(a, b) {
      const pa = resolve(a);
      const pb = resolve(b);
      if (pa !== undefined && pb !== undefined) {
        if (pa.party === pb.party) return 'same_party';
        const ra = rootOf(pa.party);
        if (ra !== undefined && ra === rootOf(pb.party)) return 'household';
      }
      const na = parse(pa?.name ?? a.name, pa?.country ?? a.country);
      const nb = parse(pb?.name ?? b.name, pb?.country ?? b.country);
      // Two customers whose identity documents differ, living apart, are two people whatever their
      // names: a full name they share is kinship only through the family name or patronym in it
      // ("Thin Thin", a Myanmar name with neither, says nothing). Without both documents, or at one
      // address or phone, the name still decides.
      const link = nameLink(na, nb, !(pa !== undefined && pb !== undefined && documentsDiffer(pa, pb)));
      return link === 'same_name' ? 'same_party' : link;
    },
  };
}

/**
 * Two documented customers who are not one person: both carry an identity document, the two
 * differ, and they share neither a phone nor an address (the same name under one roof, or on one
 * phone, is most likely family — a child named after a parent — and stays the name's reading).
 */
function documentsDiffer(a: Party, b: Party): boolean {
  const da = docKey(a.document);
  const db = docKey(b.document);
  if (da === undefined || db === undefined || da === db) return false;
  const pa = phoneKey(a.phone);
  const ha = norm(a.address);
  return (pa === undefined || pa !== phoneKey(b.phone)) && (ha === undefined || ha !== norm(b.address));
}
