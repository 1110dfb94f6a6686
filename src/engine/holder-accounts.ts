import type { Alert } from '../scoring/alert.js';
import type { RuleContext } from '../rules/types.js';

type MemberRef = NonNullable<Alert['members']>[number];

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
  const out = new Set<string>();
  for (const a of group) {
    if (a.entity.kind !== 'account') continue;
    const holder = context.accounts.get(a.entity.id)?.party;
    if (holder === undefined) continue;
    for (const id of context.identity.accountsOf(holder)) if (!members.has(`account:${id}`)) out.add(id);
  }
  return [...out].sort().map((id) => ({ kind: 'account', id }));
}
