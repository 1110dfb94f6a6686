import type { Alert } from '../scoring/alert.js';
import type { RuleContext } from '../rules/types.js';
import { isInstitution } from './institution.js';
import type { MemberRef } from './member-ref.js';

/**
 * Who an entity stands for in the network stage: an account's holder party (from the accounts
 * reference data), else the entity itself as `kind:id` — so one person's accounts count once.
 * @internal
 */
export function holderKey(accounts: RuleContext['accounts'], kind: string, id: string): string {
  return kind === 'account' ? (accounts.get(id)?.party ?? `account:${id}`) : `${kind}:${id}`;
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
 * @example const extra = holderAccounts(group, new Set(['account:A1']), config.context);
 */
export function holderAccounts(group: readonly Alert[], members: ReadonlySet<string>, context: Pick<RuleContext, 'accounts' | 'identity'>): MemberRef[] {
  return holderAccountsOf(group.map((a) => a.entity), members, context);
}

/**
 * The other accounts of the holders of the given member accounts (parties and other refs are
 * skipped), other than `members`, sorted: {@link holderAccounts} for members known by reference —
 * the vouched members a network lists without alerts of their own (a structurer's funder, a
 * collector named by its payers' own series). The case extends to the customer behind such a
 * member as it does behind an alerted one: a conductor who funds a structurer's cash and keeps a
 * savings account fed from the funding account is one subject with two accounts. The structure
 * networks (layering, fans, cash joins: `structureAlert`) list their accounts' holders' too.
 * Licensed remitters and government accounts move other people's money: their holders' other
 * accounts are never listed through them.
 * @internal
 * @example const extra = holderAccountsOf([{ kind: 'account', id: 'A1' }], known, config.context);
 */
export function holderAccountsOf(refs: Iterable<{ readonly kind: string; readonly id: string }>, members: ReadonlySet<string>, context: Pick<RuleContext, 'accounts' | 'identity'>): MemberRef[] {
  const out = new Set<string>();
  for (const r of refs) {
    if (r.kind !== 'account') continue;
    const account = context.accounts.get(r.id);
    const holder = account?.party;
    // A licensed remitter or a government body moves other people's money: its other accounts are not the case's.
    if (holder === undefined || isInstitution(account?.type)) continue;
    for (const id of context.identity.accountsOf(holder)) if (!members.has(`account:${id}`)) out.add(id);
  }
  return [...out].sort().map((id) => ({ kind: 'account', id }));
}
