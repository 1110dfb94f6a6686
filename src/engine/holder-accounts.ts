import type { Alert } from '../scoring/alert.js';
import type { Account } from '../schema/reference-data.js';

type MemberRef = NonNullable<Alert['members']>[number];

const INDEX = new WeakMap<ReadonlyMap<string, Account>, ReadonlyMap<string, readonly string[]>>();

/** Each holder party's accounts (sorted), built once per accounts map. */
function accountsByHolder(accounts: ReadonlyMap<string, Account>): ReadonlyMap<string, readonly string[]> {
  let index = INDEX.get(accounts);
  if (index === undefined) {
    const m = new Map<string, string[]>();
    for (const a of accounts.values()) {
      if (a.party === undefined) continue;
      const list = m.get(a.party);
      if (list === undefined) m.set(a.party, [a.account]);
      else list.push(a.account);
    }
    for (const list of m.values()) list.sort();
    index = m;
    INDEX.set(accounts, index);
  }
  return index;
}

/**
 * The other accounts of the holders of a network's member accounts (from the accounts reference
 * data), other than the members, sorted. The subject of a report is the customer, not one of its
 * accounts: FATF's customer due diligence and every regional STR form (goAML's subject with all
 * its accounts) look at the person, and in the cases the scenario bank models the money moves
 * between a subject's own accounts — a collector's savings account, a mule's second account, the
 * account a structurer's deposits are swept to (RESEARCH §a.1 MS-STR-02: pieces spread over
 * accounts; MS-PT-01). Licensed remitters and government accounts are not members, so their
 * holders' accounts are never listed through them.
 * @internal
 * @example const extra = holderAccounts(group, new Set(['account:A1']), config.context.accounts);
 */
export function holderAccounts(group: readonly Alert[], members: ReadonlySet<string>, accounts: ReadonlyMap<string, Account>): MemberRef[] {
  const index = accountsByHolder(accounts);
  const out = new Set<string>();
  for (const a of group) {
    if (a.entity.kind !== 'account') continue;
    const holder = accounts.get(a.entity.id)?.party;
    if (holder === undefined) continue;
    for (const id of index.get(holder) ?? []) if (!members.has(`account:${id}`)) out.add(id);
  }
  return [...out].sort().map((id) => ({ kind: 'account', id }));
}
