import type { Account, Party } from '../schema/reference-data.js';

/**
 * What rules may ask about who is who: account holders, households and shared identifiers,
 * built once from accounts.csv and parties.csv.
 * @category Rules
 */
export interface IdentityIndex {
  /** The holder of an account, from accounts.csv and parties.csv. */
  partyOf(account: string): Party | undefined;
  /** Whether two accounts' holders look like one household: same party, address or phone. */
  sameHousehold(a: string, b: string): boolean;
  /** Parties that share a phone, address or document with this party. */
  linkedParties(party: string): readonly string[];
}

const norm = (s: string | undefined): string | undefined => {
  const t = s?.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return t === undefined || t === '' ? undefined : t;
};

/**
 * Builds the identity index from reference data.
 * @category Rules
 */
export function buildIdentityIndex(accounts: ReadonlyMap<string, Account>, parties: ReadonlyMap<string, Party>): IdentityIndex {
  const byIdentifier = new Map<string, string[]>();
  for (const p of parties.values()) {
    for (const [kind, value] of [['phone', p.phone], ['address', p.address], ['document', p.document]] as const) {
      const v = norm(value);
      if (v === undefined) continue;
      const key = `${kind}:${v}`;
      const list = byIdentifier.get(key) ?? [];
      list.push(p.party);
      byIdentifier.set(key, list);
    }
  }
  const links = new Map<string, string[]>();
  for (const list of byIdentifier.values()) {
    if (list.length < 2) continue;
    for (const a of list) {
      const set = new Set(links.get(a) ?? []);
      for (const b of list) if (b !== a) set.add(b);
      links.set(a, [...set].sort());
    }
  }
  const partyOf = (account: string): Party | undefined => {
    const id = accounts.get(account)?.party;
    return id === undefined ? undefined : parties.get(id);
  };
  return {
    partyOf,
    sameHousehold(a, b) {
      const pa = partyOf(a);
      const pb = partyOf(b);
      if (pa === undefined || pb === undefined) return false;
      if (pa.party === pb.party) return true;
      const same = (x: string | undefined, y: string | undefined) => norm(x) !== undefined && norm(x) === norm(y);
      return same(pa.address, pb.address) || same(pa.phone, pb.phone);
    },
    linkedParties: (party) => links.get(party) ?? [],
  };
}
